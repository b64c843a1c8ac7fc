"""Who may do what with accounts and invitations: the one place these rules live."""

from accounts.models import User


def can_invite(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def can_use_admin(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)
