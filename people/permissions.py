"""Who may do what with people's profiles: the one place these rules live. Who may see a
profile is a read, decided by people.selectors.profiles_visible_to."""

from django.utils.translation import gettext as _

from accounts.models import User
from partners.enums import Visibility
from partners.models import Membership
from partners.permissions import is_community_member
from people.exceptions import ProfileNotAllowed


def can_have_profile(user: User) -> bool:
    """Signed-in, active people have a profile of their own (seen by others only once they
    belong to the community)."""
    return user.is_authenticated and user.is_active


def ensure_can_edit(user: User, profile) -> None:
    """Only the person edits their own profile (the team uses the admin, which cannot change
    who sees it)."""
    if not can_have_profile(user) or profile.user_id != user.pk:
        raise ProfileNotAllowed(_("Only the person themselves can change their profile."))


def can_browse_people(user: User) -> bool:
    """The people directory and people on region pages are for the community only."""
    return is_community_member(user)


def in_hidden_organisation(user: User) -> bool:
    """Whether `user` belongs to a hidden organisation: only they are asked whether to be
    listed (without it) in the people directory."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation__visibility=Visibility.HIDDEN).exists()


def ensure_can_browse_people(user: User) -> None:
    if not can_browse_people(user):
        raise ProfileNotAllowed(
            _("The people directory is for members of the Learning Lab's partner organisations.")
        )
