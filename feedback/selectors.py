"""Reads of anonymous feedback. Results exist only in aggregate, and only from
FEEDBACK_MIN_RESPONSES moved responses; moves come in batches of at least as many (see
feedback.services.batch_size), so no number shown here ever changes by fewer. Nothing is broken
down by a stored attribute of the respondent: responses have none. docs/anonymity.md lists what
each number shows."""

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from activities.enums import RegistrationStatus
from core.content import translated_text
from feedback.enums import QuestionKind, SurveyAudience, SurveyKind
from feedback.models import Answer, Choice, Question, Receipt, Response, Survey
from feedback.permissions import surveys_in_audience


def audience_of(*, survey: Survey) -> QuerySet[User]:
    """Everyone the survey is meant for."""
    people = User.objects.filter(is_active=True)
    if survey.audience == SurveyAudience.WORKING_GROUP:
        return people.filter(is_working_group_member=True)
    if survey.audience == SurveyAudience.ACTIVITY:
        return people.filter(
            registrations__activity_id=survey.activity_id,
            registrations__status=RegistrationStatus.CONFIRMED,
        )
    return people.filter(memberships__isnull=False).distinct()


def open_surveys_for(*, user: User) -> list[tuple[Survey, bool]]:
    """Open surveys meant for `user`, each with whether they have answered it already."""
    today = timezone.localdate()
    candidates = (
        Survey.objects.filter(kind=SurveyKind.SURVEY, opens_on__lte=today)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .select_related("activity")
    )
    answered = set(
        Receipt.objects.filter(user=user, survey__in=candidates).values_list("survey_id", flat=True)
    )
    return [(s, s.pk in answered) for s in surveys_in_audience(user, candidates)]


def feedback_box() -> Survey:
    return Survey.objects.filter(kind=SurveyKind.BOX).first()


def survey_with_questions(*, pk: int) -> Survey:
    return (
        Survey.objects.select_related("activity")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
                ),
            )
        )
        .get(pk=pk)
    )


BAR_SPACING = 12  # SVG units between bars; each bar is 8 high


@dataclass
class Bar:
    label: str
    count: int
    percent: float
    y: int = 0


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    average: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def chart_height(self) -> int:
        return len(self.bars) * BAR_SPACING


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    threshold: int
    audience: int | None
    questions: list[QuestionResult]

    @property
    def shown(self) -> bool:
        return self.responses >= self.threshold

    @property
    def response_rate(self) -> int | None:
        if not self.audience or not self.shown:
            return None
        return round(100 * self.responses / self.audience)


def _bars(counts: dict, labels: list[tuple], total: int) -> list[Bar]:
    return [
        Bar(
            label,
            counts.get(key, 0),
            round(100 * counts.get(key, 0) / total, 1) if total else 0,
            y=index * BAR_SPACING,
        )
        for index, (key, label) in enumerate(labels)
    ]


def results(*, survey: Survey) -> SurveyResults:
    """Aggregates of the moved responses, in a fixed number of queries whatever their number.
    Nothing but the count is computed below the threshold (and pages show not even that);
    answers still waiting are never counted; free texts come in random order."""
    threshold = settings.FEEDBACK_MIN_RESPONSES
    responses = Response.objects.filter(survey=survey)
    total = responses.count()
    audience = None if survey.kind == SurveyKind.BOX else audience_of(survey=survey).count()
    if total < threshold:
        return SurveyResults(survey, total, threshold, audience, [])
    answers = Answer.objects.filter(response__survey=survey)
    scale_counts: dict[int, dict[int, int]] = {}
    for question_id, value, count in (
        answers.filter(scale_value__isnull=False)
        .values_list("question_id", "scale_value")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        scale_counts.setdefault(question_id, {})[value] = count
    choice_counts: dict[int, dict[int, int]] = {}
    for question_id, choice_id, count in (
        answers.filter(choice__isnull=False)
        .values_list("question_id", "choice_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        choice_counts.setdefault(question_id, {})[choice_id] = count
    answered = dict(
        answers.values_list("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    )
    averages = dict(
        answers.filter(scale_value__isnull=False)
        .values_list("question_id")
        .annotate(avg=Avg("scale_value"))
        .order_by()
    )
    texts: dict[int, list[str]] = {}
    for question_id, text in (
        answers.exclude(text="").order_by("?").values_list("question_id", "text")
    ):
        texts.setdefault(question_id, []).append(text)

    items = []
    for question in survey.questions.all():
        result = QuestionResult(question, answered=answered.get(question.pk, 0))
        if question.kind == QuestionKind.SCALE:
            labels = [(value, str(value)) for value in range(1, 6)]
            result.bars = _bars(scale_counts.get(question.pk, {}), labels, result.answered)
            average = averages.get(question.pk)
            result.average = round(average, 1) if average is not None else None
        elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            labels = [(choice.pk, choice.text) for choice in question.choices.all()]
            result.bars = _bars(choice_counts.get(question.pk, {}), labels, result.answered)
        else:
            result.texts = texts.get(question.pk, [])
        items.append(result)
    return SurveyResults(survey, total, threshold, audience, items)


def export_rows(*, survey: Survey) -> tuple[list[Question], list[list[str]]]:
    """Every moved response as a row of one cell per question (several choices joined by "; "),
    in random order, with no key, number or language: nothing on a row but the answers."""
    questions = list(survey.questions.prefetch_related("choices"))
    labels = {
        choice.pk: translated_text(choice, "text").text
        for question in questions
        for choice in question.choices.all()
    }
    cells: dict = {
        pk: {} for pk in Response.objects.filter(survey=survey).values_list("pk", flat=True)
    }
    for response_id, question_id, scale, choice_id, text in Answer.objects.filter(
        response__survey=survey
    ).values_list("response_id", "question_id", "scale_value", "choice_id", "text"):
        value = (
            str(scale) if scale is not None else labels.get(choice_id, "") if choice_id else text
        )
        cells[response_id].setdefault(question_id, []).append(value)
    rows = [["; ".join(answers.get(q.pk, [])) for q in questions] for answers in cells.values()]
    secrets.SystemRandom().shuffle(rows)
    return questions, rows


def surveys_for_staff() -> QuerySet[Survey]:
    return (
        Survey.objects.exclude(kind=SurveyKind.BOX)
        .select_related("activity")
        .annotate(response_count=Count("responses"))
        .order_by("kind", "-opens_on", "-pk")
    )


def templates() -> QuerySet[Survey]:
    return Survey.objects.filter(kind=SurveyKind.TEMPLATE).order_by("pk")
