"""Who may see and do what with convenings: the one place these rules live.

A published or archived convening is seen by everyone; each session inside it by whoever may
see its activity (public events alongside by visitors, community sessions by the community,
as activities.permissions decides). A draft is the team's alone. Signed-in people register
while the convening is published and not over; the team publishes, archives, attaches
sessions and links stories to the archive. Content itself is edited in the admin."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.permissions import is_staff
from convenings.enums import ConveningState
from convenings.exceptions import ConveningError, ConveningNotAllowed
from convenings.models import Convening


def _allowed(check, *args) -> bool:
    try:
        check(*args)
    except ConveningError:
        return False
    return True


def can_view(user: User, convening: Convening) -> bool:
    return is_staff(user) or convening.state in ConveningState.LISTED


def can_manage(user: User) -> bool:
    """Publish and archive, attach sessions, link stories: the team."""
    return is_staff(user)


def ensure_can_manage(user: User) -> None:
    if not can_manage(user):
        raise ConveningNotAllowed(_("Only the Learning Lab team can do this."))


def ensure_open_for_registration(convening: Convening) -> None:
    """Published and not over yet."""
    if convening.state != ConveningState.PUBLISHED:
        raise ConveningError(_("This convening is not open for registration."), status_code=409)
    if convening.ends_on < timezone.localdate():
        raise ConveningError(_("This convening is over."), status_code=409)


def is_open_for_registration(convening: Convening) -> bool:
    return _allowed(ensure_open_for_registration, convening)


def ensure_can_register(user: User, convening: Convening) -> None:
    """A signed-in person, while the convening is open. (Which sessions they may choose is
    each session's activity's rule.)"""
    if not (user.is_authenticated and user.is_active) or not can_view(user, convening):
        raise ConveningNotAllowed(_("You cannot register for this convening."))
    ensure_open_for_registration(convening)


def can_register(user: User, convening: Convening) -> bool:
    return _allowed(ensure_can_register, user, convening)


def ensure_can_cancel(user: User, convening: Convening, registration) -> None:
    """The person themselves, while the convening is published and not over (an archived
    convening keeps who came)."""
    if registration is None or registration.user_id != user.pk:
        raise ConveningError(_("You are not registered for this convening."), status_code=409)
    ensure_open_for_registration(convening)


def can_cancel(user: User, convening: Convening, registration) -> bool:
    return _allowed(ensure_can_cancel, user, convening, registration)


# Why a move the table (ConveningState.NEXT) does not allow is refused, by the state aimed at.
STATE_REFUSED = {
    ConveningState.DRAFT: gettext_lazy("Only a published convening can become a draft again."),
    ConveningState.PUBLISHED: gettext_lazy("This convening is already published."),
    ConveningState.ARCHIVED: gettext_lazy("Only a published convening can be archived."),
}


def ensure_can_set_state(user: User, convening: Convening, to: str) -> None:
    ensure_can_manage(user)
    if to not in ConveningState.NEXT[convening.state]:
        raise ConveningError(str(STATE_REFUSED[to]), status_code=409)


def next_states(user: User, convening: Convening) -> list[str]:
    if not can_manage(user):
        return []
    return list(ConveningState.NEXT[convening.state])
