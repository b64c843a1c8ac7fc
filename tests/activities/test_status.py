"""An activity's status: the table of allowed moves, who may make each, the one function that
makes them (portal, admin, nightly task, Working Group approval), and what pages offer."""

import datetime
import importlib
import itertools

import pytest
from django.apps import apps
from django.utils import timezone

from activities import permissions, services
from activities.enums import ActivityStatus
from activities.exceptions import ActivityError
from activities.models import Activity
from core.exceptions import ApplicationError, NotAllowed
from notifications.enums import Kind
from notifications.models import Delivery
from partners.enums import MembershipRole
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    ProposalFactory,
    RegistrationFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import text_of, translated

PAST = {
    "starts_at": timezone.now() - datetime.timedelta(days=2),
    "ends_at": timezone.now() - datetime.timedelta(days=2, hours=-1),
}
ALLOWED = {(source, to) for source, targets in ActivityStatus.NEXT.items() for to in targets}
REFUSED = sorted(set(itertools.product(ActivityStatus, ActivityStatus)) - ALLOWED)


def _lead_of(activity):
    return MembershipFactory(
        organisation=activity.host_organisations.first(), role=MembershipRole.LEAD
    ).user


def test_the_table_of_moves():
    assert {
        (ActivityStatus.DRAFT, ActivityStatus.SCHEDULED),
        (ActivityStatus.SCHEDULED, ActivityStatus.CANCELLED),
        (ActivityStatus.SCHEDULED, ActivityStatus.COMPLETED),
        # Held back by the team (partner-led activities, issue 16), and released.
        (ActivityStatus.DRAFT, ActivityStatus.HELD_BACK),
        (ActivityStatus.SCHEDULED, ActivityStatus.HELD_BACK),
        (ActivityStatus.HELD_BACK, ActivityStatus.DRAFT),
        (ActivityStatus.HELD_BACK, ActivityStatus.SCHEDULED),
    } == ALLOWED
    assert set(ActivityStatus.NEXT) == set(ActivityStatus)
    assert set(permissions.STATUS_REFUSED) == set(ActivityStatus)


@pytest.mark.django_db
@pytest.mark.parametrize("when", ["future", "past"])
@pytest.mark.parametrize(("source", "to"), REFUSED)
def test_every_move_not_in_the_table_is_refused_with_409(source, to, when):
    activity = ActivityFactory(status=source, **(PAST if when == "past" else {}))

    with pytest.raises(ActivityError) as refused:
        services.change_status(activity=activity, to=to, by=StaffFactory(), reason="Why")

    activity.refresh_from_db()
    assert (refused.value.status_code, refused.value.message) == (
        409,
        str(permissions.STATUS_REFUSED[to]),
    )
    assert (activity.status, activity.sequence, activity.cancellation_reason) == (source, 0, "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("source", "to", "extra", "sequence"),
    [
        (ActivityStatus.DRAFT, ActivityStatus.SCHEDULED, {}, 1),
        (ActivityStatus.SCHEDULED, ActivityStatus.CANCELLED, {}, 1),
        (ActivityStatus.SCHEDULED, ActivityStatus.COMPLETED, PAST, 0),
    ],
)
def test_every_move_in_the_table_is_made_by_staff(source, to, extra, sequence):
    activity = ActivityFactory(status=source, **extra)

    services.change_status(activity=activity, to=to, by=StaffFactory(), reason="Storm")

    activity.refresh_from_db()
    assert (activity.status, activity.sequence) == (to, sequence)
    assert activity.cancellation_reason == ("Storm" if to == ActivityStatus.CANCELLED else "")


@pytest.mark.django_db
def test_publishing_a_scheduled_activity_shows_the_refusal_page(client):
    activity = ActivityFactory()
    client.force_login(StaffFactory())

    response = client.post(f"/en/activities/{activity.pk}/publish/")

    activity.refresh_from_db()
    assert response.status_code == 409
    assert translated("en", "Only a draft can be published.") in text_of(response)
    assert (activity.status, activity.sequence) == (ActivityStatus.SCHEDULED, 0)


@pytest.mark.django_db
def test_the_cancel_page_of_a_finished_activity_is_refused(client):
    activity = ActivityFactory(**PAST)
    client.force_login(_lead_of(activity))

    response = client.get(f"/fr/activities/{activity.pk}/cancel/")

    assert response.status_code == 409
    assert translated("fr", "This activity is over.") in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("to", "message"),
    [
        (ActivityStatus.SCHEDULED, "Only the Learning Lab team can publish activities."),
        (ActivityStatus.COMPLETED, "Only the Learning Lab team can mark an activity completed."),
    ],
)
def test_hosts_may_not_publish_or_complete(to, message):
    status = ActivityStatus.DRAFT if to == ActivityStatus.SCHEDULED else ActivityStatus.SCHEDULED
    activity = ActivityFactory(status=status, **PAST)

    with pytest.raises(NotAllowed) as refused:
        services.change_status(activity=activity, to=to, by=_lead_of(activity))

    activity.refresh_from_db()
    assert (refused.value.status_code, refused.value.message) == (403, message)
    assert activity.status == status


@pytest.mark.django_db
def test_an_activity_is_not_completed_before_it_ends():
    activity = ActivityFactory()

    with pytest.raises(ActivityError) as refused:
        services.change_status(activity=activity, to=ActivityStatus.COMPLETED, by=None)

    assert (refused.value.status_code, refused.value.message) == (
        409,
        "This activity has not ended yet.",
    )


@pytest.mark.django_db
def test_the_nightly_task_completes_only_finished_scheduled_activities():
    finished = ActivityFactory(**PAST)
    cancelled = ActivityFactory(status=ActivityStatus.CANCELLED, **PAST)
    coming = ActivityFactory()

    count = services.complete_finished_activities()

    assert count == 1
    assert [
        Activity.objects.get(pk=activity.pk).status for activity in (finished, cancelled, coming)
    ] == [ActivityStatus.COMPLETED, ActivityStatus.CANCELLED, ActivityStatus.SCHEDULED]


@pytest.mark.django_db
def test_an_agreed_proposal_is_its_hosts_draft_and_they_publish_through_change_status():
    from activities import services as activity_services
    from tests.utils import decide
    from workinggroup import services as workinggroup_services

    proposer = UserFactory()
    item = ProposalFactory(proposer=proposer)
    item.proposed_hosts.add(OrganisationFactory())
    start = timezone.now() + datetime.timedelta(days=10)

    decide(
        item,
        staff=StaffFactory(),
        schedule=workinggroup_services.Schedule(
            starts_at=start, ends_at=start + datetime.timedelta(hours=1), timezone="UTC"
        ),
    )

    activity = Activity.objects.get(pk=item.activity_id)
    assert (activity.status, activity.led_by) == (ActivityStatus.DRAFT, "partners")
    assert not Delivery.objects.filter(activity=activity).exists()

    activity_services.change_status(activity=activity, to=ActivityStatus.SCHEDULED, by=proposer)

    activity.refresh_from_db()
    assert (activity.status, activity.sequence) == (ActivityStatus.SCHEDULED, 1)
    # Published like any other activity: its host (the proposer) is reminded.
    assert Delivery.objects.filter(
        activity=activity, user=proposer, kind=Kind.HOST_REMINDER
    ).exists()


@pytest.mark.django_db
def test_proposed_rows_become_drafts():
    migration = importlib.import_module("activities.migrations.0003_proposed_becomes_draft")
    activity = ActivityFactory()
    Activity.objects.filter(pk=activity.pk).update(status="proposed")

    migration.proposed_becomes_draft(apps, None)

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DRAFT


# --- what the pages offer, from the same rules


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "extra", "publish", "cancel"),
    [
        (ActivityStatus.DRAFT, {}, True, False),
        (ActivityStatus.SCHEDULED, {}, False, True),
        (ActivityStatus.SCHEDULED, PAST, False, False),
        (ActivityStatus.CANCELLED, {}, False, False),
    ],
)
def test_staff_are_offered_the_moves_the_rules_allow(client, status, extra, publish, cancel):
    activity = ActivityFactory(status=status, **extra)
    client.force_login(StaffFactory())

    page = text_of(client.get(f"/en/activities/{activity.pk}/"))

    assert (f"/en/activities/{activity.pk}/publish/" in page) is publish
    assert (f"/en/activities/{activity.pk}/cancel/" in page) is cancel


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("extra", "allowed"),
    [
        ({}, True),
        ({"status": ActivityStatus.DRAFT}, False),
        ({"status": ActivityStatus.CANCELLED}, False),
        ({"status": ActivityStatus.COMPLETED, **PAST}, False),
        (
            {
                "starts_at": timezone.now() - datetime.timedelta(minutes=5),
                "ends_at": timezone.now() + datetime.timedelta(hours=1),
            },
            False,
        ),
        ({"registration_deadline": timezone.now() - datetime.timedelta(minutes=5)}, False),
        ({"audience": "public"}, True),
    ],
)
def test_the_register_form_is_shown_exactly_when_the_service_accepts(client, extra, allowed):
    """One rule: the page offers the form when, and only when, registering would work."""
    activity = ActivityFactory(**extra)
    person = MembershipFactory().user
    client.force_login(person)

    page = client.get(f"/en/activities/{activity.pk}/")
    try:
        services.register(activity=activity, user=person)
        accepted = True
    except ApplicationError:
        accepted = False

    assert permissions.can_register(person, activity) is allowed
    assert accepted is allowed
    if page.status_code == 200:  # a draft is not shown to a partner at all
        assert (f"/en/activities/{activity.pk}/register/" in text_of(page)) is allowed


@pytest.mark.django_db
def test_a_registration_at_a_cancelled_activity_offers_no_cancel_button(client):
    registration = RegistrationFactory(
        activity=ActivityFactory(status=ActivityStatus.CANCELLED), user=MembershipFactory().user
    )
    client.force_login(registration.user)

    page = text_of(client.get(f"/en/activities/{registration.activity.pk}/"))
    response = client.post(f"/en/activities/{registration.activity.pk}/cancel-registration/")

    registration.refresh_from_db()
    assert "cancel-registration/" not in page
    assert response.status_code == 409
    assert translated("en", "This activity has been cancelled.") in text_of(response)
    assert registration.status == "confirmed"


@pytest.mark.django_db
def test_a_refused_registration_says_why_on_the_activity_page(client):
    activity = ActivityFactory(status=ActivityStatus.CANCELLED)
    client.force_login(MembershipFactory().user)

    response = client.post(f"/es/activities/{activity.pk}/register/", {})

    assert response.status_code == 409
    assert translated("es", "This activity has been cancelled.") in text_of(response)
    assert activity.title_en in text_of(response)  # the activity page, not a bare error


# --- the admin: workflow fields read-only, moves through the service


@pytest.mark.django_db
def test_admin_publishes_drafts_through_the_service_and_says_what_was_refused(client):
    draft = ActivityFactory(status=ActivityStatus.DRAFT)
    scheduled = ActivityFactory()
    client.force_login(StaffFactory(is_superuser=True))

    response = client.post(
        "/en/admin/activities/activity/",
        {"action": "publish", "_selected_action": [draft.pk, scheduled.pk]},
        follow=True,
    )

    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert (draft.status, draft.sequence) == (ActivityStatus.SCHEDULED, 1)
    assert (scheduled.status, scheduled.sequence) == (ActivityStatus.SCHEDULED, 0)
    page = text_of(response)
    assert "1 activity published." in page
    assert f"“{scheduled}” was not changed. Only a draft can be published." in page


@pytest.mark.django_db
def test_admin_marks_finished_activities_completed(client):
    finished = ActivityFactory(**PAST)
    coming = ActivityFactory()
    client.force_login(StaffFactory(is_superuser=True))

    response = client.post(
        "/en/admin/activities/activity/",
        {"action": "mark_completed", "_selected_action": [finished.pk, coming.pk]},
        follow=True,
    )

    finished.refresh_from_db()
    coming.refresh_from_db()
    assert (finished.status, coming.status) == (
        ActivityStatus.COMPLETED,
        ActivityStatus.SCHEDULED,
    )
    assert "This activity has not ended yet." in text_of(response)


@pytest.mark.django_db
def test_admin_shows_status_times_and_capacity_read_only_and_links_to_cancelling(client):
    activity = ActivityFactory(capacity=12)
    RegistrationFactory(activity=activity)
    client.force_login(StaffFactory(is_superuser=True))

    page = text_of(client.get(f"/en/admin/activities/activity/{activity.pk}/change/"))

    for name in ("status", "starts_at_0", "ends_at_0", "timezone", "capacity"):
        assert f'name="{name}"' not in page, name
    assert 'name="registration_deadline_0"' not in page
    assert 'name="registrations-0-status"' not in page
    assert f'href="/en/activities/{activity.pk}/cancel/"' in page


def _admin_change_data(activity, **changes):
    """The admin's change form of `activity` as a browser sends it back, with `changes`."""
    data = {
        "type": activity.type,
        "original_language": activity.original_language,
        "host_organisations": [host.pk for host in activity.host_organisations.all()],
        "spoken_languages": activity.spoken_languages,
        "interpretation_languages": activity.interpretation_languages,
        "format": activity.format,
        "place": activity.place,
        "online_link": activity.online_link,
        "audience": activity.audience,
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
    }
    for code in ("en", "es", "fr"):
        data[f"title_{code}"] = getattr(activity, f"title_{code}") or ""
        data[f"description_{code}"] = getattr(activity, f"description_{code}") or ""
    return {**data, **changes}


@pytest.mark.django_db
def test_an_admin_change_is_saved_by_the_service_and_reaches_calendars(client):
    activity = ActivityFactory(place="Dakar")
    client.force_login(StaffFactory(is_superuser=True))

    response = client.post(
        f"/en/admin/activities/activity/{activity.pk}/change/",
        _admin_change_data(activity, title_en="Renamed", status="cancelled", capacity="1"),
    )

    activity.refresh_from_db()
    assert response["Location"] == "/en/admin/activities/activity/"
    assert (activity.title_en, activity.sequence) == ("Renamed", 1)
    # Read-only fields sent anyway are ignored.
    assert (activity.status, activity.capacity) == (ActivityStatus.SCHEDULED, None)


@pytest.mark.django_db
def test_a_new_place_set_in_the_admin_is_news_for_the_people_registered(client):
    activity = ActivityFactory(place="Dakar", format="in_person")
    registration = RegistrationFactory(activity=activity, user=MembershipFactory().user)
    client.force_login(StaffFactory(is_superuser=True))

    response = client.post(
        f"/en/admin/activities/activity/{activity.pk}/change/",
        _admin_change_data(
            activity,
            place="Bogotá",
            **{
                "registrations-TOTAL_FORMS": "1",
                "registrations-INITIAL_FORMS": "1",
                "registrations-0-id": str(registration.pk),
                "registrations-0-activity": str(activity.pk),
            },
        ),
    )

    activity.refresh_from_db()
    assert response["Location"] == "/en/admin/activities/activity/"
    assert (activity.place, activity.sequence) == ("Bogotá", 1)
    assert Delivery.objects.filter(
        user=registration.user, activity=activity, kind=Kind.ACTIVITY_CHANGED
    ).exists()
