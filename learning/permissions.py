"""Who may see and do what with learning questions: the one place these rules live.

Questions are community content: the community (partner members) and the team read, ask and
support them. The asker and the team change a question and what it is linked to."""

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff
from learning.exceptions import LearningNotAllowed
from learning.models import LearningQuestion
from partners.permissions import is_community_member


def can_see_questions(user: User) -> bool:
    return is_community_member(user)


def can_ask(user: User) -> bool:
    return is_community_member(user)


def can_moderate(user: User) -> bool:
    return is_staff(user)


def can_edit(user: User, question: LearningQuestion) -> bool:
    """The asker (while the team has not hidden it), or the team."""
    if is_staff(user):
        return True
    return (
        is_community_member(user)
        and question.asked_by_id == user.pk
        and not question.hidden_by_staff
    )


def can_support(user: User, question: LearningQuestion) -> bool:
    return is_community_member(user) and not question.hidden_by_staff


# --- Refusals ---------------------------------------------------------------------------------


def ensure_community_member(user: User) -> None:
    if not can_see_questions(user):
        raise LearningNotAllowed(_("Learning questions are for the Learning Lab community."))


def ensure_can_edit(user: User, question: LearningQuestion) -> None:
    if not can_edit(user, question):
        raise LearningNotAllowed(
            _("Only the person who asked this question and the team can change it.")
        )


def ensure_can_support(user: User, question: LearningQuestion) -> None:
    if not can_support(user, question):
        raise LearningNotAllowed(_("You cannot support this question."))


def ensure_can_moderate(user: User) -> None:
    if not can_moderate(user):
        raise LearningNotAllowed(_("Only the Learning Lab team moderates."))
