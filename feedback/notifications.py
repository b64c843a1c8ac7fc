"""Survey notices: once when a survey opens, once shortly before it closes (only to those
without a receipt). Sent through the notification mechanism, in each person's language."""

import datetime

from django.utils import timezone

from feedback.enums import SurveyKind
from feedback.models import Receipt, Survey
from feedback.selectors import audience_of
from feedback.services import claim_notice
from notifications import services as notifications
from notifications.enums import Kind

REMINDER_DAYS_BEFORE_CLOSE = 2


def _notify(survey: Survey, people, kind: str) -> int:
    queued = 0
    for person in people:
        queued += bool(
            notifications.notify(
                user=person, kind=kind, key=f"{kind}:{survey.pk}:{person.pk}", ref_id=survey.pk
            )
        )
    return queued


def send_due_notices(today: datetime.date | None = None) -> int:
    """Queue the opening notice of surveys that opened, and the reminder of surveys closing
    within REMINDER_DAYS_BEFORE_CLOSE days. Each notice goes out once per survey and person."""
    today = today or timezone.localdate()
    queued = 0
    open_surveys = Survey.objects.filter(kind=SurveyKind.SURVEY, opens_on__lte=today).exclude(
        closes_on__lt=today
    )
    for survey in open_surveys.filter(opening_notice_sent_at__isnull=True):
        if claim_notice(survey=survey, field="opening_notice_sent_at"):
            queued += _notify(survey, audience_of(survey=survey), Kind.SURVEY_OPEN)
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
            queued += _notify(survey, people, Kind.SURVEY_REMINDER)
    return queued
