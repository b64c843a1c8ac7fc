"""Writes of the Working Group flow. Every change of an item's state goes through
`transition()`, the one state machine; it locks the row, refuses stale pages, logs, notifies."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from activities import services as activity_services
from activities.enums import ActivityStatus, LedBy, SupportKind
from activities.exceptions import ActivityError
from activities.models import DETAILS_LIMIT, Activity
from core import languages
from core.validators import (
    date_out_of_range_message,
    ends_after_start,
    ends_after_start_message,
    has_control_characters,
    is_in_range,
    moment_in_range,
)
from notifications import services as notifications
from notifications.enums import Kind
from partners.models import Organisation
from workinggroup import permissions
from workinggroup.enums import (
    Action,
    DecisionMethod,
    FollowUpStatus,
    ItemKind,
    ItemState,
    MeetingState,
)
from workinggroup.exceptions import WorkingGroupError
from workinggroup.models import (
    TEXT_LIMIT,
    AgendaEntry,
    Comment,
    FollowUp,
    Item,
    Meeting,
    ModerationLog,
    Support,
)

S = ItemState


@dataclass(frozen=True)
class Transition:
    sources: frozenset
    # None: back to where the item was when its decision opened (DecisionRound.returns_to).
    target: str | None
    by_staff: bool
    needs_message: bool = False
    # The result of a Working Group decision: taken only by closing (or cancelling) a decision
    # round (workinggroup.decisions), never by hand, not even by staff.
    by_round: bool = False


TRANSITIONS: dict[str, Transition] = {
    Action.SUBMIT: Transition(frozenset({S.DRAFT, S.CHANGES_REQUESTED}), S.SUBMITTED, False),
    Action.WITHDRAW: Transition(
        frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED}), S.WITHDRAWN, False
    ),
    Action.PUT_ON_AGENDA: Transition(frozenset({S.SUBMITTED}), S.ON_AGENDA, True),
    Action.OPEN_DECISION: Transition(S.OPEN, S.IN_DECISION, True, by_round=True),
    Action.REQUEST_CHANGES: Transition(S.OPEN, S.CHANGES_REQUESTED, True, needs_message=True),
    Action.MERGE: Transition(S.OPEN, S.MERGED, True),
    Action.HIDE: Transition(
        frozenset({S.DRAFT, S.SUBMITTED, S.ON_AGENDA, S.CHANGES_REQUESTED}), S.HIDDEN, True
    ),
    # The results of a decision of the Working Group.
    Action.APPROVE: Transition(frozenset({S.IN_DECISION}), S.APPROVED, False, by_round=True),
    Action.SEND_BACK: Transition(
        frozenset({S.IN_DECISION}), S.CHANGES_REQUESTED, False, needs_message=True, by_round=True
    ),
    Action.DECLINE: Transition(
        frozenset({S.IN_DECISION}), S.DECLINED, False, needs_message=True, by_round=True
    ),
    Action.NO_DECISION: Transition(frozenset({S.IN_DECISION}), None, False, by_round=True),
    Action.CANCEL_DECISION: Transition(frozenset({S.IN_DECISION}), None, True, by_round=True),
}
# Actions that decide a recommendation: its supporters hear about it.
DECIDING = {Action.APPROVE, Action.DECLINE, Action.MERGE}


def allowed_actions(item: Item, user: User) -> list[str]:
    """The actions `user` may take on `item` now, in the order a page shows them."""
    actions = []
    for action, rule in TRANSITIONS.items():
        if item.state not in rule.sources or rule.by_round:
            continue
        if (rule.by_staff and permissions.can_moderate(user)) or (
            not rule.by_staff and permissions.can_act_as_proposer(user, item)
        ):
            actions.append(action)
    return actions


def _stale() -> WorkingGroupError:
    return WorkingGroupError(
        _(
            "This item changed while you were looking at it. The page now shows it as it is: "
            "check it, then try again."
        ),
        status_code=409,
    )


def _locked(item: Item, version: int | None) -> Item:
    """The item's row, locked; refuses (409) a page rendered from another version of the item,
    or a form that did not say which version it was rendered from."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    if version is None or item.version != version:
        raise _stale()
    return item


@dataclass
class Schedule:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    timezone: str


def _activity_from(item: Item, by: User, schedule: Schedule) -> Activity:
    """The agreed proposal as a partner-led activity: its translations, hosts and languages
    carried over, nothing retyped, on the schedule the Working Group agreed. It is a draft: its
    hosts publish it (activities.permissions: partners decide on partner-led activities), and
    the support the proposal asked the Lab for is its first support request, for the team to
    confirm."""
    if not all(
        moment_in_range(moment, schedule.timezone)
        for moment in (schedule.starts_at, schedule.ends_at)
    ):
        raise WorkingGroupError(date_out_of_range_message())
    if not ends_after_start(schedule.starts_at, schedule.ends_at):
        raise WorkingGroupError(ends_after_start_message())
    activity = Activity(
        type=item.activity_type,
        original_language=item.original_language,
        spoken_languages=item.spoken_languages or item.original_language,
        interpretation_languages=item.interpretation_languages,
        starts_at=schedule.starts_at,
        ends_at=schedule.ends_at,
        timezone=schedule.timezone,
        format=item.format or "online",
        audience=item.audience or "community",
        status=ActivityStatus.DRAFT,
        led_by=LedBy.PARTNERS,
        created_by=by,
    )
    for code in languages.codes():
        setattr(activity, f"title_{code}", getattr(item, f"title_{code}") or "")
        setattr(activity, f"description_{code}", getattr(item, f"description_{code}") or "")
    activity.full_clean()
    activity.save()
    hosts = list(item.proposed_hosts.all()) or [item.organisation]
    activity.host_organisations.set(hosts)
    if item.proposer_id:
        activity.host_people.add(item.proposer_id)
    if item.support_needed.strip() and item.proposer_id and item.proposer.is_active:
        activity_services.request_support(
            activity=activity,
            by=item.proposer,
            kind=SupportKind.OTHER,
            details=_support_details(item.support_needed),
            language=item.original_language,
        )
    return activity


def _support_details(text: str) -> str:
    """The proposal's "support needed" as a support request's details: a closing decision must
    not fail on it, so control characters are dropped and a text longer than a request holds is
    cut (the whole text stays on the proposal's page)."""
    text = "".join(c for c in text if not has_control_characters(c, multi_line=True)).strip()
    if len(text) > DETAILS_LIMIT:
        text = text[: DETAILS_LIMIT - 1].rstrip() + "…"
    return text


@transaction.atomic
def transition(
    *,
    item: Item,
    action: str,
    by: User,
    version: int | None,
    message: str | Mapping[str, str] = "",
    private_note: str = "",
    meeting: Meeting | None = None,
    merge_into: Item | None = None,
    schedule: Schedule | None = None,
    decision_round=None,
) -> Item:
    """Move `item` by `action`. Refuses, with a translated 4xx, an action not allowed from the
    current state, by this person, or from a page older than the item (`version`). Two staff
    acting at once: the row lock makes the second see the first's result and be refused.

    `version` None is for callers without a page (demo data, scripts): the rules of the state
    machine still apply, the page check does not.

    Opening a decision, its results and its cancelling (`rule.by_round`) are taken only by
    workinggroup.decisions, with the `decision_round` (a DecisionRound, locked by the caller):
    the log entry names it, and says the Working Group decided.

    `message` is the message to the proposer, one version per language ({"es": ..., "fr": ...});
    a plain string is in the language of the person acting. Each reader gets their version, or
    the original with a note of its language.

    Side effects: an audit log entry; the proposer is emailed (after commit) unless they acted
    themselves; for a decided recommendation, its supporters too.
    """
    rule = TRANSITIONS[action]
    if version is None:
        item = Item.objects.select_for_update().get(pk=item.pk)
    else:
        item = _locked(item, version)
    if rule.by_round and decision_round is None:
        permissions.ensure_not_for_the_working_group()
    if not rule.by_round or rule.by_staff:
        permissions.ensure_can_act(by, item, by_staff=rule.by_staff)
    if item.state not in rule.sources:
        raise WorkingGroupError(
            _("“%(action)s” is not possible while the item is “%(state)s”.")
            % {"action": Action(action).label, "state": item.get_state_display()},
            status_code=409,
        )
    messages = _messages(message, by)
    if rule.needs_message and not any(messages.values()):
        raise WorkingGroupError(_("Write a message for the proposer: they will read it."))

    if action == Action.SUBMIT:
        item.submitted_at = timezone.now()
    elif action == Action.PUT_ON_AGENDA:
        if meeting is None or meeting.state != MeetingState.DRAFT:
            raise WorkingGroupError(_("Choose a meeting whose agenda is still a draft."))
        _append_entry(meeting=meeting, item=item)
    elif action == Action.OPEN_DECISION:
        decision_round.returns_to = item.state
        decision_round.save(update_fields=["returns_to"])
    elif action == Action.APPROVE and item.kind == ItemKind.PROPOSAL:
        if schedule is None:
            raise WorkingGroupError(_("Give the date and time of the activity to approve it."))
        item.activity = _activity_from(item, by, schedule)
    elif action == Action.MERGE:
        if merge_into is None or merge_into.pk == item.pk or merge_into.state not in S.OPEN:
            raise WorkingGroupError(
                _("Choose another submitted item or item on the agenda to merge into.")
            )
        item.merged_into = merge_into

    from_state = item.state
    item.state = rule.target or decision_round.returns_to or S.SUBMITTED
    item.version += 1
    item.save()
    entry = ModerationLog.objects.create(
        item=item,
        actor=by,
        action=action,
        from_state=from_state,
        to_state=item.state,
        private_note=private_note.strip(),
        decision_round=decision_round,
        **{f"message_{code}": text for code, text in messages.items()},
    )
    _notify_after_commit(item=item, entry=entry, action=action, by=by)
    return item


def _messages(message: str | Mapping[str, str], by: User) -> dict[str, str]:
    try:
        return activity_services.texts_per_language(
            message, language=by.language or languages.codes()[0], limit=TEXT_LIMIT
        )
    except ActivityError as error:
        raise WorkingGroupError(error.message) from error


def _notify_after_commit(*, item: Item, entry: ModerationLog, action: str, by: User) -> None:
    """The proposer hears of every change someone else makes; supporters of a recommendation
    hear when it is decided."""
    if item.proposer_id and item.proposer_id != by.pk:
        notifications.notify(
            user=item.proposer,
            kind=Kind.PROPOSAL_UPDATE,
            key=f"proposal:{entry.pk}",
            ref_id=entry.pk,
        )
    if item.kind == ItemKind.RECOMMENDATION and action in DECIDING:
        for supporter in User.objects.filter(
            pk__in=item.supports.values("user_id"), is_active=True
        ).exclude(pk=item.proposer_id):
            notifications.notify(
                user=supporter,
                kind=Kind.RECOMMENDATION_DECIDED,
                key=f"recommendation:{entry.pk}:{supporter.pk}",
                ref_id=entry.pk,
            )


def _check_text(data: dict) -> None:
    start, end = data.get("preferred_start"), data.get("preferred_end")
    if not (is_in_range(start) and is_in_range(end)):
        raise WorkingGroupError(date_out_of_range_message())
    if start and end and end < start:
        raise WorkingGroupError(_("The end of the date range must not be before its start."))


ITEM_FIELDS = (
    "activity_type",
    "preferred_start",
    "preferred_end",
    "spoken_languages",
    "interpretation_languages",
    "format",
    "audience",
    "support_needed",
)


def _apply(item: Item, data: dict, language: str) -> None:
    _check_text(data)
    item.original_language = language
    setattr(item, f"title_{language}", data["title"])
    setattr(item, f"description_{language}", data["description"])
    if item.kind == ItemKind.PROPOSAL:
        for name in ITEM_FIELDS:
            empty = None if name.startswith("preferred_") else ""
            setattr(item, name, data.get(name) or empty)


@transaction.atomic
def create_item(
    *,
    by: User,
    kind: str,
    organisation: Organisation,
    language: str,
    data: dict,
    proposed_hosts=(),
) -> Item:
    """A new proposal or recommendation, saved as a draft in the language it was written in."""
    permissions.ensure_can_propose(by, organisation)
    item = Item(kind=kind, proposer=by, organisation=organisation)
    _apply(item, data, language)
    item.full_clean()
    item.save()
    if kind == ItemKind.PROPOSAL:
        item.proposed_hosts.set(proposed_hosts)
    return item


@transaction.atomic
def update_item(
    *, item: Item, by: User, version: int | None, language: str, data: dict, proposed_hosts=()
) -> Item:
    """Save the proposer's edits of a draft, or of an item sent back for changes. `version` is
    the one the edit page was rendered with: missing or stale, the edit is refused (409)."""
    item = _locked(item, version)
    permissions.ensure_can_edit_item(by, item)
    _apply(item, data, language)
    item.version += 1
    item.full_clean()
    item.save()
    if item.kind == ItemKind.PROPOSAL:
        item.proposed_hosts.set(proposed_hosts)
    return item


@transaction.atomic
def add_translations(*, item: Item, by: User, version: int, texts: dict[str, str]) -> Item:
    """Fill in other language versions of the title and description (`title_es`, ...)."""
    item = _locked(item, version)
    permissions.ensure_can_add_translations(by, item)
    for name, value in texts.items():
        setattr(item, name, value)
    item.version += 1
    item.full_clean()
    item.save()
    return item


def toggle_support(*, item: Item, user: User) -> bool:
    """Support a recommendation, or withdraw one's support. Returns whether it is now supported."""
    permissions.ensure_can_support(user, item)
    deleted, _details = Support.objects.filter(item=item, user=user).delete()
    if deleted:
        return False
    Support.objects.get_or_create(item=item, user=user)
    return True


def add_comment(*, by: User, body: str, item: Item | None = None, meeting=None) -> Comment:
    if item is not None:
        permissions.ensure_can_comment(by, item)
    if meeting is not None:
        permissions.ensure_can_comment_on_meeting(by, meeting)
    comment = Comment(item=item, meeting=meeting, author=by, body=body.strip())
    comment.full_clean()
    comment.save()
    return comment


# --- Meetings ---------------------------------------------------------------------------------


def create_meeting(
    *,
    by: User,
    starts_at: datetime.datetime,
    timezone_name: str,
    decision_method: str = DecisionMethod.CONSENT,
) -> Meeting:
    """A meeting; `decision_method` is how the Working Group decides its items by default."""
    permissions.ensure_can_manage_meetings(by)
    if not moment_in_range(starts_at, timezone_name):
        raise WorkingGroupError(date_out_of_range_message())
    meeting = Meeting(starts_at=starts_at, timezone=timezone_name, decision_method=decision_method)
    meeting.full_clean()
    meeting.save()
    return meeting


def _append_entry(*, meeting: Meeting, item: Item | None = None, titles=None) -> AgendaEntry:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    last = meeting.entries.aggregate(last=Max("position"))["last"] or 0
    entry = AgendaEntry(meeting=meeting, item=item, position=last + 1)
    for name, value in (titles or {}).items():
        setattr(entry, name, value)
    entry.save()
    return entry


@transaction.atomic
def add_free_entry(*, meeting: Meeting, by: User, titles: dict[str, str]) -> AgendaEntry:
    """A free agenda item (a topic, not from the queue), titled in one or more languages."""
    permissions.ensure_can_manage_meetings(by)
    if not any(value.strip() for value in titles.values()):
        raise WorkingGroupError(_("Give the agenda item a title."))
    return _append_entry(meeting=meeting, titles=titles)


@transaction.atomic
def move_entry(*, entry: AgendaEntry, by: User, direction: str) -> None:
    """Swap an agenda entry with its neighbour above ("up") or below ("down")."""
    permissions.ensure_can_manage_meetings(by)
    if direction not in ("up", "down"):
        raise WorkingGroupError(_("Choose to move the item up or down."))
    entries = list(
        AgendaEntry.objects.select_for_update()
        .filter(meeting_id=entry.meeting_id)
        .order_by("position", "pk")
    )
    index = next(i for i, e in enumerate(entries) if e.pk == entry.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(entries):
        return
    entries[index], entries[other] = entries[other], entries[index]
    for position, each in enumerate(entries, start=1):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])


@transaction.atomic
def record_outcome(
    *, entry: AgendaEntry, by: User, discussed: bool, decision: str, notes: dict[str, str]
) -> AgendaEntry:
    """Mark an agenda entry discussed and record its notes (in any languages), and for a free
    entry (a topic) the decision taken in the meeting. An item's decision is the members' own
    (workinggroup.decisions): the team never records one for it."""
    permissions.ensure_can_manage_meetings(by)
    entry = AgendaEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.item_id and decision:
        raise WorkingGroupError(
            _(
                "The Working Group’s members decide an item on the agenda: open a decision on "
                "the item’s page."
            )
        )
    entry.discussed = discussed
    entry.decision = decision
    for name, value in notes.items():
        setattr(entry, name, value)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def publish_meeting(*, meeting: Meeting, by: User) -> Meeting:
    """Publish the agenda to the community; Working Group members are emailed."""
    permissions.ensure_can_manage_meetings(by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state == MeetingState.PUBLISHED:
        raise WorkingGroupError(_("This agenda is already published."), status_code=409)
    meeting.state = MeetingState.PUBLISHED
    meeting.published_at = timezone.now()
    meeting.save(update_fields=["state", "published_at"])
    for member in User.objects.filter(is_working_group_member=True, is_active=True):
        notifications.notify(
            user=member,
            kind=Kind.AGENDA_PUBLISHED,
            key=f"agenda:{meeting.pk}:{member.pk}",
            ref_id=meeting.pk,
        )
    return meeting


# --- Follow-up of approved recommendations ---------------------------------------------------


FOLLOW_UP_FIELDS = ("owner", "status", "due_on")


@transaction.atomic
def save_follow_up(
    *, item: Item, by: User, data: dict, follow_up: FollowUp | None = None
) -> FollowUp:
    """Add or change a follow-up action of an approved recommendation: `data` holds
    description_<code> per language, owner, status and due_on. When it becomes done, its
    supporters and proposer hear of it, each once."""
    permissions.ensure_can_follow_up(by, item)
    if not is_in_range(data.get("due_on")):
        raise WorkingGroupError(date_out_of_range_message())
    follow_up = follow_up or FollowUp(item=item)
    if follow_up.pk:
        follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk, item=item)
    was_done = follow_up.status == FollowUpStatus.DONE
    for name in languages.per_language("description"):
        if name in data:
            setattr(follow_up, name, (data[name] or "").strip())
    for name in FOLLOW_UP_FIELDS:
        if name in data:
            setattr(follow_up, name, data[name].strip() if name == "owner" else data[name])
    if not any(getattr(follow_up, name) for name in languages.per_language("description")):
        raise WorkingGroupError(_("Describe the action in at least one language."))
    done = follow_up.status == FollowUpStatus.DONE
    follow_up.done_on = (follow_up.done_on or timezone.localdate()) if done else None
    follow_up.full_clean()
    follow_up.save()
    if done and not was_done:
        _notify_follow_up_done(follow_up=follow_up)
    return follow_up


def _notify_follow_up_done(*, follow_up: FollowUp) -> None:
    """Each supporter of the recommendation, and its proposer, once per action (the key)."""
    item = follow_up.item
    people = User.objects.filter(
        Q(pk__in=item.supports.values("user_id")) | Q(pk=item.proposer_id), is_active=True
    ).select_related("notification_settings")
    for person in people:
        notifications.notify(
            user=person,
            kind=Kind.FOLLOW_UP_DONE,
            key=f"follow-up-done:{follow_up.pk}:{person.pk}",
            ref_id=follow_up.pk,
        )
