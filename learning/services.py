"""Every write of learning questions: asking, editing, supporting, linking, moderating."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from activities.models import Activity
from learning import permissions, selectors
from learning.exceptions import LearningError
from learning.models import LearningQuestion
from partners.selectors import organisations_of
from workinggroup.models import Item


@transaction.atomic
def ask_question(*, by: User, language: str, title: str, body: str = "") -> LearningQuestion:
    """A new question in the language it was written in, from `by` and their organisation
    (the first they belong to; none for the team)."""
    permissions.ensure_community_member(by)
    question = LearningQuestion(
        asked_by=by,
        organisation=organisations_of(user=by).first(),
        original_language=language,
    )
    setattr(question, f"title_{language}", title.strip())
    setattr(question, f"body_{language}", body.strip())
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def update_question(
    *, question: LearningQuestion, by: User, texts: dict[str, str]
) -> LearningQuestion:
    """Change the language versions (`title_es`, `body_fr`, ...) of a question; the version in
    the language it was written in cannot be emptied."""
    permissions.ensure_can_edit(by, question)
    question = LearningQuestion.objects.select_for_update().get(pk=question.pk)
    for name, value in texts.items():
        setattr(question, name, (value or "").strip())
    if not getattr(question, f"title_{question.original_language}"):
        raise LearningError(_("The question cannot be empty in the language it was asked in."))
    question.full_clean()
    question.save()
    return question


def set_support(*, question: LearningQuestion, user: User, support: bool) -> None:
    """Support the question, or withdraw one's support. Saying it twice changes nothing: one
    support per person."""
    permissions.ensure_can_support(user, question)
    through = LearningQuestion.supporters.through
    if support:
        through.objects.get_or_create(learningquestion=question, user=user)
    else:
        question.supporters.remove(user)


def link_activity(*, question: LearningQuestion, by: User, activity: Activity) -> None:
    """Link an activity that addressed the question (one `by` may see and is listed)."""
    permissions.ensure_can_edit(by, question)
    if (
        not selectors.linkable_activities(question=question, user=by)
        .filter(pk=activity.pk)
        .exists()
    ):
        raise LearningError(_("This activity cannot be linked to the question."))
    question.activities.add(activity)


def unlink_activity(*, question: LearningQuestion, by: User, activity: Activity) -> None:
    permissions.ensure_can_edit(by, question)
    question.activities.remove(activity)


def link_outcome(*, question: LearningQuestion, by: User, item: Item) -> None:
    """Link a decided Working Group item `by` may see."""
    permissions.ensure_can_edit(by, question)
    if not selectors.linkable_outcomes(question=question, user=by).filter(pk=item.pk).exists():
        raise LearningError(_("This Working Group outcome cannot be linked to the question."))
    question.outcomes.add(item)


def unlink_outcome(*, question: LearningQuestion, by: User, item: Item) -> None:
    permissions.ensure_can_edit(by, question)
    question.outcomes.remove(item)


@transaction.atomic
def moderate(*, question: LearningQuestion, by: User, hide: bool, reason: str = "") -> None:
    """The team hides an abusive question from the community (with the reason, for the team),
    or shows it again."""
    permissions.ensure_can_moderate(by)
    if hide and not reason.strip():
        raise LearningError(_("Say why the question is hidden."))
    question.hidden_by_staff = hide
    question.hidden_reason = reason.strip() if hide else ""
    question.full_clean()
    question.save(update_fields=["hidden_by_staff", "hidden_reason", "updated_at"])
