"""Partners propose, staff moderate: the state machine, the approved activity, notices."""

import threading

import pytest
from django.core import mail
from django.db import DatabaseError, connection, connections, transaction

from activities.models import Activity
from tests.factories import (
    ItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProposalFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import require_service, text_of, translated
from workinggroup import services
from workinggroup.enums import Action, ItemState
from workinggroup.exceptions import WorkingGroupError
from workinggroup.models import AgendaEntry, Item, ModerationLog, Support

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
def test_approved_proposal_becomes_a_scheduled_activity_without_retyping(
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
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = _act(
            client,
            item,
            "approve",
            message="¡Adelante!",
            private_note="Budget line 4",
            starts_at="2031-03-10T15:00",
            ends_at="2031-03-10T16:30",
            timezone="America/Bogota",
        )

    item.refresh_from_db()
    activity = item.activity
    assert response.status_code == 302
    assert response["Location"] == f"/en/working-group/items/{item.pk}/"
    assert item.state == ItemState.APPROVED
    assert (activity.status, activity.type, activity.audience) == ("scheduled", "webinar", "public")
    assert (activity.title_es, activity.title_fr, activity.description_es) == (
        "Taller",
        "Atelier",
        "Descripción",
    )
    assert activity.starts_at.isoformat() == "2031-03-10T20:00:00+00:00"
    assert list(activity.host_organisations.all()) == [host]
    assert list(activity.host_people.all()) == [proposer]
    assert (activity.spoken_languages, activity.interpretation_languages) == ("es", "en,fr")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [proposer.email]
    assert translated("fr", "Approved", "proposal state") in message.subject
    assert "¡Adelante!" in message.body
    assert "Budget line 4" not in message.body
    assert f"/fr/activities/{activity.pk}/" in message.body


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_action_not_allowed_from_the_state_is_a_translated_409(client, language):
    item = ItemFactory(state=ItemState.DECLINED)
    client.force_login(StaffFactory())
    item.refresh_from_db()

    response = client.post(
        f"/{language}/working-group/items/{item.pk}/act/",
        {"action": "approve", "version": item.version},
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
        {"action": "decline", "version": stale_version, "message": "No"},
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
@pytest.mark.parametrize("action", ["request_changes", "decline"])
def test_sending_back_or_declining_needs_a_message(client, action):
    item = ItemFactory()
    client.force_login(StaffFactory())

    response = _act(client, item, action, message="   ")

    item.refresh_from_db()
    assert response.status_code == 400
    assert "Write a message for the proposer: they will read it." in text_of(response)
    assert item.state == ItemState.SUBMITTED


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["approve", "decline", "hide", "put_on_agenda", "merge"])
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
    client.force_login(StaffFactory())
    with django_capture_on_commit_callbacks(execute=True):
        _act(client, item, "approve", message="Agreed by the Working Group")

    assert withdrawn == 0
    assert Support.objects.get().user == supporter
    recipients = sorted(m.to[0] for m in mail.outbox)
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
    services.transition(item=item, action="decline", by=staff, version=None, message="No")

    with pytest.raises(WorkingGroupError) as error:
        services.transition(item=item, action="approve", by=staff, version=None)

    assert error.value.status_code == 409


@pytest.mark.django_db
def test_the_log_is_append_only_in_the_database():
    item = ItemFactory()
    staff = StaffFactory()
    services.transition(item=item, action="decline", by=staff, version=None, message="No")
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
    item = ItemFactory()
    staff = [StaffFactory(), StaffFactory()]
    barrier = threading.Barrier(2)
    outcomes = []

    def act(person, action):
        try:
            barrier.wait(timeout=30)
            services.transition(
                item=item, action=action, by=person, version=item.version, message="Decided"
            )
            outcomes.append("won")
        except WorkingGroupError as error:
            outcomes.append(error.status_code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=(staff[0], "approve")),
        threading.Thread(target=act, args=(staff[1], "decline")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    item.refresh_from_db()
    assert sorted(outcomes, key=str) == [409, "won"]
    assert ModerationLog.objects.filter(item=item).count() == 1
    assert item.state in (ItemState.APPROVED, ItemState.DECLINED)
    assert Activity.objects.count() == 0  # a recommendation: nothing to schedule
