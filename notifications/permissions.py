"""Who may see and do what with notifications: the one place these rules live."""

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff
from core.exceptions import NotAllowed


def can_see_deliveries(user: User) -> bool:
    return is_staff(user)


def ensure_can_see_deliveries(user: User) -> None:
    """The deliveries page and retrying a delivery are the team's."""
    if not can_see_deliveries(user):
        raise NotAllowed(_("Only the Learning Lab team sees deliveries."))
