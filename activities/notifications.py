"""The emails notifications sends about activities: reminders (to people registered and to
hosts), changes, cancellations, and a freed place. Registered with `notifications.registry`;
see there for how a builder is called."""

from functools import lru_cache

from django.utils import timezone

from activities.calendars import activity_url, calendar_for
from activities.enums import ActivityStatus, RegistrationStatus
from activities.models import Activity
from activities.selectors import hosts_zone_for, needs_summary
from core.content import translated_text
from core.i18n import absolute_url_for
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from notifications.registry import Email, NotDue, register


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


@register(Kind.REMINDER)
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


@register(Kind.HOST_REMINDER)
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


@register(Kind.ACTIVITY_CHANGED)
def activity_changed(delivery: Delivery, language: str) -> Email:
    _registration_confirmed(delivery)
    if delivery.activity.is_past:
        raise NotDue(DeliveryStatus.SKIPPED)
    return Email(
        "notifications/email/activity_changed",
        _activity_context(delivery, language),
        _ics(delivery, language),
    )


@register(Kind.ACTIVITY_CANCELLED)
def activity_cancelled(delivery: Delivery, language: str) -> Email:
    if delivery.registration is None:
        raise NotDue(DeliveryStatus.CANCELLED)
    return Email(
        "notifications/email/activity_cancelled",
        _activity_context(delivery, language),
        _ics(delivery, language),
    )


@register(Kind.PLACE_AVAILABLE)
def place_available(delivery: Delivery, language: str) -> Email:
    _registration_confirmed(delivery)
    if delivery.activity.is_past:
        raise NotDue(DeliveryStatus.SKIPPED)
    return Email(
        "notifications/email/place_available",
        _activity_context(delivery, language),
        _ics(delivery, language),
    )
