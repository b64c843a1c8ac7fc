"""For each kind of notification: whether it is still due, and what its email says.

Each builder runs at send time, in the recipient's language and time zone, from the current
state of the database (so a reminder shows the activity's latest time). It returns the template
and context, or raises `NotDue` with the status the delivery should take instead.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone, translation

from activities.calendars import activity_url, calendar_for
from activities.enums import ActivityStatus, RegistrationStatus
from activities.selectors import hosts_zone_for, needs_summary
from core.content import translated_text
from core.i18n import absolute_url_for
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery


class NotDue(Exception):
    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


@dataclass
class Email:
    template: str
    context: dict
    ics: bytes | None = None


def _activity_context(delivery: Delivery, language: str) -> dict:
    activity = delivery.activity
    title = translated_text(activity, "title", language)
    return {
        "title": title.text,
        "title_notice": title.notice if title.is_fallback else "",
        "starts_at": activity.starts_at,
        "ends_at": activity.ends_at,
        "zone": delivery.user.timezone,
        "place": activity.place if activity.format != "online" else "",
        "online_link": activity.online_link if activity.format != "in_person" else "",
        "url": activity_url(activity, language),
        "cancellation_reason": activity.cancellation_reason,
    }


def _ics(delivery: Delivery, language: str) -> bytes:
    activity = delivery.activity
    with_zone = hosts_zone_for(activity=activity, user=delivery.user) is not None
    return _activity_ics(activity.pk, activity.sequence, activity.updated_at, language, with_zone)


@lru_cache(maxsize=256)
def _activity_ics(
    activity_pk: int, sequence: int, updated_at, language: str, with_zone: bool
) -> bytes:
    """One calendar file per activity revision, language and "may the reader see the hosts'
    time zone", however many recipients: building its time zone definitions is the costliest
    part of a reminder. The revision (sequence and last change) is in the key, so a changed
    activity never gets a stale file."""
    from activities.models import Activity

    activity = Activity.objects.get(pk=activity_pk)
    return calendar_for(
        [activity],
        name=translated_text(activity, "title", language).text,
        language=language,
        include_link=lambda _activity: True,
        zone_of=lambda shown: shown.timezone if with_zone else None,
    )


def _registration_confirmed(delivery: Delivery) -> None:
    registration = delivery.registration
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        raise NotDue(DeliveryStatus.CANCELLED)


def reminder(delivery: Delivery, language: str) -> Email:
    _registration_confirmed(delivery)
    activity = delivery.activity
    if activity.status != ActivityStatus.SCHEDULED:
        raise NotDue(DeliveryStatus.CANCELLED)
    if activity.starts_at <= timezone.now():
        raise NotDue(DeliveryStatus.SKIPPED)
    context = _activity_context(delivery, language)
    context["interpretation"] = delivery.registration.interpretation_language
    return Email("notifications/email/reminder", context, _ics(delivery, language))


def host_reminder(delivery: Delivery, language: str) -> Email:
    activity = delivery.activity
    if activity.status != ActivityStatus.SCHEDULED:
        raise NotDue(DeliveryStatus.CANCELLED)
    if activity.starts_at <= timezone.now():
        raise NotDue(DeliveryStatus.SKIPPED)
    if not activity.host_people.filter(pk=delivery.user_id).exists():
        raise NotDue(DeliveryStatus.CANCELLED)
    context = _activity_context(delivery, language)
    context["summary"] = needs_summary(activity=activity)
    context["attendees_url"] = absolute_url_for("activities:attendees", language, pk=activity.pk)
    return Email("notifications/email/host_reminder", context, _ics(delivery, language))


def activity_changed(delivery: Delivery, language: str) -> Email:
    _registration_confirmed(delivery)
    if delivery.activity.is_past:
        raise NotDue(DeliveryStatus.SKIPPED)
    return Email(
        "notifications/email/activity_changed",
        _activity_context(delivery, language),
        _ics(delivery, language),
    )


def activity_cancelled(delivery: Delivery, language: str) -> Email:
    if delivery.registration is None:
        raise NotDue(DeliveryStatus.CANCELLED)
    return Email(
        "notifications/email/activity_cancelled",
        _activity_context(delivery, language),
        _ics(delivery, language),
    )


def place_available(delivery: Delivery, language: str) -> Email:
    _registration_confirmed(delivery)
    if delivery.activity.is_past:
        raise NotDue(DeliveryStatus.SKIPPED)
    return Email(
        "notifications/email/place_available",
        _activity_context(delivery, language),
        _ics(delivery, language),
    )


def proposal_update(delivery: Delivery, language: str) -> Email:
    from workinggroup.models import ModerationLog

    entry = ModerationLog.objects.select_related("item").filter(pk=delivery.ref_id).first()
    if entry is None:
        raise NotDue(DeliveryStatus.CANCELLED)
    item = entry.item
    with translation.override(language):
        state = str(entry.get_to_state_display())
    return Email(
        "notifications/email/proposal_update",
        {
            "title": translated_text(item, "title", language).text,
            "state": state,
            "message": entry.message,
            "url": absolute_url_for("workinggroup:item", language, pk=item.pk),
            "activity_url": item.activity_id
            and absolute_url_for("activities:detail", language, pk=item.activity_id),
        },
    )


def recommendation_decided(delivery: Delivery, language: str) -> Email:
    email = proposal_update(delivery, language)
    email.template = "notifications/email/recommendation_decided"
    return email


def agenda_published(delivery: Delivery, language: str) -> Email:
    from workinggroup.models import Meeting

    meeting = Meeting.objects.filter(pk=delivery.ref_id).first()
    if meeting is None:
        raise NotDue(DeliveryStatus.CANCELLED)
    return Email(
        "notifications/email/agenda_published",
        {
            "starts_at": meeting.starts_at,
            "zone": delivery.user.timezone,
            "url": absolute_url_for("workinggroup:meeting", language, pk=meeting.pk),
        },
    )


def _survey_email(delivery: Delivery, language: str, template: str) -> Email:
    from feedback.models import Receipt, Survey

    survey = Survey.objects.filter(pk=delivery.ref_id).first()
    if survey is None or not survey.is_open():
        raise NotDue(DeliveryStatus.SKIPPED)
    if Receipt.objects.filter(survey=survey, user=delivery.user).exists():
        raise NotDue(DeliveryStatus.CANCELLED)
    return Email(
        template,
        {
            "title": translated_text(survey, "title", language).text,
            "closes_on": survey.closes_on,
            "url": absolute_url_for("feedback:answer", language, pk=survey.pk),
        },
    )


def survey_open(delivery: Delivery, language: str) -> Email:
    return _survey_email(delivery, language, "notifications/email/survey_open")


def survey_reminder(delivery: Delivery, language: str) -> Email:
    return _survey_email(delivery, language, "notifications/email/survey_reminder")


BUILDERS = {
    Kind.REMINDER: reminder,
    Kind.HOST_REMINDER: host_reminder,
    Kind.ACTIVITY_CHANGED: activity_changed,
    Kind.ACTIVITY_CANCELLED: activity_cancelled,
    Kind.PLACE_AVAILABLE: place_available,
    Kind.PROPOSAL_UPDATE: proposal_update,
    Kind.RECOMMENDATION_DECIDED: recommendation_decided,
    Kind.AGENDA_PUBLISHED: agenda_published,
    Kind.SURVEY_OPEN: survey_open,
    Kind.SURVEY_REMINDER: survey_reminder,
}
