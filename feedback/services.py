"""Writes of anonymous feedback. See feedback/models.py for how anonymity is kept."""

import datetime
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from accounts.models import User
from activities.models import Activity
from feedback import permissions
from feedback.enums import QuestionKind, SurveyAudience, SurveyKind
from feedback.exceptions import FeedbackError
from feedback.models import (
    Answer,
    Choice,
    PendingSubmission,
    Question,
    Receipt,
    Response,
    Survey,
)

AFTER_ACTIVITY_DAYS = 14


@sensitive_variables()
@transaction.atomic
def submit_answers(*, survey: Survey, user: User, language: str, answers: dict) -> None:
    """Accept a person's answers: a receipt (who, which survey, which day) and, separately, the
    answers in the pending pool with no link to the person. Both in one transaction, so an
    accepted answer is never lost and a refused one never half-saved.

    `answers` maps question ids (as strings) to validated values (see AnswerForm).
    """
    if not permissions.is_in_audience(user, survey):
        raise FeedbackError(_("This survey is not meant for you."), status_code=403)
    today = timezone.localdate()
    if not survey.is_open(today):
        raise FeedbackError(
            _("This survey is closed.")
            if survey.is_closed(today)
            else _("This survey is not open yet."),
            status_code=409,
        )
    if survey.kind == SurveyKind.SURVEY:
        try:
            with transaction.atomic():
                Receipt.objects.create(user=user, survey=survey, day=today)
        except IntegrityError:
            raise FeedbackError(
                _("You have already answered this survey. Thank you!"), status_code=409
            ) from None
    PendingSubmission.objects.create(survey=survey, language=language, answers=answers)


def _answers_of(response: Response, values: dict, questions: dict[int, Question]) -> list:
    rows = []
    for key, value in values.items():
        question = questions.get(int(key))
        if question is None or value in (None, "", []):
            continue
        if question.kind == QuestionKind.SCALE:
            rows.append(Answer(response=response, question=question, scale_value=int(value)))
        elif question.kind == QuestionKind.SINGLE:
            rows.append(Answer(response=response, question=question, choice_id=int(value)))
        elif question.kind == QuestionKind.MULTIPLE:
            rows += [
                Answer(response=response, question=question, choice_id=int(choice))
                for choice in value
            ]
        else:
            rows.append(Answer(response=response, question=question, text=str(value)))
    return rows


def move_pending(*, survey_id: int) -> int:
    """Move the survey's pending answers into Response/Answer, in a random order, in a
    transaction of their own: all of them once there are at least FEEDBACK_MIN_RESPONSES, or
    whatever is left once the survey has closed. Returns how many responses were moved."""
    with transaction.atomic():
        survey = Survey.objects.filter(pk=survey_id).first()
        if survey is None:
            return 0
        pending = list(
            PendingSubmission.objects.select_for_update(skip_locked=True).filter(survey=survey)
        )
        if not pending:
            return 0
        if len(pending) < settings.FEEDBACK_MIN_RESPONSES and not survey.is_closed():
            return 0
        secrets.SystemRandom().shuffle(pending)
        questions = {question.pk: question for question in survey.questions.all()}
        responses, answers = [], []
        for submission in pending:
            response = Response(survey=survey, language=submission.language)
            responses.append(response)
            answers += _answers_of(response, submission.answers, questions)
        Response.objects.bulk_create(responses)
        Answer.objects.bulk_create(answers)
        PendingSubmission.objects.filter(pk__in=[p.pk for p in pending]).delete()
        return len(responses)


def move_all_pending() -> int:
    survey_ids = set(PendingSubmission.objects.values_list("survey_id", flat=True))
    return sum(move_pending(survey_id=survey_id) for survey_id in survey_ids)


# --- Building surveys (staff) ----------------------------------------------------------------


def _check_manager(by: User) -> None:
    if not permissions.can_manage_surveys(by):
        raise FeedbackError(_("Only the Learning Lab team manages surveys."), status_code=403)


def _check_unanswered(survey: Survey) -> None:
    if survey.receipts.exists() or survey.pending.exists() or survey.responses.exists():
        raise FeedbackError(
            _("People have already answered: the questions can no longer change."),
            status_code=409,
        )


def _check_dates(data: dict) -> None:
    opens, closes = data.get("opens_on"), data.get("closes_on")
    if opens and closes and closes < opens:
        raise FeedbackError(_("A survey must close on or after the day it opens."))


@transaction.atomic
def save_survey(*, by: User, data: dict, survey: Survey | None = None) -> Survey:
    """Create or change a survey's title, introduction, audience and dates."""
    _check_manager(by)
    _check_dates(data)
    survey = survey or Survey(created_by=by, kind=SurveyKind.SURVEY)
    for name, value in data.items():
        setattr(survey, name, value)
    if survey.audience == SurveyAudience.ACTIVITY and survey.activity_id is None:
        raise FeedbackError(_("Choose the activity whose participants are asked."))
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def add_question(
    *,
    survey: Survey,
    by: User,
    kind: str,
    texts: dict,
    required: bool,
    labels: dict,
    choices: list[dict],
) -> Question:
    """Add a question (texts per language), with its choices for choice questions."""
    _check_manager(by)
    _check_unanswered(survey)
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
        raise FeedbackError(_("A choice question needs at least two choices."))
    last = survey.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question(survey=survey, kind=kind, required=required, position=last + 1)
    for name, value in {**texts, **labels}.items():
        setattr(question, name, value)
    question.full_clean()
    question.save()
    for position, texts_of_choice in enumerate(choices, start=1):
        choice = Choice(question=question, position=position)
        for name, value in texts_of_choice.items():
            setattr(choice, name, value)
        choice.save()
    return question


@transaction.atomic
def delete_question(*, question: Question, by: User) -> None:
    _check_manager(by)
    _check_unanswered(question.survey)
    question.delete()


@transaction.atomic
def survey_for_activity(*, activity: Activity, template: Survey, by: User) -> Survey:
    """A copy of `template` for the people registered for `activity`: it opens the day the
    activity ends and stays open two weeks; they are invited when it opens."""
    if not permissions.can_attach_survey(by, activity):
        raise FeedbackError(_("Only the hosts and the team can add a survey."), status_code=403)
    if template.kind != SurveyKind.TEMPLATE:
        raise FeedbackError(_("Choose one of the templates."))
    opens = timezone.localdate(activity.ends_at)
    survey = Survey(
        kind=SurveyKind.SURVEY,
        audience=SurveyAudience.ACTIVITY,
        activity=activity,
        opens_on=opens,
        closes_on=opens + datetime.timedelta(days=AFTER_ACTIVITY_DAYS),
        created_by=by,
    )
    for code in ("en", "es", "fr"):
        activity_title = getattr(activity, f"title_{code}") or activity.title
        template_title = getattr(template, f"title_{code}") or template.title
        setattr(survey, f"title_{code}", f"{template_title}: {activity_title}"[:200])
        setattr(survey, f"introduction_{code}", getattr(template, f"introduction_{code}") or "")
    survey.save()
    for question in template.questions.prefetch_related("choices"):
        choices = list(question.choices.all())
        question.pk, question.survey = None, survey
        question.save()
        for choice in choices:
            choice.pk, choice.question = None, question
            choice.save()
    return survey


def claim_notice(*, survey: Survey, field: str) -> bool:
    """Mark a notice as sent, exactly once, whoever else is trying at the same moment."""
    return bool(
        Survey.objects.filter(pk=survey.pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
    )
