"""Reads of learning questions that depend on who is asking."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import User
from accounts.permissions import is_staff
from activities.enums import ActivityStatus
from activities.models import Activity, Material
from activities.selectors import activities_visible_to
from core.content import translated_text
from learning.models import LearningQuestion
from learning.permissions import can_see_questions
from workinggroup.enums import ItemState
from workinggroup.models import Item
from workinggroup.selectors import items_visible_to

# What the Working Group decided: the outcomes a question can point to.
OUTCOME_STATES = frozenset({ItemState.APPROVED, ItemState.DECLINED})

ORDERS = ("newest", "supported")


def questions_visible_to(*, user: User) -> QuerySet[LearningQuestion]:
    """The team sees every question; the community those the team has not hidden; nobody else
    any (the same for everyone of a viewer class, so the activity list may keep its choices)."""
    questions = LearningQuestion.objects.all()
    if is_staff(user):
        return questions
    if not can_see_questions(user):
        return questions.none()
    return questions.filter(hidden_by_staff=False)


@dataclass
class QuestionFilters:
    q: str = ""
    order: str = "newest"

    @property
    def active(self) -> bool:
        return bool(self.q) or self.order != "newest"


def question_list(*, user: User, filters: QuestionFilters) -> QuerySet[LearningQuestion]:
    """Newest or most supported first, with the counts a row shows (correlated subqueries,
    not joins: rows are never repeated, and the page costs the same for 10 questions as for
    50)."""
    questions = questions_visible_to(user=user)
    if filters.q:
        text = Q()
        for field in ("title_en", "title_es", "title_fr", "body_en", "body_es", "body_fr"):
            text |= Q(**{f"{field}__icontains": filters.q})
        questions = questions.filter(text)
    supporters = (
        LearningQuestion.supporters.through.objects.filter(learningquestion=OuterRef("pk"))
        .order_by()
        .values("learningquestion")
        .annotate(total=Count("pk"))
        .values("total")
    )
    activities = (
        LearningQuestion.activities.through.objects.filter(
            learningquestion=OuterRef("pk"), activity__status__in=ActivityStatus.LISTED
        )
        .order_by()
        .values("learningquestion")
        .annotate(total=Count("pk"))
        .values("total")
    )
    questions = questions.select_related("asked_by", "organisation").annotate(
        support_count=Coalesce(Subquery(supporters), 0),
        activity_count=Coalesce(Subquery(activities), 0),
    )
    if filters.order == "supported":
        return questions.order_by("-support_count", "-created_at", "-pk")
    return questions.order_by("-created_at", "-pk")


def question_for_page(*, user: User, pk: int) -> LearningQuestion:
    question = (
        questions_visible_to(user=user)
        .select_related("asked_by", "organisation")
        .annotate(support_count=Count("supporters", distinct=True))
        .filter(pk=pk)
        .first()
    )
    if question is None:
        raise Http404("No question here.")
    return question


def supports(*, question: LearningQuestion, user: User) -> bool:
    return (
        user.is_authenticated
        and question.supporters.through.objects.filter(
            learningquestion=question, user=user
        ).exists()
    )


def linked_activities(*, question: LearningQuestion, user: User) -> list[Activity]:
    """The listed activities linked to `question` that `user` may see (never a draft), latest
    first, with their materials: a constant number of queries however many there are."""
    return list(
        activities_visible_to(user=user)
        .filter(status__in=ActivityStatus.LISTED, learning_questions=question)
        .prefetch_related(
            Prefetch("materials", queryset=Material.objects.order_by("kind", "created_at"))
        )
        .order_by("-starts_at", "-pk")
    )


def linked_outcomes(*, question: LearningQuestion, user: User) -> list[Item]:
    """The decided Working Group items linked to `question` that `user` may see."""
    return list(
        items_visible_to(user=user)
        .filter(state__in=OUTCOME_STATES, learning_questions=question)
        .order_by("-updated_at", "-pk")
    )


def linkable_activities(*, question: LearningQuestion, user: User) -> QuerySet[Activity]:
    """Listed activities `user` may see that are not linked to `question` yet."""
    linked = LearningQuestion.activities.through.objects.filter(
        learningquestion=question, activity=OuterRef("pk")
    )
    return (
        activities_visible_to(user=user)
        .filter(status__in=ActivityStatus.LISTED)
        .exclude(Exists(linked))
        .order_by("-starts_at", "-pk")
    )


def linkable_outcomes(*, question: LearningQuestion, user: User) -> QuerySet[Item]:
    """Decided Working Group items `user` may see that are not linked to `question` yet."""
    linked = LearningQuestion.outcomes.through.objects.filter(
        learningquestion=question, item=OuterRef("pk")
    )
    return (
        items_visible_to(user=user)
        .filter(state__in=OUTCOME_STATES)
        .exclude(Exists(linked))
        .order_by("-updated_at", "-pk")
    )


def question_choices(*, user: User) -> list[tuple[str, str]]:
    """The questions the activity list may be narrowed to, for `user`: those they may see that
    some activity addresses (none for visitors and the public), in the active language."""
    linked = LearningQuestion.activities.through.objects.filter(learningquestion=OuterRef("pk"))
    questions = questions_visible_to(user=user).filter(Exists(linked))
    choices = [
        (str(question.pk), translated_text(question, "title").text) for question in questions
    ]
    return sorted(choices, key=lambda choice: choice[1].casefold())


def activities_for_question(*, user: User, question: str) -> QuerySet:
    """The ids of activities linked to question `question` (an id), if `user` may see it."""
    return LearningQuestion.activities.through.objects.filter(
        learningquestion__in=questions_visible_to(user=user).filter(pk=question)
    ).values("activity_id")


def link_targets_activities(
    *, question: LearningQuestion, user: User, linked: bool
) -> QuerySet[Activity]:
    """What a link form may name: the activities linked to `question` (`linked`, to unlink
    them), else those that may be linked."""
    if linked:
        return question.activities.all()
    return linkable_activities(question=question, user=user)


def link_targets_outcomes(
    *, question: LearningQuestion, user: User, linked: bool
) -> QuerySet[Item]:
    if linked:
        return question.outcomes.all()
    return linkable_outcomes(question=question, user=user)
