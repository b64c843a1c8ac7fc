"""Survey notices: once when a survey opens, once shortly before it closes (only to those
without a receipt). In each person's language."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from core.content import translated_text
from core.services import send_templated_email
from feedback.enums import SurveyKind
from feedback.models import Receipt, Survey
from feedback.selectors import audience_of
from feedback.services import claim_notice

REMINDER_DAYS_BEFORE_CLOSE = 2


def _send(survey: Survey, people, template_prefix: str) -> int:
    sent = 0
    for person in people:
        with translation.override(person.language):
            path = reverse("feedback:answer", kwargs={"pk": survey.pk})
        send_templated_email(
            template_prefix=template_prefix,
            to=person.email,
            language=person.language,
            context={
                "name": person.display_name,
                "title": translated_text(survey, "title", person.language).text,
                "closes_on": survey.closes_on,
                "url": f"{settings.SITE_URL.rstrip('/')}{path}",
            },
        )
        sent += 1
    return sent


def send_due_notices(today: datetime.date | None = None) -> int:
    """Send the opening notice of surveys that opened, and the reminder of surveys closing
    within REMINDER_DAYS_BEFORE_CLOSE days. Each notice goes out once per survey."""
    today = today or timezone.localdate()
    sent = 0
    open_surveys = Survey.objects.filter(kind=SurveyKind.SURVEY, opens_on__lte=today).exclude(
        closes_on__lt=today
    )
    for survey in open_surveys.filter(opening_notice_sent_at__isnull=True):
        if claim_notice(survey=survey, field="opening_notice_sent_at"):
            sent += _send(survey, audience_of(survey=survey), "feedback/email/survey_open")
    reminder_day = today + datetime.timedelta(days=REMINDER_DAYS_BEFORE_CLOSE)
    closing = open_surveys.filter(
        reminder_sent_at__isnull=True,
        closes_on__isnull=False,
        closes_on__lte=reminder_day,
        opening_notice_sent_at__isnull=False,
    )
    for survey in closing:
        if claim_notice(survey=survey, field="reminder_sent_at"):
            answered = Receipt.objects.filter(survey=survey).values("user_id")
            people = audience_of(survey=survey).exclude(pk__in=answered)
            sent += _send(survey, people, "feedback/email/survey_reminder")
    return sent
