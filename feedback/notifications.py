"""Survey notices: once when a survey opens, once shortly before it closes (only to those
without a receipt). Sent through the notification mechanism, in each person's language.

Each person's notice is a delivery with its own key (kind, survey, person), which
`notifications.services.notify` creates at most once. The survey is marked notified only after
every person's delivery exists: a worker that dies half-way leaves the survey unmarked, and the
next run creates the missing deliveries (the existing ones are skipped by their key), then marks
it. So nobody is left out, and nobody is told twice."""

import datetime

from django.utils import timezone

from core.content import translated_text
from core.i18n import absolute_url_for
from core.timezones import get_zone
from feedback import schedule
from feedback.enums import SurveyKind
from feedback.models import Receipt, Survey
from feedback.schedule import REMINDER_DAYS_BEFORE_CLOSE, REMINDER_MIN_GAP_DAYS
from feedback.selectors import audience_of
from feedback.services import mark_notice_sent
from notifications import services as notifications
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from notifications.registry import Email, NotDue, register


def _opening_for(survey: Survey, person) -> datetime.datetime | None:
    """When the survey's first day begins where `person` is, if that is still to come: a survey
    opens on a day of each person's own calendar (the answer page counts days in their zone),
    and an invitation must not reach someone west of UTC the evening before, to a page that
    says "not open yet"."""
    zone = get_zone(person.timezone)
    if zone is None or survey.opens_on is None:
        return None
    start = datetime.datetime.combine(survey.opens_on, datetime.time.min, tzinfo=zone)
    return start if start > timezone.now() else None


def _notify(survey: Survey, people, kind: str) -> int:
    queued = 0
    for person in people:
        queued += bool(
            notifications.notify(
                user=person,
                kind=kind,
                key=f"{kind}:{survey.pk}:{person.pk}",
                ref_id=survey.pk,
                due_at=_opening_for(survey, person) if kind == Kind.SURVEY_OPEN else None,
            )
        )
    return queued


def send_due_notices(today: datetime.date | None = None) -> int:
    """Queue the opening notice of surveys that opened, and the reminder of surveys closing
    within REMINDER_DAYS_BEFORE_CLOSE days whose opening notice went at least
    REMINDER_MIN_GAP_DAYS ago (feedback/schedule.py): a survey whose window is too short for
    both, or whose dates staff moved closer, gets no reminder rather than two emails in a few
    days. Each notice goes out once per survey and person, even when two runs overlap or one
    died half-way (see above). Returns how many it queued."""
    now = timezone.now()
    today = today or timezone.localdate(now)
    queued = 0
    open_surveys = Survey.objects.filter(kind=SurveyKind.SURVEY, opens_on__lte=today).exclude(
        closes_on__lt=today
    )
    for survey in open_surveys.filter(opening_notice_sent_at__isnull=True):
        queued += _notify(survey, audience_of(survey=survey), Kind.SURVEY_OPEN)
        mark_notice_sent(survey=survey, field="opening_notice_sent_at")
    reminder_day = today + datetime.timedelta(days=REMINDER_DAYS_BEFORE_CLOSE)
    closing = open_surveys.filter(
        reminder_sent_at__isnull=True,
        closes_on__isnull=False,
        closes_on__lte=reminder_day,
        opening_notice_sent_at__lte=now - datetime.timedelta(days=REMINDER_MIN_GAP_DAYS),
    )
    for survey in closing:
        answered = Receipt.objects.filter(survey=survey).values("user_id")
        people = audience_of(survey=survey).exclude(pk__in=answered)
        queued += _notify(survey, people, Kind.SURVEY_REMINDER)
        mark_notice_sent(survey=survey, field="reminder_sent_at")
    return queued


# --- The emails (registered with notifications.registry, built at send time) -----------------


REMINDER_TEMPLATE = "notifications/email/survey_reminder"


def _invited_long_enough_ago(survey: Survey, delivery: Delivery) -> bool:
    """Checked again when the reminder is sent, person by person (the survey as a whole was
    checked when the reminders were queued): never before their invitation (still waiting to
    go, or sent late after retries), nor within REMINDER_MIN_GAP_DAYS of it. Someone never
    invited (they joined the audience later) may get the reminder alone."""
    now = timezone.now()
    invitation = (
        Delivery.objects.filter(key=f"{Kind.SURVEY_OPEN}:{survey.pk}:{delivery.user_id}")
        .values("status", "sent_at")
        .first()
    )
    if invitation is None or invitation["status"] in (
        DeliveryStatus.FAILED,
        DeliveryStatus.SKIPPED,
        DeliveryStatus.CANCELLED,
    ):
        return True
    sent_at = invitation["sent_at"]
    return (
        invitation["status"] == DeliveryStatus.SENT
        and sent_at is not None
        and schedule.reminder_allowed(invited_at=sent_at, now=now)
    )


def _survey_email(delivery: Delivery, language: str, template: str) -> Email:
    survey = Survey.objects.filter(pk=delivery.ref_id).first()
    if survey is None or not survey.is_open():
        raise NotDue(DeliveryStatus.SKIPPED)
    if Receipt.objects.filter(survey=survey, user=delivery.user).exists():
        raise NotDue(DeliveryStatus.CANCELLED)
    if template == REMINDER_TEMPLATE and not _invited_long_enough_ago(survey, delivery):
        raise NotDue(DeliveryStatus.SKIPPED)
    return Email(
        template,
        {
            "no_reminder": schedule.reminder_day(
                invited_on=timezone.localdate(), closes_on=survey.closes_on
            )
            is None,
            "title": translated_text(survey, "title", language).text,
            "closes_on": survey.closes_on,
            "url": absolute_url_for("feedback:answer", language, pk=survey.pk),
        },
    )


@register(Kind.SURVEY_OPEN)
def survey_open(delivery: Delivery, language: str) -> Email:
    return _survey_email(delivery, language, "notifications/email/survey_open")


@register(Kind.SURVEY_REMINDER)
def survey_reminder(delivery: Delivery, language: str) -> Email:
    return _survey_email(delivery, language, REMINDER_TEMPLATE)
