"""Who may do what with accounts and invitations: the one place these rules live."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import NotAllowed


def is_staff(user: User) -> bool:
    """A member of the Learning Lab team: signed in, active and marked staff. Every app asks this
    function, never `user.is_staff` itself."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def can_invite(user: User) -> bool:
    return is_staff(user)


def can_use_admin(user: User) -> bool:
    """Active staff who can do something there: a superuser, or staff holding at least one model
    permission (directly or through a group). Staff without any would only meet the admin's "You
    don't have permission to view or edit anything", so they are not offered it."""
    if not is_staff(user):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_holds_a_permission", None)
    if cached is None:
        # One query, asked once per request (the menu asks on every staff page).
        cached = Permission.objects.filter(Q(user=user) | Q(group__user=user)).exists()
        user._holds_a_permission = cached
    return cached


def must_use_mfa(user: User) -> bool:
    """Staff and superusers see hidden organisations and reach the admin: a guessed or reused
    password alone must never open that. Everyone else may choose two-factor authentication."""
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


def has_authenticator(user: User) -> bool:
    """An authenticator app (or a security key) is set up; recovery codes alone do not count,
    they only stand in for one."""
    return is_mfa_enabled(user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])


def needs_mfa_setup(user: User) -> bool:
    return must_use_mfa(user) and not has_authenticator(user)


# --- Checks that refuse ------------------------------------------------------------------------


def ensure_can_invite(user: User) -> None:
    if not can_invite(user):
        raise NotAllowed(_("Only the Learning Lab team can invite people."))


def ensure_can_use_admin(user: User) -> None:
    if can_use_admin(user):
        return
    if is_staff(user):
        raise NotAllowed(
            _(
                "Your team account has nothing to manage in the administration yet. Ask an "
                "administrator for the rights you need."
            )
        )
    raise NotAllowed(_("The administration is for the Learning Lab team only."))


def page_signature(user: User) -> str:
    """What a signed-in page shows from this person's own permissions beyond what everyone of
    their kind sees (core.content_cache keys whole pages by it): the Administration link."""
    return "admin" if can_use_admin(user) else ""
