"""Partner-led activities (issue 16): partners start and publish their own activities, the team
supports them (support requests, suggestions) and may only hold back what breaks the
community's rules, with a reason the hosts read and an append-only log."""

import datetime
import re

import pytest
from django.db import IntegrityError, InternalError, connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from activities import permissions, services
from activities.enums import (
    ActivityStatus,
    LedBy,
    LogAction,
    SuggestionState,
    SupportKind,
    SupportState,
)
from activities.exceptions import ActivityError
from activities.models import Activity, ActivityLog, Suggestion, SupportRequest
from core.exceptions import ApplicationError, NotAllowed
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from partners.enums import MembershipRole
from tests.activities.test_calendars import _edit_data
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    RegistrationFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import text_of, translated


def _new_data(organisation, person, **changes):
    data = {
        "type": "call",
        "title_en": "Our own circle",
        "title_es": "",
        "title_fr": "",
        "description_en": "Peer support for budget planning.",
        "description_es": "",
        "description_fr": "",
        "original_language": "en",
        "format": "online",
        "place": "",
        "online_link": "",
        "capacity": "",
        "audience": "community",
        "spoken": ["en"],
        "interpretation": [],
        "timezone": "Africa/Dakar",
        "starts_at": "2031-05-06T10:00",
        "ends_at": "2031-05-06T12:00",
        "registration_deadline": "",
        "host_organisations": [organisation.pk],
        "host_people": [person.pk],
        "status": "draft",
    }
    data.update(changes)
    return data


@pytest.fixture
def hosting():
    """A member (not a lead) of an organisation, their partner-led draft, another partner,
    and a team member."""
    organisation = OrganisationFactory(name="Mujeres Unidas")
    member = MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    lead = MembershipFactory(organisation=organisation, role=MembershipRole.LEAD).user
    activity = ActivityFactory(
        title_en="Budget circle",
        hosts=[organisation],
        status=ActivityStatus.DRAFT,
        led_by=LedBy.PARTNERS,
    )
    activity.host_people.add(member)
    return {
        "organisation": organisation,
        "member": member,
        "lead": lead,
        "activity": activity,
        "other": PartnerFactory(),
        "staff": StaffFactory(),
    }


def _hold(activity, staff, reason="Shares a survivor's address."):
    return services.change_status(
        activity=activity, to=ActivityStatus.HELD_BACK, by=staff, reason=reason
    )


# --- Starting and publishing -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_member_starts_a_partner_led_draft_on_the_create_page(client):
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)

    page = client.get("/en/activities/new/")
    response = client.post("/en/activities/new/", _new_data(organisation, member))

    activity = Activity.objects.get()
    assert page.status_code == 200
    assert translated("en", "Host an activity") in text_of(page)
    assert 'name="led_by"' not in page.content.decode()
    assert response.status_code == 302
    assert (activity.led_by, activity.status, activity.created_by) == (
        LedBy.PARTNERS,
        ActivityStatus.DRAFT,
        member,
    )
    assert list(activity.host_organisations.all()) == [organisation]
    assert list(activity.host_people.all()) == [member]


@pytest.mark.django_db
def test_a_partner_publishes_their_own_activity_and_it_is_listed(client):
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)
    client.post("/en/activities/new/", _new_data(organisation, member))
    activity = Activity.objects.get()

    response = client.post(f"/en/activities/{activity.pk}/publish/")

    activity.refresh_from_db()
    assert response.status_code == 302
    assert activity.status == ActivityStatus.SCHEDULED
    client.force_login(PartnerFactory())
    assert "Our own circle" in text_of(client.get("/en/activities/"))


@pytest.mark.django_db
def test_a_partner_may_publish_on_creation(client):
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)

    client.post("/en/activities/new/", _new_data(organisation, member, status="scheduled"))

    assert Activity.objects.get().status == ActivityStatus.SCHEDULED


@pytest.mark.django_db
def test_a_partner_must_host_with_their_own_organisation_and_be_a_host(client):
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user
    stranger_organisation = OrganisationFactory()
    client.force_login(member)

    not_ours = client.post(
        "/en/activities/new/", _new_data(stranger_organisation, member, title_en="Not ours")
    )
    without_me = client.post(
        "/en/activities/new/",
        _new_data(organisation, member, host_people=[], title_en="Without me"),
    )

    assert not_ours.status_code == 400
    assert translated(
        "en", "Host the activity with at least one organisation you belong to."
    ) in text_of(not_ours)
    assert without_me.status_code == 400
    assert translated(
        "en", "You host the activity you start: keep yourself among its hosts."
    ) in text_of(without_me)
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_partner_cannot_start_a_team_led_activity_through_the_service():
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user

    with pytest.raises(NotAllowed):
        services.create_activity(
            by=member,
            data={},
            status=ActivityStatus.DRAFT,
            host_organisations=[organisation],
            host_people=[member],
            focus_areas=[],
            led_by=LedBy.TEAM,
        )


@pytest.mark.django_db
def test_staff_may_not_publish_a_partner_led_draft(client, hosting):
    client.force_login(hosting["staff"])

    response = client.post(f"/en/activities/{hosting['activity'].pk}/publish/")

    hosting["activity"].refresh_from_db()
    assert response.status_code == 403
    assert translated("en", "Only its hosts publish a partner-led activity.") in text_of(response)
    assert hosting["activity"].status == ActivityStatus.DRAFT


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "lead"])
def test_its_hosts_publish_a_partner_led_draft(client, hosting, who):
    client.force_login(hosting[who])

    client.post(f"/en/activities/{hosting['activity'].pk}/publish/")

    hosting["activity"].refresh_from_db()
    assert hosting["activity"].status == ActivityStatus.SCHEDULED


@pytest.mark.django_db
def test_staff_start_a_partner_led_activity_only_as_a_draft(client):
    organisation = OrganisationFactory()
    staff = StaffFactory()
    client.force_login(staff)

    refused = client.post(
        "/en/activities/new/",
        _new_data(organisation, staff, led_by="partners", status="scheduled", host_people=[]),
    )
    saved = client.post(
        "/en/activities/new/",
        _new_data(organisation, staff, led_by="partners", host_people=[]),
    )

    assert refused.status_code == 400
    assert translated(
        "en", "The hosts publish a partner-led activity: save it as a draft for them."
    ) in text_of(refused)
    assert saved.status_code == 302
    assert Activity.objects.get().led_by == LedBy.PARTNERS


@pytest.mark.django_db
def test_staff_still_create_and_publish_team_led_activities(client):
    organisation = OrganisationFactory()
    staff = StaffFactory()
    client.force_login(staff)

    client.post(
        "/en/activities/new/", _new_data(organisation, staff, status="scheduled", host_people=[])
    )

    activity = Activity.objects.get()
    assert (activity.led_by, activity.status) == (LedBy.TEAM, ActivityStatus.SCHEDULED)


@pytest.mark.django_db
def test_staff_change_nothing_of_a_partner_led_activitys_content(client, hosting):
    activity = hosting["activity"]
    client.force_login(hosting["staff"])

    edit = client.get(f"/en/activities/{activity.pk}/edit/")
    material = client.get(f"/en/activities/{activity.pk}/materials/add/")
    page = client.get(f"/en/activities/{activity.pk}/")

    assert (edit.status_code, material.status_code) == (403, 403)
    assert f"/activities/{activity.pk}/edit/" not in page.content.decode()
    assert f"/activities/{activity.pk}/support/" in page.content.decode()
    assert permissions.can_cancel_activity(hosting["staff"], activity) is False
    assert permissions.can_edit(hosting["member"], activity) is True


@pytest.mark.django_db
def test_the_page_says_who_leads_and_who_supports(client, hosting):
    activity = hosting["activity"]
    client.force_login(hosting["member"])
    client.post(f"/en/activities/{activity.pk}/publish/")
    team_led = ActivityFactory(hosts=[OrganisationFactory(name="Voces")])
    client.force_login(hosting["other"])

    partner_page = text_of(client.get(f"/en/activities/{activity.pk}/"))
    team_page = text_of(client.get(f"/en/activities/{team_led.pk}/"))

    assert "Led by" in partner_page
    assert "Supported by" in partner_page
    assert "Mujeres Unidas" in partner_page
    assert "Hosted with" in team_page
    assert "Voces" in team_page


# --- Holding back and releasing ----------------------------------------------------------------


@pytest.mark.django_db
def test_staff_hold_back_a_scheduled_activity_with_a_reason(client, hosting):
    activity = hosting["activity"]
    services.change_status(activity=activity, to=ActivityStatus.SCHEDULED, by=hosting["member"])
    registration = RegistrationFactory(activity=activity, user=hosting["other"])
    client.force_login(hosting["staff"])

    response = client.post(
        f"/en/activities/{activity.pk}/hold-back/", {"reason": "Names a survivor & her city."}
    )

    activity.refresh_from_db()
    entry = ActivityLog.objects.get()
    assert response.status_code == 302
    assert (activity.status, activity.held_back_from) == (
        ActivityStatus.HELD_BACK,
        ActivityStatus.SCHEDULED,
    )
    assert (entry.action, entry.actor, entry.reason) == (
        LogAction.HELD_BACK,
        hosting["staff"],
        "Names a survivor & her city.",
    )
    told = set(
        Delivery.objects.filter(kind=Kind.ACTIVITY_HELD_BACK).values_list("user_id", flat=True)
    )
    assert told == {hosting["member"].pk, hosting["lead"].pk}
    # Gone from everyone else's view: page, list, registration, feeds.
    client.force_login(hosting["other"])
    assert client.get(f"/en/activities/{activity.pk}/").status_code == 404
    assert "Budget circle" not in text_of(client.get("/en/activities/"))
    with pytest.raises(ApplicationError):
        services.register(activity=activity, user=PartnerFactory())
    assert registration.pk  # kept, not cancelled
    # The hosts read why, on the page.
    client.force_login(hosting["member"])
    page = text_of(client.get(f"/en/activities/{activity.pk}/"))
    assert "Names a survivor & her city." in page


@pytest.mark.django_db
def test_holding_back_needs_a_reason_and_changes_nothing_without_one(client, hosting):
    client.force_login(hosting["staff"])

    response = client.post(f"/fr/activities/{hosting['activity'].pk}/hold-back/", {"reason": " "})

    hosting["activity"].refresh_from_db()
    assert response.status_code == 400
    assert hosting["activity"].status == ActivityStatus.DRAFT
    assert not ActivityLog.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "lead", "other"])
def test_only_staff_hold_back(client, hosting, who):
    client.force_login(hosting[who])

    response = client.post(f"/en/activities/{hosting['activity'].pk}/hold-back/", {"reason": "x"})

    assert response.status_code in (403, 404)
    assert not ActivityLog.objects.exists()


@pytest.mark.django_db
def test_a_held_back_activity_cannot_be_held_back_again_or_published(client, hosting):
    _hold(hosting["activity"], hosting["staff"])
    client.force_login(hosting["staff"])

    again = client.post(f"/en/activities/{hosting['activity'].pk}/hold-back/", {"reason": "x"})
    client.force_login(hosting["member"])
    publish = client.post(f"/en/activities/{hosting['activity'].pk}/publish/")

    assert again.status_code == 409
    # Only the team releases it (to what it was).
    assert publish.status_code == 403
    assert ActivityLog.objects.count() == 1


@pytest.mark.django_db
def test_release_goes_back_to_what_it_was_and_rearms_the_reminders(client, hosting):
    activity = hosting["activity"]
    services.change_status(activity=activity, to=ActivityStatus.SCHEDULED, by=hosting["member"])
    RegistrationFactory(activity=activity, user=hosting["other"])
    services.register(activity=activity, user=PartnerFactory())
    _hold(activity, hosting["staff"])
    pending = Delivery.objects.filter(kind=Kind.REMINDER, status=DeliveryStatus.PENDING)
    assert not pending.exists()
    client.force_login(hosting["staff"])

    response = client.post(
        f"/en/activities/{activity.pk}/release/", {"reason": "The address was removed."}
    )

    activity.refresh_from_db()
    assert response.status_code == 302
    assert (activity.status, activity.held_back_from) == (ActivityStatus.SCHEDULED, "")
    assert list(ActivityLog.objects.values_list("action", flat=True)) == [
        LogAction.HELD_BACK,
        LogAction.RELEASED,
    ]
    assert pending.exists()
    assert Delivery.objects.filter(kind=Kind.ACTIVITY_RELEASED).count() == 2


@pytest.mark.django_db
def test_release_of_a_held_back_draft_is_a_draft_again(hosting):
    _hold(hosting["activity"], hosting["staff"])

    with pytest.raises(ActivityError) as refused:
        services.change_status(
            activity=hosting["activity"],
            to=ActivityStatus.SCHEDULED,
            by=hosting["staff"],
            reason="ok",
        )
    services.change_status(
        activity=hosting["activity"], to=ActivityStatus.DRAFT, by=hosting["staff"], reason="ok"
    )

    hosting["activity"].refresh_from_db()
    assert refused.value.status_code == 409
    assert hosting["activity"].status == ActivityStatus.DRAFT


@pytest.mark.django_db(transaction=True)
def test_the_activity_log_is_append_only_in_the_database():
    from tests.activities.utils import empty_activity_log

    try:
        hosting_staff = StaffFactory()
        activity = ActivityFactory(led_by=LedBy.PARTNERS)
        _hold(activity, hosting_staff)
        entry = ActivityLog.objects.get()

        for write in (
            lambda: ActivityLog.objects.filter(pk=entry.pk).update(reason="rewritten"),
            lambda: ActivityLog.objects.filter(pk=entry.pk).delete(),
        ):
            with (
                pytest.raises((IntegrityError, InternalError, DatabaseError)) as refused,
                transaction.atomic(),
            ):
                write()
            assert "append-only" in str(refused.value)
        assert ActivityLog.objects.get().reason == "Shares a survivor's address."
    finally:
        empty_activity_log(connection)


# --- Support requests --------------------------------------------------------------------------


@pytest.mark.django_db
def test_hosts_ask_for_support_and_the_team_confirms(client, hosting):
    activity = hosting["activity"]
    client.force_login(hosting["member"])
    client.post(
        f"/es/activities/{activity.pk}/support/ask/",
        {"kind": SupportKind.INTERPRETATION, "details": "Al francés, 30 personas"},
    )
    support = SupportRequest.objects.get()
    client.force_login(hosting["staff"])

    waiting = text_of(client.get("/en/activities/support/"))
    response = client.post(
        f"/en/activities/{activity.pk}/support/{support.pk}/answer/",
        {"decision": "yes", "note": "Two interpreters booked."},
    )

    support.refresh_from_db()
    assert (support.language, support.requested_by) == ("es", hosting["member"])
    assert "Al francés, 30 personas" in waiting
    assert response.status_code == 302
    assert (support.state, support.note, support.decided_by) == (
        SupportState.CONFIRMED,
        "Two interpreters booked.",
        hosting["staff"],
    )
    assert Delivery.objects.filter(kind=Kind.SUPPORT_ANSWERED).count() == 2
    client.force_login(hosting["member"])
    page = text_of(client.get(f"/en/activities/{activity.pk}/support/"))
    assert "Two interpreters booked." in page
    assert translated("en", "Confirmed", "support request") in page


@pytest.mark.django_db
def test_a_request_is_answered_once(client, hosting):
    support = services.request_support(
        activity=hosting["activity"], by=hosting["member"], kind=SupportKind.BUDGET
    )
    services.answer_support(support=support, by=StaffFactory(), confirm=True)
    client.force_login(hosting["staff"])

    response = client.post(
        f"/en/activities/{hosting['activity'].pk}/support/{support.pk}/answer/",
        {"decision": "no", "note": "Sorry."},
    )

    support.refresh_from_db()
    assert response.status_code == 409
    assert support.state == SupportState.CONFIRMED


@pytest.mark.django_db
def test_declining_needs_a_note(client, hosting):
    support = services.request_support(
        activity=hosting["activity"], by=hosting["member"], kind=SupportKind.BUDGET
    )
    client.force_login(hosting["staff"])

    response = client.post(
        f"/en/activities/{hosting['activity'].pk}/support/{support.pk}/answer/",
        {"decision": "no", "note": ""},
    )

    support.refresh_from_db()
    assert response.status_code == 400
    assert support.state == SupportState.OPEN


@pytest.mark.django_db
def test_request_support_is_callable_for_an_approved_proposal():
    """The Working Group may turn a proposal's "support needed" into a request."""
    activity = ActivityFactory()
    proposer = PartnerFactory()
    activity.host_people.add(proposer)

    support = services.request_support(
        activity=activity, by=proposer, kind=SupportKind.OTHER, details="A room in Dakar"
    )

    assert (support.state, support.details) == (SupportState.OPEN, "A room in Dakar")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other", "staff"])
def test_only_hosts_ask_for_support(client, hosting, who):
    services.change_status(
        activity=hosting["activity"], to=ActivityStatus.SCHEDULED, by=hosting["member"]
    )
    client.force_login(hosting[who])

    response = client.post(
        f"/en/activities/{hosting['activity'].pk}/support/ask/", {"kind": "budget"}
    )

    assert response.status_code == 403
    assert not SupportRequest.objects.exists()


@pytest.mark.django_db
def test_a_cancelled_activity_needs_no_more_support(hosting):
    activity = hosting["activity"]
    services.change_status(activity=activity, to=ActivityStatus.SCHEDULED, by=hosting["member"])
    services.change_status(
        activity=activity, to=ActivityStatus.CANCELLED, by=hosting["member"], reason="Rain"
    )

    with pytest.raises(ActivityError) as refused:
        services.request_support(activity=activity, by=hosting["member"], kind="budget")

    assert refused.value.status_code == 409


# --- Suggestions -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_team_suggests_and_the_hosts_accept_without_the_activity_changing(client, hosting):
    activity = hosting["activity"]
    before = (activity.title_en, activity.starts_at, activity.sequence)
    client.force_login(hosting["staff"])
    client.post(
        f"/en/activities/{activity.pk}/suggestions/", {"text": "Invite the Sahel network too."}
    )
    suggestion = Suggestion.objects.get()
    client.force_login(hosting["lead"])

    response = client.post(
        f"/en/activities/{activity.pk}/suggestions/{suggestion.pk}/answer/",
        {"decision": "yes", "note": "Good idea, we will."},
    )

    suggestion.refresh_from_db()
    activity.refresh_from_db()
    assert response.status_code == 302
    assert (suggestion.state, suggestion.reply, suggestion.answered_by) == (
        SuggestionState.ACCEPTED,
        "Good idea, we will.",
        hosting["lead"],
    )
    assert (activity.title_en, activity.starts_at, activity.sequence) == before
    assert set(
        Delivery.objects.filter(kind=Kind.SUGGESTION_RECEIVED).values_list("user_id", flat=True)
    ) == {hosting["member"].pk, hosting["lead"].pk}
    client.force_login(hosting["staff"])
    assert "Good idea, we will." in text_of(client.get(f"/en/activities/{activity.pk}/support/"))


@pytest.mark.django_db
def test_a_suggestion_is_answered_once_and_only_by_hosts(client, hosting):
    suggestion = services.suggest(
        activity=hosting["activity"], by=hosting["staff"], text="Shorter, please."
    )
    url = f"/en/activities/{hosting['activity'].pk}/suggestions/{suggestion.pk}/answer/"
    client.force_login(hosting["staff"])
    by_staff = client.post(url, {"decision": "yes"})
    client.force_login(hosting["member"])
    dismissed = client.post(url, {"decision": "no"})
    again = client.post(url, {"decision": "yes"})

    suggestion.refresh_from_db()
    assert (by_staff.status_code, dismissed.status_code, again.status_code) == (403, 302, 409)
    assert suggestion.state == SuggestionState.DISMISSED


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "other"])
def test_only_the_team_suggests(client, hosting, who):
    client.force_login(hosting[who])

    response = client.post(
        f"/en/activities/{hosting['activity'].pk}/suggestions/", {"text": "Hello"}
    )

    assert response.status_code in (403, 404)
    assert not Suggestion.objects.exists()


# --- Who sees what -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_support_page_is_for_hosts_and_the_team(client, hosting):
    activity = hosting["activity"]
    services.change_status(activity=activity, to=ActivityStatus.SCHEDULED, by=hosting["member"])
    url = f"/en/activities/{activity.pk}/support/"
    answers = {}
    for who in ("member", "lead", "staff", "other"):
        client.force_login(hosting[who])
        answers[who] = client.get(url).status_code
    client.logout()
    answers["visitor"] = client.get(url).status_code

    assert answers == {"member": 200, "lead": 200, "staff": 200, "other": 403, "visitor": 302}


@pytest.mark.django_db
def test_staff_see_the_open_requests_on_their_home_block(client, hosting):
    services.request_support(
        activity=hosting["activity"], by=hosting["member"], kind=SupportKind.ROOM_OR_LINK
    )
    client.force_login(hosting["staff"])

    home = text_of(client.get("/en/"))

    assert "1 support request from hosts is waiting" in home
    assert "/en/activities/support/" in home


@pytest.mark.django_db
def test_my_activities_lists_what_i_host_and_offers_to_host_one(client, hosting):
    client.force_login(hosting["member"])

    page = text_of(client.get("/en/activities/mine/"))

    assert translated("en", "Activities you host") in page
    assert "Budget circle" in page
    assert translated("en", "Host an activity") in page


# --- Bad input ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"kind": "a-helicopter"},
        {"kind": "budget", "details": "x" * 2001},
        {"kind": "budget", "details": "bad\x00byte"},
        {"kind": "budget", "details": "bell\x07"},
        {"kind": "other", "details": ""},
        {},
    ],
)
def test_bad_support_requests_are_a_400_and_save_nothing(client, hosting, data):
    client.force_login(hosting["member"])

    response = client.post(f"/en/activities/{hosting['activity'].pk}/support/ask/", data)

    assert response.status_code == 400
    assert not SupportRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [{"decision": "maybe"}, {"decision": "yes", "note": "y" * 1001}, {"note": "\x07"}, {}],
)
def test_bad_answers_are_a_400(client, hosting, data):
    suggestion = services.suggest(activity=hosting["activity"], by=hosting["staff"], text="Hi")
    client.force_login(hosting["member"])

    response = client.post(
        f"/en/activities/{hosting['activity'].pk}/suggestions/{suggestion.pk}/answer/", data
    )

    suggestion.refresh_from_db()
    assert response.status_code == 400
    assert suggestion.state == SuggestionState.OPEN


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["r" * 1001, "bad\x1bescape", ""])
def test_bad_reasons_are_refused_by_the_service_too(hosting, reason):
    with pytest.raises(ActivityError) as refused:
        _hold(hosting["activity"], hosting["staff"], reason=reason)

    hosting["activity"].refresh_from_db()
    assert refused.value.status_code == 400
    assert hosting["activity"].status == ActivityStatus.DRAFT


@pytest.mark.django_db
def test_an_answer_to_another_activitys_request_is_a_404(client, hosting):
    elsewhere = ActivityFactory(led_by=LedBy.PARTNERS)
    host = PartnerFactory()
    elsewhere.host_people.add(host)
    support = services.request_support(activity=elsewhere, by=host, kind="budget")
    client.force_login(hosting["staff"])

    response = client.post(
        f"/en/activities/{hosting['activity'].pk}/support/{support.pk}/answer/",
        {"decision": "yes"},
    )

    assert response.status_code == 404


@pytest.mark.django_db
def test_far_dates_in_a_partners_new_activity_are_a_400(client):
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)

    response = client.post(
        "/en/activities/new/",
        _new_data(organisation, member, starts_at="9999-12-31T23:00", ends_at="9999-12-31T23:59"),
    )

    assert response.status_code == 400
    assert not Activity.objects.exists()


# --- Query counts ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 15])
def test_the_support_page_query_count_is_constant(
    client, django_assert_max_num_queries, hosting, rows
):
    for n in range(rows):
        services.request_support(
            activity=hosting["activity"], by=hosting["member"], kind="budget", details=f"{n}"
        )
        services.suggest(activity=hosting["activity"], by=hosting["staff"], text=f"Idea {n}")
    _hold(hosting["activity"], hosting["staff"])
    client.force_login(hosting["member"])

    with django_assert_max_num_queries(13):
        response = client.get(f"/en/activities/{hosting['activity'].pk}/support/")

    assert response.status_code == 200
    assert text_of(response).count("Idea ") == rows


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 25])
def test_the_open_requests_query_count_is_constant(client, django_assert_max_num_queries, rows):
    for _n in range(rows):
        activity = ActivityFactory()
        host = PartnerFactory()
        activity.host_people.add(host)
        services.request_support(activity=activity, by=host, kind="interpretation")
    client.force_login(StaffFactory())

    with django_assert_max_num_queries(8):
        response = client.get("/en/activities/support/")

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 12])
def test_my_activities_hosting_query_count_is_constant(client, django_assert_max_num_queries, rows):
    organisation = OrganisationFactory()
    lead = MembershipFactory(organisation=organisation, role=MembershipRole.LEAD).user
    for _n in range(rows):
        ActivityFactory(hosts=[organisation], led_by=LedBy.PARTNERS, status=ActivityStatus.DRAFT)
    client.force_login(lead)

    with django_assert_max_num_queries(7):
        response = client.get("/en/activities/mine/")

    assert text_of(response).count(translated("en", "Partner-led")) == rows


@pytest.mark.django_db
def test_hosts_of_a_past_activity_are_not_listed_as_hosting(client):
    organisation = OrganisationFactory()
    lead = MembershipFactory(organisation=organisation, role=MembershipRole.LEAD).user
    ActivityFactory(
        title_en="Long ago",
        hosts=[organisation],
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=2),
    )
    client.force_login(lead)

    assert "Long ago" not in text_of(client.get("/en/activities/mine/"))


@pytest.mark.django_db
def test_a_hosts_edit_keeps_the_activity_partner_led(client, hosting):
    client.force_login(hosting["member"])

    client.post(
        f"/en/activities/{hosting['activity'].pk}/edit/",
        _edit_data(hosting["activity"], host_people=[hosting["member"].pk]),
    )

    hosting["activity"].refresh_from_db()
    assert hosting["activity"].led_by == LedBy.PARTNERS


@pytest.mark.django_db
def test_people_without_an_organisation_see_no_host_an_activity_link(client):
    client.force_login(UserFactory())

    assert translated("en", "Host an activity") not in text_of(client.get("/en/activities/mine/"))


@pytest.mark.django_db
def test_the_team_s_note_and_the_hosts_words_say_which_language_they_were_written_in(
    client, hosting
):
    """Nobody translates these notes: a reader of another language is told what the text is in
    (as for all content), a reader of the same language is not."""
    activity = hosting["activity"]
    hosting["member"].language = "es"
    hosting["member"].save()
    hosting["staff"].language = "en"
    hosting["staff"].save()
    support = services.request_support(
        activity=activity, by=hosting["member"], kind=SupportKind.BUDGET, details="Datos móviles"
    )
    services.answer_support(
        support=support, by=hosting["staff"], confirm=True, note="Two interpreters booked."
    )
    english_note = translated("es", "Originally written in English.")
    spanish_details = translated("en", "Originally written in Spanish.")
    client.force_login(hosting["member"])

    def words(language):
        page = text_of(client.get(f"/{language}/activities/{activity.pk}/support/"))
        return " ".join(re.sub(r"<[^>]+>", " ", page).split()).replace(" )", ")")

    in_spanish, in_english = words("es"), words("en")

    assert f"Two interpreters booked. ({english_note})" in in_spanish
    assert f"Datos móviles ({spanish_details})" in in_english
    assert translated("es", "Originally written in Spanish.") not in in_spanish
    assert "Originally written in English." not in in_english
