"""Reads of the Working Group flow that depend on who is asking."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from accounts.models import User
from accounts.permissions import is_staff
from activities.selectors import reader_languages
from partners.enums import MembershipRole
from partners.models import Membership
from partners.permissions import is_community_member
from workinggroup.enums import ItemKind, ItemState, MeetingState
from workinggroup.models import (
    AgendaEntry,
    Comment,
    DecisionRound,
    FollowUp,
    Item,
    Meeting,
    ModerationLog,
    Position,
    Support,
)
from workinggroup.permissions import is_working_group_member


def _own(user: User) -> Q:
    """Items `user` speaks for: proposed by them, or from an organisation they lead."""
    led = Membership.objects.filter(
        user=user, role=MembershipRole.LEAD, organisation=OuterRef("organisation")
    )
    return Q(proposer=user) | Q(Exists(led))


def items_visible_to(*, user: User) -> QuerySet[Item]:
    """Staff see everything; the community sees items once submitted (never hidden ones);
    drafts and withdrawn items only their proposer and the organisation's leads."""
    items = Item.objects.all()
    if is_staff(user):
        return items
    if not user.is_authenticated:
        return items.none()
    visible = Q(state__in=ItemState.PRIVATE) & _own(user)
    if is_community_member(user):
        visible |= Q(state__in=ItemState.PUBLIC)
    return items.filter(visible)


def _with_list_data(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.select_related("organisation", "proposer").annotate(
        support_count=Count("supports", distinct=True)
    )


def community_items(*, user: User, kind: str = "") -> QuerySet[Item]:
    items = items_visible_to(user=user).filter(state__in=ItemState.PUBLIC)
    if kind:
        items = items.filter(kind=kind)
    return _with_list_data(items).order_by("-submitted_at", "-pk")


def my_items(*, user: User) -> QuerySet[Item]:
    return _with_list_data(Item.objects.filter(_own(user))).order_by("-updated_at", "-pk")


@dataclass
class QueueFilters:
    state: str = ""
    language: str = ""
    organisation: str = ""
    kind: str = ""


def moderation_queue(*, filters: QueueFilters) -> QuerySet[Item]:
    """What waits for the team: submitted, on an agenda, or sent back (by default), oldest
    first, so nothing waits forever."""
    items = Item.objects.all()
    items = (
        items.filter(state=filters.state)
        if filters.state
        else items.filter(state__in=ItemState.QUEUE)
    )
    if filters.language:
        items = items.filter(original_language=filters.language)
    if filters.organisation:
        items = items.filter(organisation__slug=filters.organisation)
    if filters.kind:
        items = items.filter(kind=filters.kind)
    return _with_list_data(items).order_by("submitted_at", "pk")


def item_for_page(*, user: User, pk: int) -> Item:
    item = (
        items_visible_to(user=user)
        .select_related("organisation", "proposer", "activity", "merged_into")
        .prefetch_related(
            "proposed_hosts",
            Prefetch(
                "comments",
                queryset=Comment.objects.select_related("author").order_by("created_at"),
            ),
        )
        .annotate(support_count=Count("supports", distinct=True))
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404("No item here.")
    return item


def history(*, item: Item) -> QuerySet[ModerationLog]:
    return item.log.select_related("actor", "decision_round").order_by("created_at", "pk")


def supports(*, item: Item, user: User) -> bool:
    return user.is_authenticated and Support.objects.filter(item=item, user=user).exists()


def audit_log() -> QuerySet[ModerationLog]:
    return ModerationLog.objects.select_related("actor", "item", "decision_round").order_by(
        "-created_at", "-pk"
    )


def meetings_visible_to(*, user: User) -> QuerySet[Meeting]:
    meetings = Meeting.objects.annotate(entry_count=Count("entries"))
    if is_staff(user) or is_working_group_member(user):
        return meetings
    if is_community_member(user):
        return meetings.filter(state=MeetingState.PUBLISHED)
    return meetings.none()


def agenda_for(*, meeting: Meeting, user: User) -> list[AgendaEntry]:
    """The meeting's agenda as `user` may see it: an entry whose item they may not see (a draft
    or withdrawn item of someone else) is left out altogether, title and outcome included."""
    entries = list(meeting.entries.all())
    item_ids = {entry.item_id for entry in entries if entry.item_id}
    visible = set(items_visible_to(user=user).filter(pk__in=item_ids).values_list("pk", flat=True))
    return [entry for entry in entries if entry.item_id is None or entry.item_id in visible]


def draft_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(state=MeetingState.DRAFT).order_by("starts_at")


def meeting_for_page(*, user: User, pk: int) -> Meeting:
    meeting = (
        meetings_visible_to(user=user)
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=AgendaEntry.objects.select_related("item", "item__organisation").order_by(
                    "position", "pk"
                ),
            ),
            # Each agenda item's decisions, newest first (the page shows the latest).
            Prefetch(
                "entries__item__decision_rounds",
                queryset=_with_counts(DecisionRound.objects.order_by("-opened_at", "-pk")),
            ),
            Prefetch(
                "comments",
                queryset=Comment.objects.select_related("author").order_by("created_at"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404("No meeting here.")
    return meeting


def merge_targets(*, item: Item) -> QuerySet[Item]:
    return Item.objects.filter(state__in=ItemState.OPEN).exclude(pk=item.pk)


@dataclass(frozen=True)
class Readers:
    """Who reads a moderation message, by language only: the proposer's language (None when
    the proposer is gone or is the one acting) and the supporters', with how many read each."""

    proposer: str | None
    supporters: list[tuple[str, int]]


def moderation_readers(*, item: Item, by: User, deciding: bool) -> Readers:
    """The languages of the people a moderation message reaches (see
    workinggroup.services._notify_after_commit): the proposer, unless they act themselves; for
    a recommendation being decided (`deciding`), its active supporters too."""
    proposer = item.proposer if item.proposer_id and item.proposer_id != by.pk else None
    supporters = []
    if deciding and item.kind == ItemKind.RECOMMENDATION:
        supporters = reader_languages(
            User.objects.filter(pk__in=item.supports.values("user_id"), is_active=True).exclude(
                pk=item.proposer_id
            )
        )
    return Readers(proposer=proposer.language if proposer else None, supporters=supporters)


def follow_ups(*, item: Item) -> QuerySet[FollowUp]:
    return item.follow_ups.order_by("created_at", "pk")


# What "What we heard" gathers: recommendations the Working Group decided on.
DECIDED = (ItemState.APPROVED, ItemState.DECLINED)


def decided_recommendations(*, user: User) -> QuerySet[Item]:
    """Recommendations the Working Group decided, that `user` may see, each with `decided_at`
    (when the decision was logged): for "What we heard", newest first."""
    decided_at = (
        ModerationLog.objects.filter(item=OuterRef("pk"), to_state__in=DECIDED)
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    return (
        items_visible_to(user=user)
        .filter(kind=ItemKind.RECOMMENDATION, state__in=DECIDED)
        .annotate(decided_at=Subquery(decided_at))
        .order_by("-decided_at", "-pk")
    )


def with_follow_ups(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.prefetch_related(
        Prefetch("follow_ups", queryset=FollowUp.objects.order_by("created_at", "pk"))
    )


# --- Decisions of the Working Group ------------------------------------------------------------


def _with_counts(rounds: QuerySet[DecisionRound]) -> QuerySet[DecisionRound]:
    """Each round with `answered`: how many members took a position (so far, when open)."""
    return rounds.annotate(answered=Count("positions", distinct=True))


@dataclass
class DecisionView:
    """An item's decision as a page shows it: the round (open, or the last one closed), how
    many answered, and, for the Working Group and the team only, every member's position."""

    decision_round: DecisionRound
    positions: list[Position]
    own: Position | None

    @property
    def answered(self) -> int:
        return self.decision_round.answered


def decision_for_page(*, item: Item, user: User) -> DecisionView | None:
    """The item's latest decision round for `user`'s page, or None when it never had one.
    Positions (with who gave them) only for members and staff: the community sees the result
    and the count; names follow partners.selectors.Traces in the template."""
    decision_round = _with_counts(item.decision_rounds.order_by("-opened_at", "-pk")).first()
    if decision_round is None:
        return None
    positions, own = [], None
    if is_staff(user) or is_working_group_member(user):
        positions = list(
            decision_round.positions.select_related("member", "recorded_by").order_by(
                "updated_at", "pk"
            )
        )
        own = next((p for p in positions if p.member_id == user.pk), None)
    return DecisionView(decision_round=decision_round, positions=positions, own=own)


def round_for_page(*, user: User, pk: int) -> DecisionRound:
    """A decision round whose item `user` may see; else 404."""
    decision_round = (
        _with_counts(DecisionRound.objects.select_related("item"))
        .filter(pk=pk, item__in=items_visible_to(user=user))
        .first()
    )
    if decision_round is None:
        raise Http404("No decision here.")
    return decision_round


def decisions_waiting_for(*, user: User) -> QuerySet[DecisionRound]:
    """Open decisions in which the Working Group member `user` has not taken a position yet,
    the nearest deadline first (nothing for anyone else)."""
    if not is_working_group_member(user):
        return DecisionRound.objects.none()
    return (
        DecisionRound.objects.filter(closed_at__isnull=True, item__in=items_visible_to(user=user))
        .exclude(positions__member=user)
        .select_related("item")
        .order_by("closes_at", "pk")
    )


def working_group_members(*, viewer: User) -> QuerySet[User]:
    """Active Working Group members `viewer` may name: whose position a facilitator records."""
    from partners.selectors import visible_people

    return visible_people(viewer=viewer).filter(is_working_group_member=True)


def meetings_of(*, item: Item) -> QuerySet[Meeting]:
    """The meetings whose agenda holds `item`, the latest first."""
    return Meeting.objects.filter(entries__item=item).distinct().order_by("-starts_at", "-pk")
