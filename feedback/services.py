"""Writes of anonymous feedback. See feedback/models.py for how anonymity is kept."""

import logging
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.debug import sensitive_variables

from accounts.models import User
from activities.models import Activity
from core import languages
from core.validators import date_out_of_range_message, is_in_range
from feedback import permissions, sealing, selectors
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
    SurveySummary,
)
from feedback.tasks import send_notices_task

logger = logging.getLogger(__name__)


@sensitive_variables()
@transaction.atomic
def submit_answers(*, survey: Survey, user: User, answers: dict) -> None:
    """Accept a person's answers: a receipt (who, which survey, which day) and, separately, the
    answers sealed in the pending pool with no link to the person and no language. Both in one
    transaction, so an accepted answer is never lost and a refused one never half-saved.

    `answers` maps question ids (as strings) to validated values (see AnswerForm); `survey`
    should come with its questions and their choices prefetched (its padded size is theirs).
    """
    permissions.ensure_in_audience(user, survey)
    today = timezone.localdate()
    if not survey.is_open(today):
        raise FeedbackError(
            _("This survey is closed.")
            if survey.is_closed(today)
            else _("This survey is not open yet."),
            status_code=409,
        )
    # Sealed before anything is written: without a key, nothing is stored at all.
    sealed = sealing.seal(answers, size=sealing.payload_size(survey.questions.all()))
    if survey.kind == SurveyKind.SURVEY:
        try:
            with transaction.atomic():
                Receipt.objects.create(user=user, survey=survey, day=today)
        except IntegrityError:
            raise FeedbackError(
                _("You have already answered this survey. Thank you!"), status_code=409
            ) from None
    PendingSubmission.objects.create(survey=survey, sealed=sealed)


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


def batch_size(*, waiting: int, closed: bool, k: int) -> int:
    """How many of `waiting` answers may be published now, so that every change anyone can see
    in the results is at least `k` answers:

    - open survey (and the always-open box): nothing below 2k waiting, then all but k, which
      stay in reserve; so closing the survey later also publishes at least k;
    - closed survey: everything once at least k wait, else nothing, ever (its results stay
      hidden), whatever anyone does with its dates.
    """
    if closed:
        return waiting if waiting >= k else 0
    return waiting - k if waiting >= 2 * k else 0


def move_pending(*, survey_id: int) -> int:
    """Move a random batch of the survey's waiting answers (see `batch_size`) into
    Response/Answer, in a random order, in a transaction of their own, and delete them from the
    pool. A waiting row no configured key opens is neither moved nor deleted: it stays, and is
    counted (never shown) in a warning, so a key dropped too early loses nothing for good.
    Returns how many responses were moved."""
    with transaction.atomic():
        survey = Survey.objects.filter(pk=survey_id).first()
        if survey is None:
            return 0
        pending = list(
            PendingSubmission.objects.select_for_update(skip_locked=True).filter(survey=survey)
        )
        opened, unopened = [], 0
        for submission in pending:
            result = sealing.unseal(submission.sealed)
            if result is None:
                unopened += 1
            else:
                opened.append((submission.pk, sealing.answers_of(result[1])))
        if unopened:
            logger.warning(
                "%d waiting answer(s) of survey %s open with no key in FEEDBACK_SEALING_KEYS; "
                "kept, not counted",
                unopened,
                survey.pk,
            )
        size = batch_size(
            waiting=len(opened),
            closed=survey.is_closed(),
            k=settings.FEEDBACK_MIN_RESPONSES,
        )
        if not size:
            return 0
        batch = secrets.SystemRandom().sample(opened, size)
        questions = {question.pk: question for question in survey.questions.all()}
        responses, answers = [], []
        for _pk, values in batch:
            response = Response(survey=survey)
            responses.append(response)
            answers += _answers_of(response, values, questions)
        Response.objects.bulk_create(responses)
        Answer.objects.bulk_create(answers)
        PendingSubmission.objects.filter(pk__in=[pk for pk, _values in batch]).delete()
        return len(responses)


def move_all_pending() -> int:
    survey_ids = set(PendingSubmission.objects.values_list("survey_id", flat=True))
    return sum(move_pending(survey_id=survey_id) for survey_id in survey_ids)


def reseal_pending(*, dry_run: bool = False) -> dict:
    """Seal again with the first key every waiting answer that an older key opens, so the older
    key can be dropped. Returns how many waiting answers each key opened (by index in
    FEEDBACK_SEALING_KEYS) and how many none opened ("none"); with `dry_run`, changes nothing."""
    counts: dict = dict.fromkeys(range(len(sealing.configured_keys())), 0)
    counts["none"] = 0
    with transaction.atomic():
        for submission in PendingSubmission.objects.select_for_update().only("pk", "sealed"):
            result = sealing.unseal(submission.sealed)
            if result is None:
                counts["none"] += 1
                continue
            index, plain = result
            counts[index] += 1
            if index and not dry_run:
                PendingSubmission.objects.filter(pk=submission.pk).update(
                    sealed=sealing.reseal(plain)
                )
    return counts


# --- Building surveys (staff) ----------------------------------------------------------------


def is_answered(survey: Survey) -> bool:
    """Someone has answered (a receipt, a waiting or a moved answer): from then on its questions
    and choices stay as they were answered, here and in the admin."""
    return survey.receipts.exists() or survey.pending.exists() or survey.responses.exists()


def _check_unanswered(survey: Survey) -> None:
    if is_answered(survey):
        raise FeedbackError(
            _("People have already answered: the questions can no longer change."),
            status_code=409,
        )


def _check_dates(data: dict) -> None:
    opens, closes = data.get("opens_on"), data.get("closes_on")
    if not (is_in_range(opens) and is_in_range(closes)):
        raise FeedbackError(date_out_of_range_message())
    if opens and closes and closes < opens:
        raise FeedbackError(_("A survey must close on or after the day it opens."))


@transaction.atomic
def save_survey(*, by: User, data: dict, survey: Survey | None = None) -> Survey:
    """Create or change a survey's title, introduction, audience and dates."""
    permissions.ensure_can_manage_surveys(by)
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
    permissions.ensure_can_manage_surveys(by)
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
    permissions.ensure_can_manage_surveys(by)
    _check_unanswered(question.survey)
    question.delete()


@transaction.atomic
def survey_for_activity(*, activity: Activity, template: Survey, by: User) -> Survey:
    """A copy of `template` for the people registered for `activity`, with the dates of
    `selectors.attach_plan` (feedback/schedule.py): it opens the day the activity ends and its
    last day is AFTER_ACTIVITY_DAYS later; added after the activity ended, it opens the day it
    is added, for LATE_WINDOW_DAYS from then. Refused (409) for a cancelled activity, one over
    with nobody registered, or one that ended more than LATE_LIMIT_DAYS ago.

    Sent: the invitations, by `feedback.send_notices`; when the survey opens today, that task
    is queued after the commit, so a late survey's invitations go at once, not within the hour.
    """
    permissions.ensure_can_attach_survey(by, activity)
    if template.kind != SurveyKind.TEMPLATE:
        raise FeedbackError(_("Choose one of the templates."))
    plan = selectors.attach_plan(activity=activity)
    if not plan.allowed:
        raise FeedbackError(plan.refusal, status_code=409)
    survey = Survey(
        kind=SurveyKind.SURVEY,
        audience=SurveyAudience.ACTIVITY,
        activity=activity,
        opens_on=plan.opens_on,
        closes_on=plan.closes_on,
        created_by=by,
    )
    for code in languages.codes():
        activity_title = getattr(activity, f"title_{code}") or activity.title
        template_title = getattr(template, f"title_{code}") or template.title
        with translation.override(code):
            title = pgettext("label: text", "%(label)s: %(text)s") % {
                "label": template_title,
                "text": activity_title,
            }
        setattr(survey, f"title_{code}", title[:200])
        setattr(survey, f"introduction_{code}", getattr(template, f"introduction_{code}") or "")
    survey.save()
    for question in template.questions.prefetch_related("choices"):
        choices = list(question.choices.all())
        question.pk, question.survey = None, survey
        question.save()
        for choice in choices:
            choice.pk, choice.question = None, question
            choice.save()
    if plan.invitations_at is None:
        transaction.on_commit(lambda: send_notices_task.delay())
    return survey


def mark_notice_sent(*, survey: Survey, field: str) -> bool:
    """Record that the survey's notice (`opening_notice_sent_at`, `reminder_sent_at`) has gone
    to everyone: call it only once each person's notice exists. Returns whether this call
    marked it (False when it was marked already)."""
    return bool(
        Survey.objects.filter(pk=survey.pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
    )


# --- Summaries for the community ("You said, we did") -------------------------------------------


def _summarisable(survey: Survey) -> None:
    if survey.kind != SurveyKind.SURVEY or not survey.is_closed():
        raise FeedbackError(
            _("A summary can be written once the survey is closed."), status_code=409
        )


@transaction.atomic
def save_summary(*, survey: Survey, by: User, texts: dict[str, str]) -> SurveySummary:
    """Create or change the team's summary of a closed survey: `texts` maps
    what_we_heard_<code> and what_we_will_do_<code> to the words in each language."""
    permissions.ensure_can_manage_surveys(by)
    _summarisable(survey)
    summary = SurveySummary.objects.select_for_update().filter(survey=survey).first()
    summary = summary or SurveySummary(survey=survey)
    for name, value in texts.items():
        if name.startswith(("what_we_heard_", "what_we_will_do_")):
            setattr(summary, name, value.strip())
    if not any(getattr(summary, name) for name in languages.per_language("what_we_heard")):
        raise FeedbackError(_("Write what you heard in at least one language."))
    summary.full_clean()
    summary.save()
    return summary


def publish_summary(*, summary: SurveySummary, by: User, publish: bool = True) -> SurveySummary:
    """Show the summary to the community (or take it back). A survey below the anonymity
    threshold can still be summarised in words: its page never shows any number."""
    permissions.ensure_can_manage_surveys(by)
    if publish:
        _summarisable(summary.survey)
    summary.published_at = (summary.published_at or timezone.now()) if publish else None
    summary.save(update_fields=["published_at", "updated_at"])
    return summary
