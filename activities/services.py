"""Writes about activities: registrations and the waiting list, editing, cancelling, materials,
calendar feed tokens."""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from activities import permissions
from activities.enums import ActivityStatus, RegistrationStatus
from activities.exceptions import ActivityError
from activities.models import Activity, CalendarToken, Material, Registration
from core.validators import date_out_of_range_message, moment_in_range
from notifications import services as notifications
from notifications.enums import Kind

# A change to any of these reaches people's calendars (SEQUENCE is bumped).
CALENDAR_FIELDS = (
    "starts_at",
    "ends_at",
    "timezone",
    "place",
    "online_link",
    "status",
    "title_en",
    "title_es",
    "title_fr",
)
# A change to any of these is news for the people registered (an email with the new .ics).
NOTICE_FIELDS = ("starts_at", "ends_at", "place", "online_link")
EDITABLE_FIELDS = (
    "type",
    "title_en",
    "title_es",
    "title_fr",
    "description_en",
    "description_es",
    "description_fr",
    "original_language",
    "spoken_languages",
    "interpretation_languages",
    "starts_at",
    "ends_at",
    "timezone",
    "format",
    "place",
    "online_link",
    "capacity",
    "registration_deadline",
    "audience",
)


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().get(pk=activity.pk)


def _confirmed_count(activity: Activity) -> int:
    return activity.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def _check_open(activity: Activity) -> None:
    now = timezone.now()
    if activity.status == ActivityStatus.CANCELLED:
        raise ActivityError(_("This activity has been cancelled."), status_code=409)
    if activity.status != ActivityStatus.SCHEDULED or activity.starts_at <= now:
        raise ActivityError(
            _("Registration is closed: this activity is not open for registration."),
            status_code=409,
        )
    if activity.registration_deadline and activity.registration_deadline < now:
        raise ActivityError(
            _("Registration closed on %(date)s.")
            % {
                "date": formats.date_format(
                    timezone.localtime(activity.registration_deadline), "DATETIME_FORMAT"
                )
            },
            status_code=409,
        )


@transaction.atomic
def register(
    *,
    activity: Activity,
    user: User,
    interpretation_language: str = "",
    accessibility_needs: str = "",
    question: str = "",
) -> Registration:
    """Give `user` a place, or a waiting-list spot when the activity is full.

    The activity row is locked for the whole transaction, so however many people register at
    the same moment, the places confirmed never exceed the capacity. Nobody jumps the queue: while
    anyone is waiting, newcomers wait too.
    """
    activity = _locked(activity)
    _check_open(activity)
    if (
        interpretation_language
        and interpretation_language not in activity.interpretation_language_list
    ):
        raise ActivityError(_("Interpretation into that language is not offered."))
    registration = Registration.objects.filter(activity=activity, user=user).first()
    if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
        raise ActivityError(_("You are already registered for this activity."), status_code=409)
    if registration is not None and registration.status == RegistrationStatus.WAITLISTED:
        raise ActivityError(
            _("You are already on the waiting list for this activity."), status_code=409
        )
    someone_waiting = activity.registrations.filter(status=RegistrationStatus.WAITLISTED).exists()
    full = activity.capacity is not None and (
        _confirmed_count(activity) >= activity.capacity or someone_waiting
    )
    registration = registration or Registration(activity=activity, user=user)
    registration.status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED
    registration.interpretation_language = interpretation_language
    registration.accessibility_needs = accessibility_needs
    registration.question = question
    registration.requested_at = timezone.now()
    registration.save()
    notifications.arm_reminders(registration=registration)
    return registration


def _promote_waiting(activity: Activity) -> list[Registration]:
    """Fill free places from the waiting list, first come first served; tell each person."""
    if activity.status != ActivityStatus.SCHEDULED or activity.starts_at <= timezone.now():
        return []
    free = None if activity.capacity is None else activity.capacity - _confirmed_count(activity)
    waiting = activity.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "requested_at", "pk"
    )
    promoted = list(waiting if free is None else waiting[: max(free, 0)])
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        notifications.arm_reminders(registration=registration)
        notifications.notify(
            user=registration.user,
            kind=Kind.PLACE_AVAILABLE,
            key=f"place:{registration.pk}:{registration.requested_at.timestamp():.0f}",
            activity=activity,
            registration=registration,
        )
    return promoted


@transaction.atomic
def cancel_registration(*, registration: Registration, by: User) -> Registration:
    """Give up a place (or a waiting-list spot). The row stays, marked cancelled; a freed place
    goes to the first person waiting, who is told by email."""
    activity = _locked(registration.activity)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.user_id != by.pk and not permissions.can_manage_activity(by, activity):
        raise ActivityError(_("This is not your registration."), status_code=403)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ActivityError(_("This registration is already cancelled."), status_code=409)
    if activity.is_past:
        raise ActivityError(_("This activity is over."), status_code=409)
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    notifications.stop_reminders(registration=registration)
    if was_confirmed:
        _promote_waiting(activity)
    return registration


def _apply(activity: Activity, data: dict, host_organisations, host_people, focus_areas) -> None:
    # Before any comparison or full_clean(): a date out of range is the caller's error (4xx),
    # never a ValidationError from the model or an IntegrityError from the database.
    if not all(
        moment_in_range(data.get(name), data["timezone"])
        for name in ("starts_at", "ends_at", "registration_deadline")
    ):
        raise ActivityError(date_out_of_range_message())
    if data["ends_at"] <= data["starts_at"]:
        raise ActivityError(_("The activity must end after it starts."))
    deadline = data.get("registration_deadline")
    if deadline and deadline > data["ends_at"]:
        raise ActivityError(_("Registration must close before the activity ends."))
    for name in EDITABLE_FIELDS:
        setattr(activity, name, data[name])
    activity.full_clean()
    activity.save()
    activity.host_organisations.set(host_organisations)
    activity.host_people.set(host_people)
    activity.focus_areas.set(focus_areas)


@transaction.atomic
def create_activity(
    *, by: User, data: dict, status: str, host_organisations, host_people, focus_areas
) -> Activity:
    """A new activity, as a draft or scheduled (staff)."""
    if not permissions.can_create_activity(by):
        raise ActivityError(_("Only the Learning Lab team can add activities."), status_code=403)
    activity = Activity(created_by=by, status=status)
    _apply(activity, data, host_organisations, host_people, focus_areas)
    notifications.arm_activity(activity=activity)
    return activity


@transaction.atomic
def update_activity(
    *, activity: Activity, by: User, data: dict, host_organisations, host_people, focus_areas
) -> Activity:
    """Save an edited activity (hosts and staff): all or nothing.

    Refuses a capacity below the places already given. A change of time, place, link or title
    bumps the calendar SEQUENCE so calendars update; more places go to the waiting list.
    """
    if not permissions.can_manage_activity(by, activity):
        raise ActivityError(_("Only the hosts can change this activity."), status_code=403)
    activity = _locked(activity)
    before = {name: getattr(activity, name) for name in CALENDAR_FIELDS}
    confirmed = _confirmed_count(activity)
    if data["capacity"] is not None and data["capacity"] < confirmed:
        raise ActivityError(
            _("%(count)s people already have a place: the capacity cannot be lower than that.")
            % {"count": confirmed}
        )
    _apply(activity, data, host_organisations, host_people, focus_areas)
    if any(getattr(activity, name) != value for name, value in before.items()):
        activity.sequence += 1
        activity.save(update_fields=["sequence"])
    _promote_waiting(activity)
    if any(getattr(activity, name) != before[name] for name in NOTICE_FIELDS):
        notifications.activity_changed(activity=activity)
    else:
        notifications.arm_activity(activity=activity)
    return activity


@transaction.atomic
def publish_activity(*, activity: Activity, by: User) -> Activity:
    """Move a draft to scheduled: it appears in the lists and takes registrations."""
    if not permissions.can_create_activity(by):
        raise ActivityError(
            _("Only the Learning Lab team can publish activities."), status_code=403
        )
    activity = _locked(activity)
    if activity.status not in (ActivityStatus.DRAFT, ActivityStatus.PROPOSED):
        raise ActivityError(_("Only a draft can be published."), status_code=409)
    activity.status = ActivityStatus.SCHEDULED
    activity.sequence += 1
    activity.save(update_fields=["status", "sequence", "updated_at"])
    notifications.arm_activity(activity=activity)
    return activity


@transaction.atomic
def cancel_activity(*, activity: Activity, by: User, reason: str) -> Activity:
    """Cancel a scheduled activity. Registrations are kept (people see it cancelled, and their
    calendars receive STATUS:CANCELLED with a new SEQUENCE)."""
    if not permissions.can_manage_activity(by, activity):
        raise ActivityError(_("Only the hosts can cancel this activity."), status_code=403)
    activity = _locked(activity)
    if activity.status != ActivityStatus.SCHEDULED:
        raise ActivityError(_("Only a scheduled activity can be cancelled."), status_code=409)
    if activity.is_past:
        raise ActivityError(_("This activity is over."), status_code=409)
    activity.status = ActivityStatus.CANCELLED
    activity.cancellation_reason = reason
    activity.sequence += 1
    activity.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
    notifications.activity_cancelled(activity=activity)
    return activity


def add_material(
    *, activity: Activity, by: User, kind: str, title: str, language: str, link="", file=None
) -> Material:
    """Attach a recording link or a file (already validated) to an activity (hosts, staff)."""
    if not permissions.can_manage_activity(by, activity):
        raise ActivityError(_("Only the hosts can add materials."), status_code=403)
    material = Material(
        activity=activity, kind=kind, title=title, language=language, link=link, added_by=by
    )
    if file:
        material.file = file
    material.full_clean()
    material.save()
    return material


@transaction.atomic
def rotate_calendar_token(*, user: User) -> str:
    """A new secret address for the person's calendar feed; the old address stops working."""
    token, token_hash = CalendarToken.new_token()
    CalendarToken.objects.update_or_create(user=user, defaults={"token_hash": token_hash})
    return token


def revoke_calendar_token(*, user: User) -> None:
    """Stop the person's calendar feed: its address answers 404 from now on."""
    CalendarToken.objects.filter(user=user).delete()


def complete_finished_activities() -> int:
    """Mark scheduled activities whose end has passed as completed. Returns how many."""
    return Activity.objects.filter(
        status=ActivityStatus.SCHEDULED, ends_at__lte=timezone.now()
    ).update(status=ActivityStatus.COMPLETED, updated_at=timezone.now())
