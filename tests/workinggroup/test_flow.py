"""Partners propose, staff moderate: the state machine, the approved activity, notices."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from activities.models import DETAILS_LIMIT
from tests.factories import (
    ItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProposalFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import decide, require_service, text_of, translated
from workinggroup import decisions, services
from workinggroup.enums import Action, ItemState
from workinggroup.exceptions import WorkingGroupError
from workinggroup.models import AgendaEntry, DecisionRound, Item, ModerationLog, Support

PROPOSAL = {
    "language": "es",
    "title": "Taller de seguridad digital",
    "description": "Proteger teléfonos y cuentas.",
    "activity_type": "webinar",
    "preferred_start": "2031-03-01",
    "preferred_end": "2031-03-31",
    "spoken": ["es"],
    "interpretation": ["en", "fr"],
    "format": "online",
    "audience": "community",
    "support_needed": "Interpretación",
}


def _act(client, item, action, **data):
    item.refresh_from_db()
    return client.post(
        f"/en/working-group/items/{item.pk}/act/",
        {"action": action, "version": item.version, **data},
    )


@pytest.mark.django_db
def test_partner_proposes_in_spanish_edits_and_submits(client):
    membership = MembershipFactory(user=UserFactory(language="es"))
    client.force_login(membership.user)
    host = OrganisationFactory(visibility="public")

    created = client.post(
        "/es/working-group/propose/",
        {**PROPOSAL, "organisation": membership.organisation.pk, "proposed_hosts": [host.pk]},
    )
    item = Item.objects.get()
    edited = client.post(
        f"/es/working-group/items/{item.pk}/edit/",
        {
            **PROPOSAL,
            "title": "Taller de seguridad digital para defensoras",
            "version": item.version,
            "proposed_hosts": [host.pk],
        },
    )
    submitted = _act(client, item, "submit")
    page = text_of(client.get(f"/es/working-group/items/{item.pk}/"))

    item.refresh_from_db()
    assert [r.status_code for r in (created, edited, submitted)] == [302, 302, 302]
    assert (item.state, item.original_language) == ("submitted", "es")
    assert item.title_es == "Taller de seguridad digital para defensoras"
    assert item.interpretation_languages == "en,fr"
    assert list(item.proposed_hosts.all()) == [host]
    assert translated("es", "Submitted", "proposal state") in page
    assert ModerationLog.objects.get().action == Action.SUBMIT


@pytest.mark.django_db
def test_agreed_proposal_becomes_its_hosts_draft_activity_without_retyping(
    client, django_capture_on_commit_callbacks
):
    proposer = UserFactory(language="fr")
    item = ProposalFactory(
        proposer=proposer,
        title_en="",
        title_es="Taller",
        title_fr="Atelier",
        description_es="Descripción",
        original_language="es",
    )
    host = OrganisationFactory()
    item.proposed_hosts.add(host)
    member = UserFactory(is_working_group_member=True)
    client.force_login(StaffFactory())
    closes = timezone.localtime(timezone.now() + datetime.timedelta(days=2), datetime.UTC)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/working-group/items/{item.pk}/decide/",
            {
                "version": item.version,
                "method": "consent",
                "closes_at": closes.strftime("%Y-%m-%dT%H:%M"),
                "closes_zone": "UTC",
                "starts_at": "2031-03-10T15:00",
                "ends_at": "2031-03-10T16:30",
                "timezone": "America/Bogota",
            },
        )
        decision_round = DecisionRound.objects.get()
        decisions.take_position(decision_round=decision_round, by=member, stance="consent")
        mail.outbox.clear()
        decisions.close_round(decision_round=decision_round, now=decision_round.closes_at)

    item.refresh_from_db()
    activity = item.activity
    assert response.status_code == 302
    assert response["Location"] == f"/en/working-group/items/{item.pk}/"
    assert item.state == ItemState.APPROVED
    # Partner-led: a draft its hosts publish; the support asked for is its first request.
    assert (activity.status, activity.led_by) == ("draft", "partners")
    assert (activity.type, activity.audience) == ("webinar", "public")
    assert (activity.title_es, activity.title_fr, activity.description_es) == (
        "Taller",
        "Atelier",
        "Descripción",
    )
    assert activity.starts_at.isoformat() == "2031-03-10T20:00:00+00:00"
    assert list(activity.host_organisations.all()) == [host]
    assert list(activity.host_people.all()) == [proposer]
    assert (activity.spoken_languages, activity.interpretation_languages) == ("es", "en,fr")
    to_proposer = next(m for m in mail.outbox if m.to == [proposer.email])
    assert translated("fr", "Approved", "proposal state") in to_proposer.subject
    assert f"/fr/activities/{activity.pk}/" in to_proposer.body


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_action_not_allowed_from_the_state_is_a_translated_409(client, language):
    item = ItemFactory(state=ItemState.DECLINED)
    client.force_login(StaffFactory())
    item.refresh_from_db()

    response = client.post(
        f"/{language}/working-group/items/{item.pk}/act/",
        {"action": "merge", "version": item.version},
    )

    item.refresh_from_db()
    expected = translated(language, "“%(action)s” is not possible while the item is “%(state)s”.")
    assert response.status_code == 409
    assert expected.split("%(")[0].removesuffix("“").removesuffix("« ").strip() in text_of(response)
    assert item.state == ItemState.DECLINED
    assert not ModerationLog.objects.exists()


@pytest.mark.django_db
def test_stale_page_is_refused_and_nothing_changes(client):
    item = ItemFactory()
    client.force_login(StaffFactory())
    stale_version = item.version
    Item.objects.filter(pk=item.pk).update(version=stale_version + 1)

    response = client.post(
        f"/fr/working-group/items/{item.pk}/act/",
        {"action": "request_changes", "version": stale_version, "message": "No"},
    )

    item.refresh_from_db()
    assert response.status_code == 409
    assert translated(
        "fr",
        "This item changed while you were looking at it. The page now shows it as it is: "
        "check it, then try again.",
    ) in text_of(response)
    assert item.state == ItemState.SUBMITTED


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["request_changes"])
def test_sending_back_needs_a_message(client, action):
    item = ItemFactory()
    client.force_login(StaffFactory())

    response = _act(client, item, action, message="   ")

    item.refresh_from_db()
    assert response.status_code == 400
    assert "Write a message for the proposer: they will read it." in text_of(response)
    assert item.state == ItemState.SUBMITTED


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["hide", "put_on_agenda", "merge"])
def test_partners_cannot_moderate_not_even_their_own(client, action):
    item = ItemFactory()
    client.force_login(item.proposer)

    response = _act(client, item, action, message="x")

    item.refresh_from_db()
    assert response.status_code == 403
    assert "You cannot do this with this item." in text_of(response)
    assert item.state == ItemState.SUBMITTED


@pytest.mark.django_db
def test_changes_requested_then_resubmitted(client, django_capture_on_commit_callbacks):
    item = ProposalFactory(proposer=UserFactory(language="es"))
    staff = StaffFactory()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        _act(
            client,
            item,
            "request_changes",
            message="Dos fechas, por favor",
            private_note="team only secret",
        )
    client.force_login(item.proposer)

    page = text_of(client.get(f"/es/working-group/items/{item.pk}/"))
    resubmitted = _act(client, item, "submit")

    item.refresh_from_db()
    assert "Dos fechas, por favor" in page
    assert "team only secret" not in page
    assert staff.display_name not in page
    assert "team only secret" not in mail.outbox[0].body
    assert resubmitted.status_code == 302
    assert resubmitted["Location"] == f"/en/working-group/items/{item.pk}/"
    assert item.state == ItemState.SUBMITTED


@pytest.mark.django_db
def test_put_on_agenda_and_merge(client):
    meeting = MeetingFactory()
    item, other = ItemFactory(), ItemFactory()
    client.force_login(StaffFactory())

    on_agenda = _act(client, item, "put_on_agenda", meeting=meeting.pk)
    merged = _act(client, other, "merge", merge_into=item.pk, message="Same idea")

    item.refresh_from_db()
    other.refresh_from_db()
    assert (on_agenda.status_code, merged.status_code) == (302, 302)
    assert item.state == ItemState.ON_AGENDA
    assert AgendaEntry.objects.get().item == item
    assert (other.state, other.merged_into) == (ItemState.MERGED, item)


@pytest.mark.django_db
def test_recommendation_support_once_withdrawable_and_supporters_told(
    client, django_capture_on_commit_callbacks
):
    item = ItemFactory()
    supporter = MembershipFactory(user=UserFactory(language="fr")).user
    client.force_login(supporter)

    client.post(f"/en/working-group/items/{item.pk}/support/")
    client.post(f"/en/working-group/items/{item.pk}/support/")
    withdrawn = Support.objects.count()
    client.post(f"/en/working-group/items/{item.pk}/support/")
    with django_capture_on_commit_callbacks(execute=True):
        decide(item)

    assert withdrawn == 0
    assert Support.objects.get().user == supporter
    decided = translated("en", "Approved", "proposal state")
    recipients = sorted(
        m.to[0]
        for m in mail.outbox
        if decided in m.subject or translated("fr", "Approved", "proposal state") in m.subject
    )
    assert recipients == sorted([item.proposer.email, supporter.email])
    to_supporter = next(m for m in mail.outbox if m.to == [supporter.email])
    assert (
        translated("fr", "A recommendation you support: %(state)s")
        % {"state": translated("fr", "Approved", "proposal state")}
        in to_supporter.subject
    )


@pytest.mark.django_db
def test_proposer_cannot_support_own_and_comments_work(client):
    item = ItemFactory()
    client.force_login(item.proposer)

    support = client.post(f"/en/working-group/items/{item.pk}/support/")
    comment = client.post(f"/en/working-group/items/{item.pk}/comment/", {"body": "Thanks!"})

    assert support.status_code == 403
    assert "You cannot support this item." in text_of(support)
    assert not Support.objects.exists()
    assert comment.status_code == 302
    assert comment["Location"] == f"/en/working-group/items/{item.pk}/"
    assert "Thanks!" in text_of(client.get(f"/en/working-group/items/{item.pk}/"))


@pytest.mark.django_db
def test_service_refuses_a_second_decision():
    item = ItemFactory()
    staff = StaffFactory()
    decide(item, staff=staff, objection="Not now")

    with pytest.raises(WorkingGroupError) as error:
        services.transition(item=item, action="merge", by=staff, version=None)

    assert error.value.status_code == 409


@pytest.mark.django_db
def test_the_log_is_append_only_in_the_database():
    item = ItemFactory()
    staff = StaffFactory()
    services.transition(item=item, action="request_changes", by=staff, version=None, message="No")
    entry = ModerationLog.objects.get()

    with pytest.raises(DatabaseError) as update_error, transaction.atomic():
        ModerationLog.objects.filter(pk=entry.pk).update(message="rewritten")
    with pytest.raises(DatabaseError) as delete_error, transaction.atomic():
        ModerationLog.objects.filter(pk=entry.pk).delete()

    entry.refresh_from_db()
    assert "append-only" in str(update_error.value)
    assert "append-only" in str(delete_error.value)
    assert entry.message == "No"


@pytest.mark.django_db(transaction=True)
def test_two_staff_acting_at_once_cannot_both_win():
    require_service(
        connection.vendor == "postgresql",
        "concurrency is only meaningful on PostgreSQL (set DATABASE_URL)",
    )
    item, other = ItemFactory(), ItemFactory()
    staff = [StaffFactory(), StaffFactory()]
    barrier = threading.Barrier(2)
    outcomes = []

    def act(person, action):
        try:
            barrier.wait(timeout=30)
            services.transition(
                item=item,
                action=action,
                by=person,
                version=item.version,
                message="Decided",
                merge_into=other,
            )
            outcomes.append("won")
        except WorkingGroupError as error:
            outcomes.append(error.status_code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=(staff[0], "merge")),
        threading.Thread(target=act, args=(staff[1], "request_changes")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    item.refresh_from_db()
    assert sorted(outcomes, key=str) == [409, "won"]
    assert ModerationLog.objects.filter(item=item).count() == 1
    assert item.state in (ItemState.MERGED, ItemState.CHANGES_REQUESTED)


@pytest.mark.django_db
def test_an_agreed_proposal_s_support_needed_is_its_activity_s_first_support_request(client):
    """What the proposal asked of the Lab reaches the team as a support request, even when it
    is longer than a request holds or carries a stray control character (a closing decision
    must not fail on it); the hosts publish, the team may not."""
    proposer = UserFactory(language="es")
    item = ProposalFactory(
        proposer=proposer,
        original_language="es",
        support_needed="Interpretación al francés\x07 " + "y una sala " * 400,
    )
    decide(item)
    activity = item.activity
    support = activity.support_requests.get()

    assert (support.kind, support.state, support.requested_by) == ("other", "open", proposer)
    assert support.details.startswith("Interpretación al francés y una sala")
    assert len(support.details) == DETAILS_LIMIT and support.details.endswith("…")
    assert support.language == "es"
    client.force_login(StaffFactory())
    refused = client.post(f"/en/activities/{activity.pk}/publish/")
    client.force_login(proposer)
    published = client.post(f"/en/activities/{activity.pk}/publish/")
    activity.refresh_from_db()
    assert (refused.status_code, published.status_code) == (403, 302)
    assert activity.status == "scheduled"
