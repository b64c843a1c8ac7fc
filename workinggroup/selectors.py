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
    FollowUp,
    Item,
    Meeting,
    ModerationLog,
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
    return item.log.select_related("actor").order_by("created_at", "pk")


def supports(*, item: Item, user: User) -> bool:
    return user.is_authenticated and Support.objects.filter(item=item, user=user).exists()


def audit_log() -> QuerySet[ModerationLog]:
    return ModerationLog.objects.select_related("actor", "item").order_by("-created_at", "-pk")


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
