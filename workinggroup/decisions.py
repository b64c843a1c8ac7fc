"""Writes of the Working Group's decisions: a facilitator opens a decision of an item (by consent
or by vote, until a deadline), members take positions, the decision closes exactly once and its
result moves the item through `services.transition()`, the one state machine.

Locks, always in this order: the decision round's row, then the item's (in transition()). A
position locks the round, so two members answering at once both count, and nothing is counted
after the round closed: closing takes the same lock."""

import datetime
import logging
from collections import Counter

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core import languages
from core.exceptions import ApplicationError
from core.validators import (
    date_out_of_range_message,
    ends_after_start,
    ends_after_start_message,
    moment_in_range,
)
from notifications import services as notifications
from notifications.enums import Kind
from workinggroup import permissions, services
from workinggroup.enums import Action, DecisionMethod, ItemKind, RoundOutcome, Stance
from workinggroup.exceptions import WorkingGroupError
from workinggroup.models import TEXT_LIMIT, DecisionRound, Item, Meeting, Position

logger = logging.getLogger(__name__)

# Members in every time zone, on any connection, can answer within a day; a decision open for
# months is forgotten.
MIN_NOTICE = datetime.timedelta(hours=24)
MAX_LENGTH = datetime.timedelta(days=90)
# The reminder goes to members who have not answered, this long before the deadline (only when
# the decision is open at least twice as long: else the opening notice is the reminder).
REMINDER_BEFORE = datetime.timedelta(hours=24)
REASON_LIMIT = 2000

RESULT_ACTION = {
    RoundOutcome.PASSED: Action.APPROVE,
    RoundOutcome.OBJECTED: Action.SEND_BACK,
    RoundOutcome.REJECTED: Action.DECLINE,
    RoundOutcome.NO_QUORUM: Action.NO_DECISION,
}


def active_members():
    return User.objects.filter(is_working_group_member=True, is_active=True)


def default_quorum(members: int) -> int:
    """A majority of the members counted."""
    return members // 2 + 1


def _closed() -> WorkingGroupError:
    return WorkingGroupError(
        _("This decision is closed: the page now shows its result."), status_code=409
    )


def _locked_round(decision_round: DecisionRound | int) -> DecisionRound:
    pk = decision_round if isinstance(decision_round, int) else decision_round.pk
    return DecisionRound.objects.select_for_update().select_related("item").get(pk=pk)


def _check_schedule(schedule: services.Schedule | None, closes_at: datetime.datetime) -> None:
    if schedule is None:
        raise WorkingGroupError(
            _("Give the date and time of the activity: the members decide on them too.")
        )
    if not all(
        moment_in_range(m, schedule.timezone) for m in (schedule.starts_at, schedule.ends_at)
    ):
        raise WorkingGroupError(date_out_of_range_message())
    if not ends_after_start(schedule.starts_at, schedule.ends_at):
        raise WorkingGroupError(ends_after_start_message())
    if schedule.starts_at <= closes_at:
        raise WorkingGroupError(_("The activity must start after the decision closes."))


@transaction.atomic
def open_decision(
    *,
    item: Item,
    by: User,
    version: int | None,
    method: str,
    closes_at: datetime.datetime,
    quorum: int | None = None,
    meeting: Meeting | None = None,
    schedule: services.Schedule | None = None,
    now: datetime.datetime | None = None,
) -> DecisionRound:
    """Open a decision of the Working Group on `item` (submitted or on an agenda) until
    `closes_at`: by consent, or by vote with `quorum` members taking part (a majority of the
    active members by default). A proposal needs its `schedule`, used if it passes. Refuses
    (4xx) a deadline less than a day away or more than 90 days, a quorum above the members,
    a stale page (`version`).

    Side effects: the item goes to IN_DECISION (logged, the proposer told); each member is
    emailed in their language (after commit), and reminded a day before the deadline if they
    have not answered."""
    permissions.ensure_can_facilitate(by)
    now = now or timezone.now()
    if method not in DecisionMethod.values:
        raise WorkingGroupError(_("Choose how the Working Group decides."))
    if not moment_in_range(closes_at, "UTC"):
        raise WorkingGroupError(date_out_of_range_message())
    if closes_at < now + MIN_NOTICE:
        raise WorkingGroupError(
            _(
                "Give the members at least 24 hours to answer, so that those in every time zone "
                "and on slow connections can take part."
            )
        )
    if closes_at > now + MAX_LENGTH:
        raise WorkingGroupError(_("A decision stays open for 90 days at most."))
    counted = active_members().count()
    if counted == 0:
        raise WorkingGroupError(
            _("The Working Group has no members yet: nobody could decide."), status_code=409
        )
    if method == DecisionMethod.VOTE:
        quorum = default_quorum(counted) if quorum is None else quorum
        if not 1 <= quorum <= counted:
            raise WorkingGroupError(
                _("The quorum must be between 1 and the %(count)s members of the Working Group.")
                % {"count": counted}
            )
    else:
        quorum = None
    if item.kind == ItemKind.PROPOSAL:
        _check_schedule(schedule, closes_at)
    else:
        schedule = None
    decision_round = DecisionRound.objects.create(
        item=item,
        meeting=meeting,
        method=method,
        opened_by=by,
        opened_at=now,
        closes_at=closes_at,
        members_counted=counted,
        quorum=quorum,
        starts_at=schedule.starts_at if schedule else None,
        ends_at=schedule.ends_at if schedule else None,
        timezone=schedule.timezone if schedule else "",
    )
    services.transition(
        item=item,
        action=Action.OPEN_DECISION,
        by=by,
        version=version,
        decision_round=decision_round,
    )
    _notify_opened(decision_round, now=now)
    return decision_round


def _notify_opened(decision_round: DecisionRound, *, now: datetime.datetime) -> None:
    remind = decision_round.closes_at - now >= 2 * REMINDER_BEFORE
    for member in active_members().select_related("notification_settings"):
        notifications.notify(
            user=member,
            kind=Kind.DECISION_OPENED,
            key=f"decision-open:{decision_round.pk}:{member.pk}",
            ref_id=decision_round.pk,
        )
        if remind:
            notifications.notify(
                user=member,
                kind=Kind.DECISION_REMINDER,
                key=f"decision-reminder:{decision_round.pk}:{member.pk}",
                ref_id=decision_round.pk,
                due_at=decision_round.closes_at - REMINDER_BEFORE,
            )


@transaction.atomic
def take_position(
    *,
    decision_round: DecisionRound,
    by: User,
    stance: str,
    reason: str = "",
    member: User | None = None,
    now: datetime.datetime | None = None,
) -> Position:
    """`by` takes their position in an open decision, or changes it; a facilitator records
    `member`'s (said in a call). An objection needs its reason; a position after the deadline
    or once the decision closed is refused (409)."""
    member = member or by
    decision_round = _locked_round(decision_round)
    permissions.ensure_can_take_position(by, decision_round, member=member)
    if (now or timezone.now()) >= decision_round.closes_at:
        raise WorkingGroupError(
            _("The time to answer is over: the decision is being closed."), status_code=409
        )
    if stance not in Stance.BY_METHOD[decision_round.method]:
        raise WorkingGroupError(_("Choose one of the positions offered."))
    reason = reason.strip()
    if len(reason) > REASON_LIMIT:
        raise WorkingGroupError(
            _("Keep the reason under %(limit)s characters.") % {"limit": REASON_LIMIT}
        )
    if stance == Stance.OBJECT and not reason:
        raise WorkingGroupError(
            _("Say why you object: the proposer reads the reasons (not who gave them).")
        )
    position, _created = Position.objects.update_or_create(
        decision_round=decision_round,
        member=member,
        defaults={
            "stance": stance,
            "reason": reason,
            "recorded_by": None if member.pk == by.pk else by,
            "updated_at": timezone.now(),
        },
    )
    return position


def tally(decision_round: DecisionRound, positions=None) -> tuple[str, int, Counter]:
    """The outcome the positions give, how many members took part, and the count of each
    stance. Consent: it passes unless someone objects. Vote: a quorum must take part, then more
    yes than no (abstentions count for the quorum only)."""
    positions = list(decision_round.positions.all()) if positions is None else positions
    counts = Counter(position.stance for position in positions)
    took_part = len(positions)
    if decision_round.method == DecisionMethod.CONSENT:
        outcome = RoundOutcome.OBJECTED if counts[Stance.OBJECT] else RoundOutcome.PASSED
    elif took_part < (decision_round.quorum or 0):
        outcome = RoundOutcome.NO_QUORUM
    elif counts[Stance.YES] > counts[Stance.NO]:
        outcome = RoundOutcome.PASSED
    else:
        outcome = RoundOutcome.REJECTED
    return outcome, took_part, counts


def _in_each_language(write) -> dict[str, str]:
    """{code: text} with `write()` called in each portal language, cut to the log's limit."""
    texts = {}
    for code in languages.codes():
        with translation.override(code):
            text = write()
        texts[code] = text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"
    return texts


def _reasons(positions, stances) -> str:
    return "\n".join(f"– {p.reason}" for p in positions if p.stance in stances and p.reason)


def _result_message(decision_round: DecisionRound, outcome: str, took_part: int, counts, positions):
    """What the proposer (and everyone who reads the item's history) reads: the reasons given,
    never who gave them."""

    def write() -> str:
        if outcome == RoundOutcome.OBJECTED:
            return "\n".join(
                [
                    _("Members of the Working Group objected. Their reasons:"),
                    _reasons(positions, {Stance.OBJECT}),
                ]
            )
        if outcome == RoundOutcome.REJECTED:
            lines = [
                _("The Working Group voted: %(yes)s yes, %(no)s no, %(abstain)s abstained.")
                % {
                    "yes": counts[Stance.YES],
                    "no": counts[Stance.NO],
                    "abstain": counts[Stance.ABSTAIN],
                }
            ]
            reasons = _reasons(positions, {Stance.NO})
            if reasons:
                lines += [_("Reasons given:"), reasons]
            return "\n".join(lines)
        if outcome == RoundOutcome.NO_QUORUM:
            return _(
                "Too few members took part (%(took_part)s; %(quorum)s were needed): nothing is "
                "decided yet."
            ) % {"took_part": took_part, "quorum": decision_round.quorum}
        return ""

    return _in_each_language(write)


@transaction.atomic
def close_round(
    *,
    decision_round: DecisionRound | int,
    by: User | None = None,
    now: datetime.datetime | None = None,
) -> DecisionRound | None:
    """Close a decision and apply its result to the item through transition(): agreed ->
    APPROVED (a proposal becomes its hosts' draft activity), objected -> CHANGES_REQUESTED with the
    objections' reasons, a vote lost -> DECLINED, no quorum -> back where it was.

    `by` None is the beat task at the deadline: it returns None when the decision is already
    closed (another worker did it) or not yet due. A facilitator (`by`) may close before the
    deadline only once every member counted took a position; a closed one is refused (409).

    Side effects: the log entry names the decision; each member is emailed the result (after
    commit); the proposer and supporters hear through transition()."""
    now = now or timezone.now()
    if by is not None:
        permissions.ensure_can_facilitate(by)
    decision_round = _locked_round(decision_round)
    if not decision_round.is_open:
        if by is None:
            return None
        raise _closed()
    positions = list(decision_round.positions.all())
    if now < decision_round.closes_at:
        if by is None:
            return None
        if len(positions) < decision_round.members_counted:
            raise WorkingGroupError(
                _(
                    "The decision can close before its deadline only once every member has "
                    "taken a position (%(took_part)s of %(counted)s so far)."
                )
                % {"took_part": len(positions), "counted": decision_round.members_counted},
                status_code=409,
            )
    outcome, took_part, counts = tally(decision_round, positions)
    decision_round.closed_at = now
    decision_round.outcome = outcome
    decision_round.took_part = took_part
    decision_round.save(update_fields=["closed_at", "outcome", "took_part"])
    schedule = None
    if decision_round.starts_at and decision_round.ends_at:
        schedule = services.Schedule(
            decision_round.starts_at, decision_round.ends_at, decision_round.timezone
        )
    services.transition(
        item=decision_round.item,
        action=RESULT_ACTION[outcome],
        by=by or decision_round.opened_by,
        version=None,
        message=_result_message(decision_round, outcome, took_part, counts, positions),
        schedule=schedule,
        decision_round=decision_round,
    )
    _notify_result(decision_round)
    return decision_round


def close_due_rounds(*, now: datetime.datetime | None = None) -> int:
    """Close every decision whose deadline has passed, each exactly once (row lock: a second
    worker finds it closed). One that cannot close is logged and tried again next time."""
    now = now or timezone.now()
    due = DecisionRound.objects.filter(closed_at__isnull=True, closes_at__lte=now).order_by(
        "closes_at", "pk"
    )
    closed = 0
    for pk in due.values_list("pk", flat=True):
        try:
            if close_round(decision_round=pk, now=now) is not None:
                closed += 1
        except ApplicationError:
            # A refusal from any app (the activity an agreed proposal becomes, say): this
            # decision's transaction is rolled back, the others still close.
            logger.exception("decision %s could not close", pk)
    return closed


@transaction.atomic
def cancel_round(
    *, decision_round: DecisionRound, by: User, message: str = "", private_note: str = ""
) -> DecisionRound:
    """A facilitator cancels an open decision (the text must change, say): the item goes back
    where it was, nothing decided; logged; members are told."""
    permissions.ensure_can_facilitate(by)
    decision_round = _locked_round(decision_round)
    if not decision_round.is_open:
        raise _closed()
    decision_round.closed_at = timezone.now()
    decision_round.outcome = RoundOutcome.CANCELLED
    decision_round.took_part = decision_round.positions.count()
    decision_round.save(update_fields=["closed_at", "outcome", "took_part"])
    services.transition(
        item=decision_round.item,
        action=Action.CANCEL_DECISION,
        by=by,
        version=None,
        message=message,
        private_note=private_note,
        decision_round=decision_round,
    )
    _notify_result(decision_round)
    return decision_round


def _notify_result(decision_round: DecisionRound) -> None:
    for member in active_members().select_related("notification_settings"):
        notifications.notify(
            user=member,
            kind=Kind.DECISION_RESULT,
            key=f"decision-result:{decision_round.pk}:{member.pk}",
            ref_id=decision_round.pk,
        )
