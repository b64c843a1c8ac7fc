"""Reads of anonymous feedback. Results exist only in aggregate, and only from
FEEDBACK_MIN_RESPONSES moved responses; moves come in batches of at least as many (see
feedback.services.batch_size), so no number shown here ever changes by fewer. Nothing is broken
down by a stored attribute of the respondent: responses have none. docs/anonymity.md lists what
each number shows."""

import datetime
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import User
from activities.enums import RegistrationStatus
from core.content import translated_text
from core.validators import date_out_of_range_message, is_in_range
from feedback.enums import QuestionKind, SurveyAudience, SurveyKind
from feedback.models import (
    Answer,
    Choice,
    PendingSubmission,
    Question,
    Receipt,
    Response,
    Survey,
    SurveySummary,
)
from feedback.permissions import provided_audience, surveys_in_audience
from feedback.schedule import (
    AFTER_ACTIVITY_DAYS,
    LATE_LIMIT_DAYS,
    reminder_day,
    window_for_activity,
)


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
    provider = provided_audience(survey.audience)
    if provider is not None:
        return people.filter(pk__in=provider.people())
    if survey.audience == SurveyAudience.PEER_MENTORING:
        return people.none()
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


def has_answered(*, survey: Survey, user: User) -> bool:
    """Whether `user` answered `survey`, from their receipt (kept for the one-answer rule): it
    says nothing of what they answered, nor when beyond the day it already holds. The feedback
    box keeps no receipts: anyone may write again."""
    return (
        survey.kind == SurveyKind.SURVEY
        and user.is_authenticated
        and Receipt.objects.filter(user=user, survey=survey).exists()
    )


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


@dataclass
class Bar:
    """One answer of a chart: every option has one, with a count of 0 if nobody chose it, so
    the chart and its table always have one row per option, in the question's order."""

    label: str
    count: int
    percent: float  # of the people who answered the question (several choices can add up >100)
    language: str = ""  # the language the label is really in ("" for the numbers of a scale)


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    average: float | None = None
    texts: list[str] = field(default_factory=list)


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
    """`labels` holds (key, label, language) for every option, answered or not."""
    return [
        Bar(
            label,
            counts.get(key, 0),
            round(100 * counts.get(key, 0) / total, 1) if total else 0,
            language=language,
        )
        for key, label, language in labels
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
            labels = [(value, str(value), "") for value in range(1, 6)]
            for index, end in ((0, "scale_low_label"), (4, "scale_high_label")):
                words = translated_text(question, end)
                if words.text:  # "1: Not at all", "5: Very"
                    labels[index] = (
                        index + 1,
                        pgettext("label: text", "%(label)s: %(text)s")
                        % {"label": index + 1, "text": words.text},
                        words.language,
                    )
            result.bars = _bars(scale_counts.get(question.pk, {}), labels, result.answered)
            average = averages.get(question.pk)
            result.average = round(average, 1) if average is not None else None
        elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            labels = []
            for choice in question.choices.all():
                text = translated_text(choice, "text")
                labels.append((choice.pk, text.text, text.language))
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


def _waiting_count_subquery() -> Coalesce:
    return Coalesce(
        Subquery(
            PendingSubmission.objects.filter(survey=OuterRef("pk"))
            .order_by()
            .values("survey")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def surveys_for_staff() -> QuerySet[Survey]:
    """Surveys and templates for the team, each with `waiting_count` (see `waiting`): only for
    pages that `permissions.can_see_waiting` lets through."""
    return (
        Survey.objects.exclude(kind=SurveyKind.BOX)
        .select_related("activity")
        .annotate(waiting_count=_waiting_count_subquery())
        .order_by("kind", "-opens_on", "-pk")
    )


def feedback_box_for_staff() -> Survey | None:
    """The box with its `waiting_count`, for the team's pages."""
    return (
        Survey.objects.filter(kind=SurveyKind.BOX)
        .annotate(waiting_count=_waiting_count_subquery())
        .first()
    )


@dataclass(frozen=True)
class Waiting:
    """How many answers (or box messages) wait, sealed, to be published, and what happens to
    them next under `feedback.services.batch_size`. A number and the rule: never which answers,
    never anything of their content (nobody without the key can read it)."""

    count: int
    threshold: int
    is_box: bool
    closed: bool

    @property
    def batch_at(self) -> int:
        """How many must wait before an open survey or the box publishes a group."""
        return 2 * self.threshold

    @property
    def published_soon(self) -> bool:
        """A closed survey with at least k waiting: the next move publishes them all."""
        return self.closed and self.count >= self.threshold

    @property
    def never_published(self) -> bool:
        """A closed survey with fewer than k waiting: they stay hidden for good (unless its
        dates are moved and more people answer)."""
        return self.closed and 0 < self.count < self.threshold


def waiting(*, survey: Survey) -> Waiting:
    """The waiting count of one survey or of the box. The count of its sealed rows, which
    only the team sees (docs/anonymity.md: "What the waiting count shows")."""
    return Waiting(
        count=PendingSubmission.objects.filter(survey=survey).count(),
        threshold=settings.FEEDBACK_MIN_RESPONSES,
        is_box=survey.kind == SurveyKind.BOX,
        closed=survey.is_closed(),
    )


@dataclass(frozen=True)
class AttachPlan:
    """What adding an after-activity survey to an activity now would do, for the page that
    offers it and for the service that does it: the dates, whether it is late, how many people
    would be invited and when, or why it cannot be added."""

    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    late: bool = False
    invited: int = 0
    invitations_at: datetime.datetime | None = None  # None: as soon as it is added
    reminder_on: datetime.date | None = None
    days: int = AFTER_ACTIVITY_DAYS
    refusal: str = ""

    @property
    def allowed(self) -> bool:
        return not self.refusal


def _start_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment of `day` in the portal's zone, where the hourly notices task counts its
    days: the invitations of a survey opening on `day` go out within the hour after it."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone()
    )


def attach_plan(*, activity, today: datetime.date | None = None) -> AttachPlan:
    """The plan for a survey after `activity` (see feedback/schedule.py): it opens the day the
    activity ends, or, when that day has passed, the day it is added, for the usual length. It
    cannot be added to a cancelled activity, to one that ended more than LATE_LIMIT_DAYS ago,
    or to one that is over with nobody registered: nobody would be asked."""
    today = today or timezone.localdate()
    end_day = timezone.localdate(activity.ends_at)
    people = (
        User.objects.filter(
            is_active=True,
            registrations__activity=activity,
            registrations__status=RegistrationStatus.CONFIRMED,
        )
        .distinct()
        .count()
    )
    if activity.is_cancelled:
        return AttachPlan(
            refusal=_("This activity was cancelled: there is nobody to ask about it.")
        )
    if activity.is_private:
        # A private session (peer mentoring) has two people: they could never be anonymous.
        # Ended mentoring relationships are asked together in one standing survey (mentoring/).
        return AttachPlan(
            refusal=_(
                "This activity is private: so few people could never answer anonymously, so it "
                "has no survey of its own."
            )
        )
    if end_day < today - datetime.timedelta(days=LATE_LIMIT_DAYS):
        return AttachPlan(
            refusal=_(
                "This activity ended more than %(days)s days ago, too long ago for people to "
                "remember it well. To ask its participants anyway, the Learning Lab team can "
                "make a survey with dates of its own."
            )
            % {"days": LATE_LIMIT_DAYS}
        )
    if activity.is_past and not people:
        return AttachPlan(
            refusal=_(
                "Nobody was registered for this activity when it took place, so a survey "
                "would reach no one."
            )
        )
    opens_on, closes_on, late = window_for_activity(activity_end_day=end_day, today=today)
    if not is_in_range(closes_on):
        return AttachPlan(refusal=date_out_of_range_message())
    return AttachPlan(
        opens_on=opens_on,
        closes_on=closes_on,
        late=late,
        invited=people,
        invitations_at=None if opens_on <= today else _start_of_day(opens_on),
        reminder_on=reminder_day(invited_on=max(opens_on, today), closes_on=closes_on),
    )


def templates() -> QuerySet[Survey]:
    return Survey.objects.filter(kind=SurveyKind.TEMPLATE).order_by("pk")


@dataclass(frozen=True)
class SurveyCalendar:
    """A survey's dates and its two notices, as the team and hosts see them on its page."""

    opens_on: datetime.date
    closes_on: datetime.date | None
    invited_at: datetime.datetime | None  # when the invitations were queued
    invitations_at: datetime.datetime | None  # when they will go, if not yet (None: now)
    reminder_sent_at: datetime.datetime | None
    reminder_on: datetime.date | None  # the planned reminder day, if not sent yet
    is_over: bool = False  # closed: what was not sent will not be


def survey_calendar(*, survey: Survey) -> SurveyCalendar | None:
    """When the survey is open, when its invitations went or will go, and whether and when its
    one reminder goes (feedback/schedule.py). None for the box, templates and undated surveys."""
    if survey.kind != SurveyKind.SURVEY or survey.opens_on is None:
        return None
    today = timezone.localdate()
    invited_at = survey.opening_notice_sent_at
    invited_on = timezone.localdate(invited_at) if invited_at else max(survey.opens_on, today)
    return SurveyCalendar(
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
        invited_at=invited_at,
        invitations_at=None
        if invited_at or survey.opens_on <= today
        else _start_of_day(survey.opens_on),
        reminder_sent_at=survey.reminder_sent_at,
        reminder_on=None
        if survey.reminder_sent_at
        else reminder_day(invited_on=invited_on, closes_on=survey.closes_on),
        is_over=bool(survey.closes_on and survey.closes_on < today),
    )


# --- Summaries for the community ------------------------------------------------------------------


def summary_results(*, survey: Survey) -> SurveyResults:
    """What a published summary may show: the results the team sees, under the same k rule
    (nothing at all below it), without the response rate and without any free-text answer.
    Only questions with a chart (scales and choices) are kept."""
    full = results(survey=survey)
    if not full.shown:
        return SurveyResults(survey, full.responses, full.threshold, None, [])
    charts = [
        QuestionResult(item.question, answered=item.answered, bars=item.bars, average=item.average)
        for item in full.questions
        if item.question.kind != QuestionKind.TEXT
    ]
    return SurveyResults(survey, full.responses, full.threshold, None, charts)


def summary_of(*, survey: Survey) -> SurveySummary | None:
    return SurveySummary.objects.filter(survey=survey).first()


def published_summary(*, pk: int) -> SurveySummary:
    """A published summary with its survey and questions (404 for drafts and unknown ones)."""
    summary = SurveySummary.objects.filter(pk=pk, published_at__isnull=False).first()
    if summary is None:
        raise Http404("No summary here.")
    summary.survey = survey_with_questions(pk=summary.survey_id)
    return summary


def published_summaries() -> QuerySet[SurveySummary]:
    return (
        SurveySummary.objects.filter(published_at__isnull=False)
        .select_related("survey")
        .order_by("-published_at", "-pk")
    )
