"""Who may see and do what in the Working Group flow: the one place these rules live.

Each `can_...` answers a question for a page (a boolean for a template); each `ensure_...`
refuses with `WorkingGroupNotAllowed` (403) and the one message that says why, for views (on GET)
and services alike."""

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff
from partners.enums import MembershipRole
from partners.models import Membership, Organisation
from partners.permissions import is_community_member
from workinggroup.enums import ItemKind, ItemState, MeetingState
from workinggroup.exceptions import WorkingGroupError, WorkingGroupNotAllowed
from workinggroup.models import Item, Meeting


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


def can_edit_item(user: User, item: Item) -> bool:
    return item.state in ItemState.EDITABLE and _speaks_for(user, item)


def can_act_as_proposer(user: User, item: Item) -> bool:
    return _speaks_for(user, item)


def can_add_translations(user: User, item: Item) -> bool:
    """Until it is decided, the proposer (or a lead of their organisation) and staff may add
    the missing language versions."""
    return item.state in ItemState.TRANSLATABLE and (is_staff(user) or _speaks_for(user, item))


def can_support(user: User, item: Item) -> bool:
    return (
        item.kind == ItemKind.RECOMMENDATION
        and item.state in ItemState.OPEN
        and is_community_member(user)
        and item.proposer_id != user.pk
    )


def can_comment(user: User, item: Item) -> bool:
    return item.state in ItemState.DISCUSSABLE and is_community_member(user)


def can_comment_on_meeting(user: User, meeting: Meeting) -> bool:
    """The draft agenda is for the Working Group to comment on before the meeting."""
    return meeting.state == MeetingState.DRAFT and (is_staff(user) or is_working_group_member(user))


def can_manage_meetings(user: User) -> bool:
    return is_staff(user)


# --- Refusals ---------------------------------------------------------------------------------


def ensure_community_member(user: User) -> None:
    if not is_community_member(user):
        raise WorkingGroupNotAllowed(
            _("The Working Group pages are for the Learning Lab community.")
        )


def ensure_can_moderate(user: User) -> None:
    if not can_moderate(user):
        raise WorkingGroupNotAllowed(_("Only the Learning Lab team moderates."))


def ensure_can_propose(user: User, organisation: Organisation | None = None) -> None:
    """May propose at all; with `organisation`, may propose on its behalf (belongs to it)."""
    if not can_propose(user):
        raise WorkingGroupNotAllowed(_("Only members of a partner organisation can propose."))
    if (
        organisation is not None
        and not Membership.objects.filter(user=user, organisation=organisation).exists()
    ):
        raise WorkingGroupNotAllowed(_("You can only propose for an organisation you belong to."))


def ensure_can_edit_item(user: User, item: Item) -> None:
    if not can_edit_item(user, item):
        raise WorkingGroupNotAllowed(
            _(
                "This item can only be changed by its proposer while it is a draft or sent back "
                "for changes."
            )
        )


def ensure_can_act(user: User, item: Item, *, by_staff: bool) -> None:
    """A moderation action (`by_staff`) needs the team; the proposer's own actions (submit,
    withdraw) need the proposer or a lead of their organisation."""
    allowed = can_moderate(user) if by_staff else can_act_as_proposer(user, item)
    if not allowed:
        raise WorkingGroupNotAllowed(_("You cannot do this with this item."))


def ensure_can_add_translations(user: User, item: Item) -> None:
    if not can_add_translations(user, item):
        raise WorkingGroupNotAllowed(
            _("Translations can be added by the proposer or the team until a decision.")
        )


def ensure_can_support(user: User, item: Item) -> None:
    if not can_support(user, item):
        raise WorkingGroupNotAllowed(_("You cannot support this item."))


def ensure_can_comment(user: User, item: Item) -> None:
    if not can_comment(user, item):
        raise WorkingGroupNotAllowed(_("Comments are closed on this item."))


def ensure_can_comment_on_meeting(user: User, meeting: Meeting) -> None:
    if not can_comment_on_meeting(user, meeting):
        raise WorkingGroupNotAllowed(_("Only the Working Group comments on a draft agenda."))


def ensure_can_manage_meetings(user: User) -> None:
    if not can_manage_meetings(user):
        raise WorkingGroupNotAllowed(_("Only the Learning Lab team keeps the agenda."))


# --- Follow-up of approved recommendations ---------------------------------------------------


def can_follow_up(user: User, item: Item) -> bool:
    """The team records what the Lab does about an approved recommendation."""
    return (
        is_staff(user) and item.kind == ItemKind.RECOMMENDATION and item.state == ItemState.APPROVED
    )


def ensure_can_follow_up(user: User, item: Item) -> None:
    if not is_staff(user):
        raise WorkingGroupNotAllowed(_("Only the Learning Lab team records follow-up actions."))
    if not can_follow_up(user, item):
        raise WorkingGroupError(
            _("Follow-up actions are for approved recommendations."), status_code=409
        )


# --- Decisions of the Working Group -----------------------------------------------------------
#
# The members decide (consent or vote); staff facilitate and record: they open a decision, may
# record a position a member gave in a call, close early or cancel, but never take a position
# of their own unless they are members themselves.


def can_facilitate(user: User) -> bool:
    return is_staff(user)


def can_see_positions(user: User) -> bool:
    """Each member's position and reason: the Working Group and the team; the community sees
    only the result and how many took part."""
    return is_staff(user) or is_working_group_member(user)


def can_take_position(user: User, decision_round) -> bool:
    return decision_round.is_open and is_working_group_member(user)


def can_record_positions(user: User, decision_round) -> bool:
    return decision_round.is_open and can_facilitate(user)


def ensure_not_for_the_working_group() -> None:
    raise WorkingGroupNotAllowed(
        _("Only the Working Group decides an item: open a decision of the Working Group.")
    )


def ensure_can_facilitate(user: User) -> None:
    if not can_facilitate(user):
        raise WorkingGroupNotAllowed(_("Only the Learning Lab team facilitates decisions."))


def ensure_can_take_position(user: User, decision_round, *, member: User) -> None:
    """`user` records `member`'s position: their own (a Working Group member), or a member's
    said in a call (a facilitator). Refused 409 once the decision is closed."""
    if member.pk == user.pk:
        allowed = is_working_group_member(user)
    else:
        allowed = can_facilitate(user) and is_working_group_member(member)
    if not allowed:
        raise WorkingGroupNotAllowed(
            _("Only Working Group members take a position; the team may record a member’s.")
        )
    if not decision_round.is_open:
        raise WorkingGroupError(
            _("This decision is closed: the page now shows its result."), status_code=409
        )
