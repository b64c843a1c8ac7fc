"""What notifications does for activities: arming, moving and stopping the reminders (of the
people registered and of the hosts), telling people of a change or a cancellation, and the
emails themselves (builders registered with `notifications.registry`; see there for how a
builder is called). activities.services calls the functions here; `notify` is
notifications.services' own, named here so that activities has one notifications module."""

from functools import lru_cache

from django.utils import timezone

from accounts.models import User
from activities.calendars import CANCEL, REQUEST, activity_url, calendar_for, with_attendee
from activities.enums import ActivityStatus, RegistrationStatus
from activities.models import Activity, ActivityLog, Registration, Suggestion, SupportRequest
from activities.permissions import is_host
from activities.selectors import hosts_zone_for, needs_summary
from core.content import TranslatedText, translated_text
from core.i18n import absolute_url_for
from core.timezones import zone_label
from notifications import services as notifications
from notifications.enums import DeliveryStatus, Kind, Preference
from notifications.models import Delivery
from notifications.registry import Email, NotDue, rearm_on_preferences, register
from notifications.services import notify

__all__ = [
    "activity_cancelled",
    "activity_changed",
    "arm_activity",
    "arm_reminders",
    "notify",
    "stop_reminders",
]


def _activity_context(delivery: Delivery, language: str) -> dict:
    activity = delivery.activity
    title = translated_text(activity, "title", language)
    return {
        "title": title.text,
        "title_notice": title.notice if title.is_fallback else "",
        "starts_at": activity.starts_at,
        "ends_at": activity.ends_at,
        # Named for people in the recipient's language; notifications.services.render shows
        # the dates in this zone (and language) too.
        "zone": zone_label(delivery.user.timezone),
        "place": activity.place if activity.format != "online" else "",
        "online_link": activity.online_link if activity.format != "in_person" else "",
        "url": activity_url(activity, language),
        "cancellation_reason": activity.cancellation_reason,
    }


def _ics(delivery: Delivery, language: str, method: str = REQUEST) -> bytes:
    """The email's calendar file: REQUEST (an invitation or update, which mail programs offer
    to add or update in the calendar) or CANCEL (which removes it)."""
    activity = delivery.activity
    with_zone = hosts_zone_for(activity=activity, user=delivery.user) is not None
    shared = _activity_ics(
        activity.pk, activity.sequence, activity.updated_at, language, with_zone, method
    )
    return with_attendee(shared, delivery.user)


@lru_cache(maxsize=256)
def _activity_ics(
    activity_pk: int, sequence: int, updated_at, language: str, with_zone: bool, method: str
) -> bytes:
    """One calendar file per activity revision, language, method and "may the reader see the
    hosts' time zone", however many recipients: building its time zone definitions is the
    costliest part of a reminder. The revision (sequence and last change) is in the key, so a
    changed activity never gets a stale file."""
    activity = Activity.objects.get(pk=activity_pk)
    return calendar_for(
        [activity],
        name=translated_text(activity, "title", language).text,
        language=language,
        include_link=lambda _activity: True,
        zone_of=lambda shown: shown.timezone if with_zone else None,
        method=method,
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


def _to_a_coming_place(delivery: Delivery, language: str, template: str) -> Email:
    """An email with the updated calendar file to someone whose place is confirmed, while the
    activity is still to come."""
    _registration_confirmed(delivery)
    if delivery.activity.is_past:
        raise NotDue(DeliveryStatus.SKIPPED)
    return Email(template, _activity_context(delivery, language), _ics(delivery, language))


@register(Kind.ACTIVITY_CHANGED)
def activity_changed_email(delivery: Delivery, language: str) -> Email:
    return _to_a_coming_place(delivery, language, "notifications/email/activity_changed")


@register(Kind.ACTIVITY_CANCELLED)
def activity_cancelled_email(delivery: Delivery, language: str) -> Email:
    """To a person with a place: with a CANCEL file that removes it from their calendar. To a
    person on the waiting list: no file (the activity never reached their calendar)."""
    if delivery.registration is None:
        raise NotDue(DeliveryStatus.CANCELLED)
    reason = translated_text(delivery.activity, "cancellation_reason", language)
    waiting = delivery.registration.status == RegistrationStatus.WAITLISTED
    return Email(
        "notifications/email/activity_cancelled",
        {
            **_activity_context(delivery, language),
            "cancellation_reason": reason.text,
            "reason_notice": reason.notice if reason.is_fallback else "",
            "was_waiting": waiting,
        },
        None if waiting else _ics(delivery, language, CANCEL),
    )


@register(Kind.PLACE_AVAILABLE)
def place_available(delivery: Delivery, language: str) -> Email:
    return _to_a_coming_place(delivery, language, "notifications/email/place_available")


# --- To the hosts: the team's decisions, answers and suggestions (partner-led activities) ----


def _written(text: str, written_in: str, language: str) -> TranslatedText:
    """A person's words as they wrote them, with a note when the reader reads another language."""
    return TranslatedText(text, written_in or language, bool(written_in) and written_in != language)


def _to_a_host(delivery: Delivery, language: str, template: str, context: dict) -> Email:
    activity = delivery.activity
    if activity is None or not is_host(delivery.user, activity):
        # No longer one of its hosts: the news is not theirs any more.
        raise NotDue(DeliveryStatus.CANCELLED)
    title = translated_text(activity, "title", language)
    return Email(
        template,
        {
            "title": title.text,
            "title_notice": title.notice if title.is_fallback else "",
            "url": absolute_url_for("activities:support", language, pk=activity.pk),
            **context,
        },
    )


@register(Kind.ACTIVITY_HELD_BACK)
@register(Kind.ACTIVITY_RELEASED)
def held_back_or_released(delivery: Delivery, language: str) -> Email:
    entry = ActivityLog.objects.filter(pk=delivery.ref_id).first()
    if entry is None:
        raise NotDue(DeliveryStatus.CANCELLED)
    reason = _written(entry.reason, entry.language, language)
    name = "activity_held_back" if delivery.kind == Kind.ACTIVITY_HELD_BACK else "activity_released"
    return _to_a_host(
        delivery,
        language,
        f"notifications/email/{name}",
        {"reason": reason.text, "reason_notice": reason.notice if reason.is_fallback else ""},
    )


@register(Kind.SUPPORT_ANSWERED)
def support_answered(delivery: Delivery, language: str) -> Email:
    support = SupportRequest.objects.filter(pk=delivery.ref_id).first()
    if support is None or support.is_open:
        raise NotDue(DeliveryStatus.CANCELLED)
    note = _written(support.note, support.note_language, language)
    kind = str(support.get_kind_display())  # rendered in `language` (notifications.services)
    return _to_a_host(
        delivery,
        language,
        "notifications/email/support_answered",
        {
            "kind": kind,
            "confirmed": support.is_confirmed,
            "note": note.text,
            "note_notice": note.notice if note.is_fallback else "",
        },
    )


@register(Kind.SUGGESTION_RECEIVED)
def suggestion_received(delivery: Delivery, language: str) -> Email:
    suggestion = Suggestion.objects.filter(pk=delivery.ref_id).first()
    if suggestion is None or not suggestion.is_open:
        raise NotDue(DeliveryStatus.CANCELLED)
    text = _written(suggestion.text, suggestion.language, language)
    return _to_a_host(
        delivery,
        language,
        "notifications/email/suggestion_received",
        {"suggestion": text.text, "suggestion_notice": text.notice if text.is_fallback else ""},
    )


# --- Reminders and notices (called by activities.services) -----------------------------------


def arm_reminders(*, registration: Registration) -> None:
    """Make the person's reminders for this registration match their offsets and the
    activity's current time; cancel those no longer wanted."""
    activity = registration.activity
    prefs = notifications.settings_for(registration.user)
    wanted = (
        set(prefs.reminder_offsets)
        if registration.status == RegistrationStatus.CONFIRMED
        and activity.status == ActivityStatus.SCHEDULED
        and prefs.wants(Preference.REMINDERS)
        else set()
    )
    for offset in wanted:
        notifications.arm(
            key=f"reminder:{registration.pk}:{offset}",
            kind=Kind.REMINDER,
            user=registration.user,
            activity=activity,
            registration=registration,
            due=notifications.reminder_due(activity.starts_at, offset),
            offset=offset,
        )
    Delivery.objects.filter(
        registration=registration, kind=Kind.REMINDER, status=DeliveryStatus.PENDING
    ).exclude(offset_minutes__in=wanted).update(status=DeliveryStatus.CANCELLED)


def arm_activity(*, activity: Activity) -> None:
    """Re-arm every reminder of an activity (its time may have changed), hosts' included."""
    for registration in activity.registrations.select_related("user", "activity"):
        arm_reminders(registration=registration)
    hosts = list(activity.host_people.all()) if activity.status == ActivityStatus.SCHEDULED else []
    for host in hosts:
        prefs = notifications.settings_for(host)
        if not prefs.wants(Preference.REMINDERS):
            continue
        for offset in prefs.reminder_offsets:
            notifications.arm(
                key=f"host_reminder:{activity.pk}:{host.pk}:{offset}",
                kind=Kind.HOST_REMINDER,
                user=host,
                activity=activity,
                due=notifications.reminder_due(activity.starts_at, offset),
                offset=offset,
            )
    Delivery.objects.filter(
        activity=activity, kind=Kind.HOST_REMINDER, status=DeliveryStatus.PENDING
    ).exclude(user__in=hosts).update(status=DeliveryStatus.CANCELLED)


def stop_reminders(*, registration: Registration | None = None, activity=None) -> None:
    """Unregistering or cancelling stops reminders that have not gone out yet."""
    deliveries = Delivery.objects.filter(
        kind__in=[Kind.REMINDER, Kind.HOST_REMINDER], status=DeliveryStatus.PENDING
    )
    if registration is not None:
        deliveries = deliveries.filter(registration=registration)
    if activity is not None:
        deliveries = deliveries.filter(activity=activity)
    deliveries.update(status=DeliveryStatus.CANCELLED)


def _notify_confirmed(
    activity: Activity,
    kind: str,
    *,
    key: str,
    statuses: tuple[str, ...] = (RegistrationStatus.CONFIRMED,),
) -> None:
    """One notice of `kind` to everyone with a confirmed place (or a registration of one of
    `statuses`); `key` names it per registration ("{pk}" is the registration's id), so it is
    created once whoever calls again."""
    for registration in activity.registrations.filter(status__in=statuses).select_related("user"):
        notifications.notify(
            user=registration.user,
            kind=kind,
            key=key.format(pk=registration.pk),
            activity=activity,
            registration=registration,
        )


def activity_changed(*, activity: Activity) -> None:
    """Tell everyone with a place that the time or place changed; re-arm reminders."""
    arm_activity(activity=activity)
    _notify_confirmed(activity, Kind.ACTIVITY_CHANGED, key=f"changed:{{pk}}:{activity.sequence}")


def activity_cancelled(*, activity: Activity) -> None:
    """Tell everyone with a place, and everyone waiting for one: nobody keeps waiting for an
    activity that will not happen."""
    stop_reminders(activity=activity)
    _notify_confirmed(
        activity, Kind.ACTIVITY_CANCELLED, key="cancelled:{pk}", statuses=RegistrationStatus.ACTIVE
    )


@rearm_on_preferences
def rearm_person(user: User) -> None:
    """The person changed their email choices: re-arm the reminders of their coming places."""
    for registration in Registration.objects.filter(
        user=user,
        status=RegistrationStatus.CONFIRMED,
        activity__status=ActivityStatus.SCHEDULED,
        activity__starts_at__gt=timezone.now(),
    ).select_related("activity"):
        arm_reminders(registration=registration)
