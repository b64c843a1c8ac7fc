"""Who may see and do what in the Working Group flow: the one place these rules live."""

from accounts.models import User
from accounts.permissions import is_staff
from partners.enums import MembershipRole
from partners.models import Membership
from partners.permissions import is_community_member
from workinggroup.enums import ItemKind, ItemState, MeetingState
from workinggroup.models import Item, Meeting

EDITABLE_STATES = (ItemState.DRAFT, ItemState.CHANGES_REQUESTED)
TRANSLATABLE_STATES = (
    ItemState.DRAFT,
    ItemState.SUBMITTED,
    ItemState.ON_AGENDA,
    ItemState.CHANGES_REQUESTED,
)


def can_moderate(user: User) -> bool:
    return is_staff(user)


def is_working_group_member(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_working_group_member)


def can_propose(user: User) -> bool:
    """Any partner member (someone who belongs to an organisation) may propose."""
    return bool(
        user.is_authenticated and user.is_active and Membership.objects.filter(user=user).exists()
    )


def _speaks_for(user: User, item: Item) -> bool:
    """The proposer, or a lead of the organisation the item is from."""
    if not user.is_authenticated:
        return False
    if item.proposer_id == user.pk:
        return True
    return Membership.objects.filter(
        user=user, organisation_id=item.organisation_id, role=MembershipRole.LEAD
    ).exists()


def can_view_item(user: User, item: Item) -> bool:
    if is_staff(user):
        return True
    if item.state == ItemState.HIDDEN:
        return False
    if item.state in (ItemState.DRAFT, ItemState.WITHDRAWN):
        return _speaks_for(user, item)
    return is_community_member(user)


def can_edit_item(user: User, item: Item) -> bool:
    return item.state in EDITABLE_STATES and _speaks_for(user, item)


def can_act_as_proposer(user: User, item: Item) -> bool:
    return _speaks_for(user, item)


def can_add_translations(user: User, item: Item) -> bool:
    """Until it is decided, the proposer (or a lead of their organisation) and staff may add
    the missing language versions."""
    return item.state in TRANSLATABLE_STATES and (is_staff(user) or _speaks_for(user, item))


def can_support(user: User, item: Item) -> bool:
    return (
        item.kind == ItemKind.RECOMMENDATION
        and item.state in (ItemState.SUBMITTED, ItemState.ON_AGENDA)
        and is_community_member(user)
        and item.proposer_id != user.pk
    )


def can_comment(user: User, item: Item) -> bool:
    return item.state in (
        ItemState.SUBMITTED,
        ItemState.ON_AGENDA,
        ItemState.CHANGES_REQUESTED,
    ) and is_community_member(user)


def can_view_meeting(user: User, meeting: Meeting) -> bool:
    if meeting.state == MeetingState.PUBLISHED:
        return is_community_member(user)
    return is_staff(user) or is_working_group_member(user)


def can_comment_on_meeting(user: User, meeting: Meeting) -> bool:
    """The draft agenda is for the Working Group to comment on before the meeting."""
    return meeting.state == MeetingState.DRAFT and (is_staff(user) or is_working_group_member(user))


def can_manage_meetings(user: User) -> bool:
    return is_staff(user)
