"""Surveys whose anonymity is kept in the database.

What links a person to a survey (Receipt) and what they answered (Response, Answer) are
separate tables with no reference between them. Answers wait in PendingSubmission, sealed with a
key kept outside the database (feedback/sealing.py), until a Celery task moves a shuffled batch
of at least FEEDBACK_MIN_RESPONSES into Response/Answer in its own transaction. The receipt and
the sealed row are written in one transaction, so a copy of the database pairs them (their
xmin), but what it pairs the receipt with is ciphertext. No response or answer row carries a
time or the language it was written in; receipts carry only the day. docs/anonymity.md has the
threat model.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from core.validators import stored_range_q, validate_date_in_range
from feedback.enums import QuestionKind, SurveyAudience, SurveyKind

ANSWER_LIMIT = 5000


class Survey(models.Model):
    kind = models.CharField(
        _("kind"), max_length=16, choices=SurveyKind.choices, default=SurveyKind.SURVEY
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    audience = models.CharField(
        _("who is asked"),
        max_length=16,
        choices=SurveyAudience.choices,
        default=SurveyAudience.PARTNERS,
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
    )
    opens_on = models.DateField(
        _("opens on"), null=True, blank=True, validators=[validate_date_in_range]
    )
    closes_on = models.DateField(
        _("closes on (last day to answer)"),
        null=True,
        blank=True,
        validators=[validate_date_in_range],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,  # surveys made by the demo data or the admin have no author
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bookkeeping of the notices (each sent once), nothing about who answered.
    opening_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=stored_range_q("opens_on", dates=True), name="survey_opens_in_range"
            ),
            models.CheckConstraint(
                condition=stored_range_q("closes_on", dates=True), name="survey_closes_in_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_survey(self) -> bool:
        """A survey proper (answered once per person, with receipts), not a template or the box."""
        return self.kind == SurveyKind.SURVEY

    def is_open(self, today=None) -> bool:
        if self.kind == SurveyKind.BOX:
            return True
        if self.kind != SurveyKind.SURVEY or self.opens_on is None:
            return False
        today = today or timezone.localdate()
        return self.opens_on <= today and (self.closes_on is None or today <= self.closes_on)

    def is_closed(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.closes_on is not None and today > self.closes_on


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    required = models.BooleanField(_("an answer is required"), default=False)
    scale_low_label = models.CharField(_("label of 1"), max_length=80, blank=True)
    scale_high_label = models.CharField(_("label of 5"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("choice"), max_length=200)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Receipt(models.Model):
    """That someone answered a survey, and on which day: never what, never a link to it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_receipts"
    )
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="receipts")
    day = models.DateField(default=timezone.localdate)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [
            models.UniqueConstraint(fields=["user", "survey"], name="feedback_one_answer_each"),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}"


class PendingSubmission(models.Model):
    """Answers waiting to be moved into Response/Answer in a shuffled batch: only the survey and
    the sealed, padded answers. No user, no time, no language, no plaintext."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="pending")
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("answers waiting to be counted")
        verbose_name_plural = _("answers waiting to be counted")

    def __str__(self) -> str:
        return str(self.id)


class Response(models.Model):
    """One anonymous set of answers. Its key is random; it has no time, no language (one French
    speaker among five English speakers would stand out) and no link to anyone."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    scale_value = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    text = models.TextField(blank=True, validators=[MaxLengthValidator(ANSWER_LIMIT)])

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "scale_value"])]

    def __str__(self) -> str:
        return str(self.id)


SUMMARY_LIMIT = 5000


class SurveySummary(models.Model):
    """What the team heard in a closed survey and what the Lab will do about it, for the
    community ("You said, we did"). The words are the team's own, per language; the numbers
    shown beside them are computed live from the survey's results under the same k rule as the
    results page (feedback.selectors.summary_results), and free-text answers are never shown."""

    survey = models.OneToOneField(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="summary"
    )
    what_we_heard = models.TextField(
        _("what we heard"), blank=True, validators=[MaxLengthValidator(SUMMARY_LIMIT)]
    )
    what_we_will_do = models.TextField(
        _("what we will do"), blank=True, validators=[MaxLengthValidator(SUMMARY_LIMIT)]
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("survey summary")
        verbose_name_plural = _("survey summaries")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["published_at"])]

    def __str__(self) -> str:
        return str(self.survey)
