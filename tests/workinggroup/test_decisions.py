"""The Working Group decides: a facilitator opens a decision (consent or vote), members take
positions, it closes exactly once and its result moves the item through the state machine."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from notifications.enums import Kind
from notifications.models import Delivery
from notifications.services import render
from partners.enums import Visibility
from tests.factories import (
    ItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    ProposalFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import decide, require_service, text_of, translated
from workinggroup import decisions, services
from workinggroup.enums import Action, ItemState, RoundOutcome
from workinggroup.exceptions import WorkingGroupError
from workinggroup.models import AgendaEntry, DecisionRound, ModerationLog, Position

DAY = datetime.timedelta(days=1)


def _member(**kwargs):
    return MembershipFactory(user=UserFactory(is_working_group_member=True, **kwargs)).user


def _open(item=None, *, method="consent", quorum=None, closes_in=2 * DAY, staff=None, **kwargs):
    item = item or ItemFactory()
    return decisions.open_decision(
        item=item,
        by=staff or StaffFactory(),
        version=item.version,
        method=method,
        closes_at=timezone.now() + closes_in,
        quorum=quorum,
        **kwargs,
    )


def _close(decision_round):
    closed = decisions.close_round(decision_round=decision_round, now=decision_round.closes_at)
    decision_round.item.refresh_from_db()
    return closed


def _position(client, decision_round, **data):
    return client.post(f"/en/working-group/decisions/{decision_round.pk}/position/", data)


# --- Results ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_consent_without_objection_approves_and_the_log_says_the_working_group(client):
    members = [_member() for _ in range(3)]
    decision_round = _open()
    for member in members[:2]:
        decisions.take_position(decision_round=decision_round, by=member, stance="consent")

    _close(decision_round)

    item = decision_round.item
    entry = ModerationLog.objects.filter(item=item).latest("pk")
    assert item.state == ItemState.APPROVED
    assert (entry.action, entry.decision_round, entry.by_working_group) == (
        Action.APPROVE,
        decision_round,
        True,
    )
    client.force_login(PartnerFactory())
    page = text_of(client.get(f"/en/working-group/items/{item.pk}/"))
    assert "The Working Group (by consent, 2 of 3 members took part)" in page
    assert "Agreed, by consent, on " in page and "; 2 of 3 members took part." in page
    client.force_login(StaffFactory())
    log = text_of(client.get("/en/working-group/log/"))
    assert "The Working Group (by consent, 2 of 3 members took part)" in log


@pytest.mark.django_db
def test_an_objection_sends_back_with_the_reasons_but_not_who_objected(
    client, django_capture_on_commit_callbacks
):
    objector = _member(display_name="Olga Objector")
    _member(display_name="Carla Consents")
    item = ItemFactory(proposer=UserFactory(language="es"))

    with django_capture_on_commit_callbacks(execute=True):
        decision_round = _open(item)
        decisions.take_position(
            decision_round=decision_round,
            by=objector,
            stance="object",
            reason="Falta el presupuesto",
        )
        _close(decision_round)

    item.refresh_from_db()
    entry = ModerationLog.objects.filter(item=item).latest("pk")
    assert item.state == ItemState.CHANGES_REQUESTED
    assert entry.action == Action.SEND_BACK
    assert "Falta el presupuesto" in entry.message_es
    assert translated("es", "Members of the Working Group objected. Their reasons:") in (
        entry.message_es
    )
    to_proposer = [m.body for m in mail.outbox if m.to == [item.proposer.email]]
    assert len(to_proposer) == 2  # opened, sent back
    assert sum("Falta el presupuesto" in body for body in to_proposer) == 1
    assert not any("Olga" in body for body in to_proposer)
    client.force_login(item.proposer)
    proposer_page = text_of(client.get(f"/en/working-group/items/{item.pk}/"))
    assert "Falta el presupuesto" in proposer_page and "Olga" not in proposer_page
    client.force_login(objector)
    member_page = text_of(client.get(f"/en/working-group/items/{item.pk}/"))
    assert "Olga Objector" in member_page and "I object" in member_page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stances", "quorum", "state", "outcome"),
    [
        (["yes", "yes", "no"], 3, ItemState.APPROVED, RoundOutcome.PASSED),
        (["yes", "no", "no"], 3, ItemState.DECLINED, RoundOutcome.REJECTED),
        (["yes", "no", "abstain"], 2, ItemState.DECLINED, RoundOutcome.REJECTED),
        (["yes", "yes"], 3, ItemState.ON_AGENDA, RoundOutcome.NO_QUORUM),
    ],
)
def test_a_vote_passes_fails_or_lacks_a_quorum(stances, quorum, state, outcome):
    members = [_member() for _ in range(4)]
    item = ItemFactory(state=ItemState.ON_AGENDA)
    decision_round = _open(item, method="vote", quorum=quorum)
    for member, stance in zip(members, stances, strict=False):
        decisions.take_position(decision_round=decision_round, by=member, stance=stance)

    closed = _close(decision_round)

    assert (item.__class__.objects.get(pk=item.pk).state, closed.outcome) == (state, outcome)
    assert closed.took_part == len(stances)


@pytest.mark.django_db
def test_the_default_quorum_is_a_majority_of_the_members_at_opening():
    for _ in range(5):
        _member()

    decision_round = _open(method="vote")
    _member()  # joins later: not counted

    assert (decision_round.members_counted, decision_round.quorum) == (5, 3)


@pytest.mark.django_db
def test_an_agreed_proposal_becomes_its_activity_on_the_schedule_given_at_opening():
    item = ProposalFactory()
    _member()

    closed = decide(item)

    assert item.state == ItemState.APPROVED
    assert item.activity.starts_at.isoformat() == "2031-03-10T20:00:00+00:00"
    assert closed.starts_at == item.activity.starts_at


@pytest.mark.django_db
def test_members_read_the_date_they_decide_on_in_their_own_zone(client):
    """A proposal's decision is also about when: its page says it, in the reader's zone."""
    member = _member(timezone="America/Bogota")
    item = ProposalFactory(state=ItemState.SUBMITTED)
    start = datetime.datetime(2031, 3, 10, 20, 0, tzinfo=datetime.UTC)
    _open(
        item,
        schedule=services.Schedule(start, start + datetime.timedelta(hours=2), "UTC"),
    )
    client.force_login(member)

    page = text_of(client.get(f"/es/working-group/items/{item.pk}/"))

    assert translated("es", "Date of the activity, if agreed:") in page
    # 20:00 UTC is 15:00 in Bogotá, a Monday.
    assert "lunes, 10 de marzo de 2031, 15:00" in page


@pytest.mark.django_db
def test_cancelling_puts_the_item_back_logged_and_nothing_decided(client):
    member = _member(language="fr")
    item = ItemFactory(state=ItemState.ON_AGENDA)
    decision_round = _open(item)
    client.force_login(StaffFactory())

    response = client.post(
        f"/en/working-group/decisions/{decision_round.pk}/cancel/",
        {"message": "The text must change first."},
    )

    item.refresh_from_db()
    decision_round.refresh_from_db()
    assert response.status_code == 302
    assert item.state == ItemState.ON_AGENDA
    assert decision_round.outcome == RoundOutcome.CANCELLED
    assert list(item.log.values_list("action", flat=True).order_by("pk")) == [
        Action.OPEN_DECISION,
        Action.CANCEL_DECISION,
    ]
    result = render(Delivery.objects.get(kind=Kind.DECISION_RESULT, user=member))
    assert translated("fr", "Cancelled by the facilitator", "decision outcome") in result.subject


# --- Who may do what ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["approve", "decline", "send_back", "open_decision"])
def test_staff_cannot_approve_or_decline_by_hand(client, action):
    item = ItemFactory(state=ItemState.ON_AGENDA)
    client.force_login(StaffFactory())

    response = client.post(
        f"/es/working-group/items/{item.pk}/act/",
        {"action": action, "version": item.version, "message": "x"},
    )

    item.refresh_from_db()
    assert response.status_code == 403
    assert translated(
        "es", "Only the Working Group decides an item: open a decision of the Working Group."
    ) in text_of(response)
    assert item.state == ItemState.ON_AGENDA
    assert not ModerationLog.objects.exists()


@pytest.mark.django_db
def test_staff_record_a_members_position_but_never_their_own(client):
    member = _member(display_name="Rosa Member")
    staff = StaffFactory(display_name="Grace Staff")
    decision_round = _open(staff=staff)
    client.force_login(staff)

    own = _position(client, decision_round, stance="consent")
    recorded = _position(client, decision_round, stance="consent", member=member.pk)
    page = text_of(client.get(f"/en/working-group/items/{decision_round.item_id}/"))

    position = Position.objects.get()
    assert own.status_code == 403
    assert recorded.status_code == 302
    assert (position.member, position.recorded_by) == (member, staff)
    assert "Rosa Member" in page and "recorded by Grace Staff from the meeting" in page


@pytest.mark.django_db
def test_a_staff_member_who_is_a_member_takes_their_own_position(client):
    staff = StaffFactory(is_working_group_member=True)
    decision_round = _open()
    client.force_login(staff)

    response = _position(client, decision_round, stance="consent")

    assert response.status_code == 302
    assert Position.objects.get().member == staff


@pytest.mark.django_db
def test_partners_who_are_not_members_take_no_position_and_visitors_sign_in(client):
    _member()
    decision_round = _open()

    visitor = _position(client, decision_round, stance="consent")
    client.force_login(PartnerFactory())
    partner = _position(client, decision_round, stance="consent")
    open_page = client.get(f"/en/working-group/items/{decision_round.item_id}/decide/")

    assert visitor.status_code == 302 and "/accounts/login/" in visitor["Location"]
    assert (partner.status_code, open_page.status_code) == (403, 403)
    assert not Position.objects.exists()


@pytest.mark.django_db
def test_the_community_sees_the_count_not_the_positions(client):
    member = _member(display_name="Mina Member")
    decision_round = _open()
    decisions.take_position(
        decision_round=decision_round, by=member, stance="object", reason="Secret worry"
    )
    client.force_login(PartnerFactory())

    page = text_of(client.get(f"/en/working-group/items/{decision_round.item_id}/"))

    assert "1 of 1 member has answered." in page
    assert "Mina Member" not in page and "Secret worry" not in page
    assert 'name="stance"' not in page


@pytest.mark.django_db
def test_a_hidden_organisations_member_is_named_only_to_who_may_see_it(client):
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    hidden_member = MembershipFactory(
        organisation=hidden,
        user=UserFactory(display_name="Zqx Hidden", is_working_group_member=True),
    ).user
    other_member = _member()
    decision_round = _open()
    decisions.take_position(decision_round=decision_round, by=hidden_member, stance="consent")
    url = f"/en/working-group/items/{decision_round.item_id}/"

    client.force_login(other_member)
    outsider = text_of(client.get(url))
    client.force_login(StaffFactory())
    staff = text_of(client.get(url))

    assert "Zqx Hidden" not in outsider and "A community member" in outsider
    assert "Zqx Hidden" in staff


# --- Bad input, stale pages, deadlines -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_an_objection_without_a_reason_is_a_translated_400(client, language):
    member = _member()
    decision_round = _open()
    client.force_login(member)

    response = client.post(
        f"/{language}/working-group/decisions/{decision_round.pk}/position/",
        {"stance": "object", "reason": "   "},
    )

    assert response.status_code == 400
    expected = translated(
        language, "Say why you object: the proposer reads the reasons (not who gave them)."
    )
    assert expected in text_of(response)
    assert not Position.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"stance": "yes"},  # a vote's stance in a consent decision
        {"stance": "object", "reason": "x" * 2001},
        {"stance": "object", "reason": "Bad\x00 byte"},
        {"stance": "object", "reason": "Escape \x1b[31m"},
        {},
    ],
)
def test_hostile_positions_are_a_400_and_the_earlier_position_stays(client, data):
    member = _member()
    decision_round = _open()
    decisions.take_position(decision_round=decision_round, by=member, stance="consent")
    client.force_login(member)

    response = _position(client, decision_round, **data)

    assert response.status_code == 400
    assert Position.objects.get().stance == "consent"


@pytest.mark.django_db
def test_a_position_after_the_deadline_or_the_close_is_a_409():
    member = _member()
    decision_round = _open()

    with pytest.raises(WorkingGroupError) as late:
        decisions.take_position(
            decision_round=decision_round,
            by=member,
            stance="consent",
            now=decision_round.closes_at,
        )
    _close(decision_round)
    with pytest.raises(WorkingGroupError) as closed:
        decisions.take_position(decision_round=decision_round, by=member, stance="consent")

    assert (late.value.status_code, closed.value.status_code) == (409, 409)
    assert not Position.objects.exists()


@pytest.mark.django_db
def test_a_position_form_from_before_the_decision_was_cancelled_is_a_409(client):
    member = _member()
    decision_round = _open()
    page = client  # the member loaded the page with the form ...
    client.force_login(member)
    page.get(f"/en/working-group/items/{decision_round.item_id}/")
    decisions.cancel_round(decision_round=decision_round, by=StaffFactory())

    response = _position(client, decision_round, stance="object", reason="Too late")

    assert response.status_code == 409
    assert "This decision is closed: the page now shows its result." in text_of(response)
    assert not Position.objects.exists()


@pytest.mark.django_db
def test_a_member_changes_their_position_while_open_one_each():
    member = _member()
    decision_round = _open()

    decisions.take_position(decision_round=decision_round, by=member, stance="consent")
    decisions.take_position(
        decision_round=decision_round, by=member, stance="object", reason="On reflection, no."
    )

    position = Position.objects.get()
    assert (position.stance, position.reason) == ("object", "On reflection, no.")


def _open_form(item, **changes):
    closes = timezone.now() + 2 * DAY
    return {
        "version": item.version,
        "method": "consent",
        "closes_at": closes.strftime("%Y-%m-%dT%H:%M"),
        "closes_zone": "UTC",
        **changes,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"closes_at": "2020-01-01T10:00"},
            "Give the members at least 24 hours to answer, so that those in every time zone "
            "and on slow connections can take part.",
        ),
        (
            {"closes_at": (timezone.now() + 2 * 90 * DAY).strftime("%Y-%m-%dT%H:%M")},
            "A decision stays open for 90 days at most.",
        ),
        ({"closes_at": "9999-12-31T23:59"}, None),
        ({"method": "vote", "quorum": "9"}, None),
        ({"method": "lottery"}, None),
        ({"version": "0"}, None),
    ],
)
def test_bad_decision_input_is_a_4xx_and_nothing_opens(client, changes, message):
    _member()
    _member()
    item = ItemFactory()
    client.force_login(StaffFactory())

    response = client.post(
        f"/es/working-group/items/{item.pk}/decide/", _open_form(item, **changes)
    )

    item.refresh_from_db()
    assert response.status_code in (400, 409)
    if message:
        assert translated("es", message) in text_of(response)
    if changes.get("version") == "0":
        assert response.status_code == 409
    assert item.state == ItemState.SUBMITTED
    assert not DecisionRound.objects.exists()


@pytest.mark.django_db
def test_a_proposal_needs_its_schedule_after_the_deadline(client):
    _member()
    item = ProposalFactory()
    client.force_login(StaffFactory())

    missing = client.post(f"/en/working-group/items/{item.pk}/decide/", _open_form(item))
    too_early = client.post(
        f"/en/working-group/items/{item.pk}/decide/",
        _open_form(
            item,
            starts_at=timezone.now().strftime("%Y-%m-%dT%H:%M"),
            ends_at=(timezone.now() + DAY).strftime("%Y-%m-%dT%H:%M"),
            timezone="UTC",
        ),
    )

    assert (missing.status_code, too_early.status_code) == (400, 400)
    assert "The activity must start after the decision closes." in text_of(too_early)
    assert not DecisionRound.objects.exists()


@pytest.mark.django_db
def test_the_open_form_takes_the_meetings_method_and_opens_for_it(client):
    _member()
    item = ItemFactory(state=ItemState.ON_AGENDA)
    meeting = MeetingFactory(decision_method="vote")
    AgendaEntry.objects.create(meeting=meeting, item=item, position=1)
    client.force_login(StaffFactory())

    form = client.get(f"/en/working-group/items/{item.pk}/decide/").context["form"]
    response = client.post(
        f"/en/working-group/items/{item.pk}/decide/",
        _open_form(item, method="vote", meeting=meeting.pk),
    )

    decision_round = DecisionRound.objects.get()
    assert (form.initial["method"], form.initial["meeting"]) == ("vote", meeting)
    assert response.status_code == 302
    assert (decision_round.meeting, decision_round.quorum) == (meeting, 1)
    meeting_page = text_of(client.get(f"/en/working-group/meetings/{meeting.pk}/"))
    assert "Being decided by vote until" in meeting_page


@pytest.mark.django_db
def test_the_meeting_form_saves_the_default_method(client):
    client.force_login(StaffFactory())

    response = client.post(
        "/en/working-group/meetings/new/",
        {"starts_at": "2031-05-06T10:00", "timezone": "Africa/Dakar", "decision_method": "vote"},
    )

    assert response.status_code == 302
    assert MeetingFactory._meta.model.objects.get().decision_method == "vote"


# --- Closing --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_beat_closes_each_due_decision_exactly_once():
    _member()
    due, later = _open(), _open()
    DecisionRound.objects.filter(pk=due.pk).update(
        opened_at=timezone.now() - 3 * DAY, closes_at=timezone.now() - DAY
    )

    first = decisions.close_due_rounds()
    second = decisions.close_due_rounds()

    due.refresh_from_db()
    later.refresh_from_db()
    assert (first, second) == (1, 0)
    assert (due.outcome, later.outcome) == (RoundOutcome.PASSED, "")
    assert ModerationLog.objects.filter(decision_round=due, action=Action.APPROVE).count() == 1


@pytest.mark.django_db
def test_a_facilitator_closes_early_only_once_everyone_answered(client):
    members = [_member(), _member()]
    decision_round = _open()
    client.force_login(StaffFactory())
    url = f"/en/working-group/decisions/{decision_round.pk}/close/"

    early = client.post(url)
    for member in members:
        decisions.take_position(decision_round=decision_round, by=member, stance="consent")
    closed = client.post(url)
    again = client.post(url)

    decision_round.refresh_from_db()
    assert early.status_code == 409
    assert "(0 of 2 so far)" in text_of(early)
    assert closed.status_code == 302
    assert again.status_code == 409
    assert decision_round.outcome == RoundOutcome.PASSED


@pytest.mark.django_db(transaction=True)
def test_two_members_at_once_both_count_and_a_second_closer_finds_it_closed():
    require_service(
        connection.vendor == "postgresql",
        "concurrency is only meaningful on PostgreSQL (set DATABASE_URL)",
    )
    members = [_member(), _member()]
    decision_round = _open()
    barrier = threading.Barrier(2)
    outcomes = []

    def answer(member):
        try:
            barrier.wait(timeout=30)
            decisions.take_position(decision_round=decision_round, by=member, stance="consent")
            outcomes.append("ok")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(m,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    closers = []

    def close():
        try:
            barrier.wait(timeout=30)
            closers.append(
                decisions.close_round(
                    decision_round=decision_round.pk, now=decision_round.closes_at
                )
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    decision_round.refresh_from_db()
    assert outcomes == ["ok", "ok"]
    assert Position.objects.filter(decision_round=decision_round).count() == 2
    assert sorted(closer is None for closer in closers) == [False, True]
    assert decision_round.took_part == 2
    assert ModerationLog.objects.filter(decision_round=decision_round).count() == 2  # open, result


# --- Notices ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_member_hears_in_their_language_with_the_deadline_in_their_zone(
    django_capture_on_commit_callbacks,
):
    french = _member(language="fr", timezone="Africa/Dakar")
    spanish = _member(language="es", timezone="America/Lima")
    item = ItemFactory(title_fr="Fonds d’interprétation", title_es="Fondo de interpretación")
    closes_at = datetime.datetime(2031, 5, 6, 12, 0, tzinfo=datetime.UTC)

    with django_capture_on_commit_callbacks(execute=True):
        decisions.open_decision(
            item=item,
            by=StaffFactory(),
            version=item.version,
            method="consent",
            closes_at=closes_at,
            now=closes_at - 10 * DAY,
        )

    to_french = next(m for m in mail.outbox if m.to == [french.email])
    to_spanish = next(m for m in mail.outbox if m.to == [spanish.email])
    assert "Fonds d’interprétation" in to_french.subject
    assert "12:00" in to_french.body  # Dakar is UTC
    assert "Fondo de interpretación" in to_spanish.subject
    assert "7:00" in to_spanish.body  # Lima is UTC-5
    # One reminder each, a day before the deadline.
    reminders = Delivery.objects.filter(kind=Kind.DECISION_REMINDER)
    assert reminders.count() == 2
    assert {d.due_at for d in reminders} == {closes_at - DAY}


@pytest.mark.django_db
def test_the_reminder_is_cancelled_for_a_member_who_answered():
    member = _member()
    decision_round = _open(closes_in=5 * DAY)
    decisions.take_position(decision_round=decision_round, by=member, stance="consent")
    reminder = Delivery.objects.get(kind=Kind.DECISION_REMINDER, user=member)

    from notifications.registry import NotDue

    with pytest.raises(NotDue):
        render(reminder)


# --- Query counts ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("members", [2, 12])
def test_item_page_queries_do_not_grow_with_members_and_positions(
    client, django_assert_max_num_queries, members
):
    people = [_member() for _ in range(members)]
    decision_round = _open()
    for person in people:
        decisions.take_position(
            decision_round=decision_round, by=person, stance="object", reason="Why"
        )
    client.force_login(people[0])

    with django_assert_max_num_queries(24):
        response = client.get(f"/en/working-group/items/{decision_round.item_id}/")

    assert response.status_code == 200
    assert text_of(response).count("I object") == members + 1  # + the form's choice


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 8])
def test_meeting_page_queries_do_not_grow_with_decided_items(
    client, django_assert_max_num_queries, items
):
    _member()
    meeting = MeetingFactory()
    for position in range(items):
        item = ItemFactory(state=ItemState.ON_AGENDA)
        AgendaEntry.objects.create(meeting=meeting, item=item, position=position)
        _open(item, meeting=meeting)
    client.force_login(StaffFactory())

    with django_assert_max_num_queries(16):
        response = client.get(f"/en/working-group/meetings/{meeting.pk}/")

    assert response.status_code == 200
    assert text_of(response).count("Being decided by consent until") == items
