"""Who may see and do what with partner organisations: the one place these rules live.

Visibility is decided by each organisation: public (anyone), community (signed-in members of the
Learning Lab), hidden (the Learning Lab team and the organisation's own members). Sensitive
details (contact people, the WhatsApp group, the member list) are never shown to the public.
"""

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff
from core.exceptions import NotAllowed
from partners.enums import MembershipRole, Visibility
from partners.models import Membership, Organisation


def is_community_member(user: User) -> bool:
    """Staff, or an active person who belongs to at least one partner organisation.

    Having an account is not enough: with open sign-up, a stranger could otherwise read
    community-only profiles.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_staff:
        return True
    cached = getattr(user, "_is_community_member", None)
    if cached is None:
        cached = Membership.objects.filter(user=user).exists()
        user._is_community_member = cached
    return cached


def role_in(user: User, organisation: Organisation) -> str | None:
    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.filter(user=user, organisation=organisation).only("role").first()
    )
    return membership.role if membership else None


def can_view_organisation(user: User, organisation: Organisation) -> bool:
    if organisation.visibility == Visibility.PUBLIC or is_staff(user):
        return True
    if organisation.visibility == Visibility.COMMUNITY:
        return is_community_member(user)
    return role_in(user, organisation) is not None


def can_see_sensitive_details(user: User, organisation: Organisation) -> bool:
    """Contact people, the WhatsApp group and the members: community only, never public."""
    return is_community_member(user) and can_view_organisation(user, organisation)


def can_edit_organisation(user: User, organisation: Organisation) -> bool:
    return is_staff(user) or role_in(user, organisation) == MembershipRole.LEAD


def can_manage_members(user: User, organisation: Organisation) -> bool:
    return can_edit_organisation(user, organisation)


def can_create_organisation(user: User) -> bool:
    return is_staff(user)


def can_edit_staff_fields(user: User) -> bool:
    """When they joined the Lab, the Working Group seat and the link name are the team's to set."""
    return is_staff(user)


# --- Checks that refuse (used by the views and the services alike) ---------------------------


def ensure_can_edit_organisation(user: User, organisation: Organisation) -> None:
    if not can_edit_organisation(user, organisation):
        raise NotAllowed(_("Only the leads of this organisation can change its profile."))


def ensure_can_manage_members(user: User, organisation: Organisation) -> None:
    if not can_manage_members(user, organisation):
        raise NotAllowed(_("Only the leads of this organisation can manage its members."))


def ensure_can_create_organisation(user: User) -> None:
    if not can_create_organisation(user):
        raise NotAllowed(_("Only the Learning Lab team can add organisations."))
