"""Who may do what in peer mentoring: the one place these rules live. Each `ensure_...` raises
the refusal (its message written once, here), used by views and services alike; each `can_...`
answers a template.

- Asking: a member of the community (a partner person or the team) with someone to ask.
- A request and a relationship are the two people's alone: its page is a 404 for anyone else,
  the team included (the team sees figures only: `can_see_figures`).
- The peer accepts or declines an open request; the requester may withdraw it.
- Either person plans sessions of an accepted relationship, and ends it.
"""

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff
from core.exceptions import ApplicationError
from mentoring.enums import RequestState
from mentoring.exceptions import MentoringError, MentoringNotAllowed
from mentoring.models import MentoringRequest
from partners.permissions import is_community_member


def _allowed(ensure, *args) -> bool:
    try:
        ensure(*args)
    except ApplicationError:
        return False
    return True


def is_party(user: User, request: MentoringRequest) -> bool:
    return user.is_authenticated and user.pk in (request.requester_id, request.peer_id)


def can_ask(user: User) -> bool:
    return user.is_authenticated and user.is_active and is_community_member(user)


def ensure_can_ask(user: User) -> None:
    if not can_ask(user):
        raise MentoringNotAllowed(
            _("Peer mentoring is for the people of the Learning Lab's partner organisations.")
        )


def _ensure_state(request: MentoringRequest, *states: str) -> None:
    if request.state not in states:
        raise MentoringError(
            _("This request is %(state)s: that is no longer possible.")
            % {"state": request.get_state_display().lower()},
            status_code=409,
        )


def ensure_can_answer(user: User, request: MentoringRequest) -> None:
    """The peer accepts or declines, once."""
    if user.pk != request.peer_id:
        raise MentoringNotAllowed(_("Only the person asked can answer this request."))
    _ensure_state(request, RequestState.REQUESTED)


def can_answer(user: User, request: MentoringRequest) -> bool:
    return _allowed(ensure_can_answer, user, request)


def ensure_can_withdraw(user: User, request: MentoringRequest) -> None:
    if user.pk != request.requester_id:
        raise MentoringNotAllowed(_("Only the person who asked can withdraw this request."))
    _ensure_state(request, RequestState.REQUESTED)


def can_withdraw(user: User, request: MentoringRequest) -> bool:
    return _allowed(ensure_can_withdraw, user, request)


def ensure_can_plan_session(user: User, request: MentoringRequest) -> None:
    if not is_party(user, request):
        raise MentoringNotAllowed(_("Only the two people of this mentoring can do this."))
    _ensure_state(request, RequestState.ACCEPTED)


def can_plan_session(user: User, request: MentoringRequest) -> bool:
    return _allowed(ensure_can_plan_session, user, request)


def ensure_can_end(user: User, request: MentoringRequest) -> None:
    if not is_party(user, request):
        raise MentoringNotAllowed(_("Only the two people of this mentoring can do this."))
    _ensure_state(request, RequestState.ACCEPTED)


def can_end(user: User, request: MentoringRequest) -> bool:
    return _allowed(ensure_can_end, user, request)


def can_see_figures(user: User) -> bool:
    return is_staff(user)


def ensure_can_see_figures(user: User) -> None:
    if not can_see_figures(user):
        raise MentoringNotAllowed(_("Only the Learning Lab team can see this."))
