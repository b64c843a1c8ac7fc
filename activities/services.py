"""Writes about activities: registrations and the waiting list, editing, cancelling, holding
back and releasing, materials, calendar feed tokens, and the support the hosts ask the team for
and the team's suggestions to the hosts."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from activities import notifications, permissions, selectors
from activities.enums import (
    ActivityStatus,
    Audience,
    LedBy,
    LogAction,
    RegistrationStatus,
    SuggestionState,
    SupportKind,
    SupportState,
)
from activities.exceptions import ActivityError
from activities.models import (
    DETAILS_LIMIT,
    NOTE_LIMIT,
    Activity,
    ActivityLog,
    CalendarToken,
    Material,
    Registration,
    Suggestion,
    SupportRequest,
)
from core import languages
from core.validators import (
    date_out_of_range_message,
    ends_after_start,
    ends_after_start_message,
    moment_in_range,
    validate_multi_line,
)
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
    permissions.ensure_can_register(user, activity)
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


@transaction.atomic
def invite_to_private(*, activity: Activity, users) -> list[Registration]:
    """Give each of `users` a confirmed place at a private activity (a peer-mentoring session,
    made by mentoring.services): being registered is what lets them see it. Their reminders
    are armed as for any registration."""
    if activity.audience != Audience.PRIVATE:
        raise ActivityError(_("Only a private activity has invited people."), status_code=409)
    registrations = []
    for user in users:
        registration, _created = Registration.objects.update_or_create(
            activity=activity,
            user=user,
            defaults={"status": RegistrationStatus.CONFIRMED, "requested_at": timezone.now()},
        )
        notifications.arm_reminders(registration=registration)
        registrations.append(registration)
    return registrations


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
    permissions.ensure_can_cancel_registration(by, registration, activity)
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
    if not ends_after_start(data["starts_at"], data["ends_at"]):
        raise ActivityError(ends_after_start_message())
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
    *,
    by: User,
    data: dict,
    status: str,
    host_organisations,
    host_people,
    focus_areas,
    led_by: str = LedBy.TEAM,
) -> Activity:
    """A new activity: saved as a draft, then published through `change_status` when `status`
    is SCHEDULED (a partner-led one by its hosts, a team-led one by the team). A partner starts
    a partner-led activity hosted by one of their organisations, themselves a host person."""
    permissions.ensure_can_create_as(by, led_by, host_organisations, host_people)
    activity = Activity(created_by=by, status=ActivityStatus.DRAFT, led_by=led_by)
    _apply(activity, data, host_organisations, host_people, focus_areas)
    if status != ActivityStatus.DRAFT:
        return change_status(activity=activity, to=status, by=by)
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
    permissions.ensure_can_edit(by, activity)
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


# The longest reason for a cancellation, in each language.
REASON_LIMIT = 1000


def texts_per_language(
    texts: str | Mapping[str, str], *, language: str, limit: int
) -> dict[str, str]:
    """A message written by staff or hosts as {code: text} for every portal language ("" where
    there is no version), stripped and checked: at most `limit` characters, no control
    characters. A plain string is one version, in `language` (its author's). Refuses (400)
    with the validator's own translated words."""
    if isinstance(texts, str):
        texts = {language: texts}
    unknown = set(texts) - set(languages.codes())
    if unknown:
        raise ValueError(f"not portal languages: {sorted(unknown)}")
    cleaned = {code: (texts.get(code) or "").strip() for code in languages.codes()}
    for text in cleaned.values():
        try:
            MaxLengthValidator(limit)(text)
            validate_multi_line(text)
        except ValidationError as error:
            raise ActivityError(" ".join(error.messages)) from error
    return cleaned


@transaction.atomic
def change_status(
    *,
    activity: Activity,
    to: str,
    by: User | None,
    reason: str | Mapping[str, str] = "",
) -> Activity:
    """Move an activity to status `to`: the only place a status changes.

    ActivityStatus.NEXT is the table of allowed moves; any other is refused with a 409, and
    `permissions.ensure_can_change_status` says who may make each (403). The row is locked, so
    of two people acting at once the second sees the first's result and is refused.

    Side effects: publishing (SCHEDULED) and cancelling bump the calendar SEQUENCE; publishing
    arms the reminders; cancelling keeps the registrations, stores `reason` (one version per
    language, {code: text}; a plain string is in the language of the person cancelling) and
    tells the people with a place, each in their language (their calendars receive
    STATUS:CANCELLED). Completing (by the nightly task when `by` is None, or staff) changes
    nothing else.
    """
    activity = _locked(activity)
    permissions.ensure_can_change_status(by, activity, to)
    if ActivityStatus.HELD_BACK in (activity.status, to):
        return _hold_or_release(activity=activity, to=to, by=by, reason=reason)
    reasons = texts_per_language(
        reason, language=getattr(by, "language", "") or languages.codes()[0], limit=REASON_LIMIT
    )
    activity.status = to
    fields = ["status", "updated_at"]
    if to in (ActivityStatus.SCHEDULED, ActivityStatus.CANCELLED):
        activity.sequence += 1
        fields.append("sequence")
    if to == ActivityStatus.CANCELLED:
        for code, text in reasons.items():
            setattr(activity, f"cancellation_reason_{code}", text)
            fields.append(f"cancellation_reason_{code}")
    activity.save(update_fields=fields)
    if to == ActivityStatus.SCHEDULED:
        notifications.arm_activity(activity=activity)
    elif to == ActivityStatus.CANCELLED:
        notifications.activity_cancelled(activity=activity)
    return activity


def clean_text(text: str, *, limit: int, required: bool = False) -> str:
    """A text typed by a person, stripped and checked (at most `limit` characters, no control
    characters); refused (400) with the validator's own translated words."""
    text = (text or "").strip()
    if required and not text:
        raise ActivityError(_("Write a few words: this field is required."))
    try:
        MaxLengthValidator(limit)(text)
        validate_multi_line(text)
    except ValidationError as error:
        raise ActivityError(" ".join(error.messages)) from error
    return text


def _language_of(user: User | None) -> str:
    code = getattr(user, "language", "") or ""
    return code if code in languages.codes() else languages.codes()[0]


def _hold_or_release(*, activity: Activity, to: str, by: User, reason) -> Activity:
    """Hold back (the team: the activity leaves every list, feed and calendar, registration
    closes, its reminders stop) or release it to the status it was held back from (reminders
    armed again). Either way a reason is required; the move is written to the append-only
    activity log and every host is told why, in their language. `activity` is locked."""
    if not isinstance(reason, str):
        raise ValueError("a hold-back or release reason is one text, in its writer's language")
    reason = clean_text(reason, limit=NOTE_LIMIT, required=True)
    holding = to == ActivityStatus.HELD_BACK
    if holding:
        activity.held_back_from = activity.status
    else:
        activity.held_back_from = ""
    activity.status = to
    activity.sequence += 1
    activity.save(update_fields=["status", "held_back_from", "sequence", "updated_at"])
    entry = ActivityLog.objects.create(
        activity=activity,
        action=LogAction.HELD_BACK if holding else LogAction.RELEASED,
        actor=by,
        reason=reason,
        language=_language_of(by),
    )
    if holding:
        notifications.stop_reminders(activity=activity)
    elif to == ActivityStatus.SCHEDULED:
        notifications.arm_activity(activity=activity)
    kind = Kind.ACTIVITY_HELD_BACK if holding else Kind.ACTIVITY_RELEASED
    for host in selectors.hosts_to_tell(activity=activity):
        notifications.notify(
            user=host,
            kind=kind,
            key=f"activity-log:{entry.pk}:{host.pk}",
            activity=activity,
            ref_id=entry.pk,
        )
    return activity


@transaction.atomic
def request_support(
    *, activity: Activity, by: User, kind: str, details: str = "", language: str | None = None
) -> SupportRequest:
    """The hosts ask the Learning Lab for logistics (`kind`: SupportKind) with `details`; the
    team sees it among the open requests. Nothing is sent."""
    activity = _locked(activity)
    permissions.ensure_can_request_support(by, activity)
    if kind not in SupportKind.values:
        raise ActivityError(_("Choose what you need from the list."))
    support = SupportRequest.objects.create(
        activity=activity,
        kind=kind,
        details=clean_text(details, limit=DETAILS_LIMIT, required=kind == SupportKind.OTHER),
        language=language if language in languages.codes() else _language_of(by),
        requested_by=by,
    )
    return support


@transaction.atomic
def answer_support(
    *, support: SupportRequest, by: User, confirm: bool, note: str = ""
) -> SupportRequest:
    """The team confirms or declines an open request, with a note (required to decline); the
    hosts are told, each in their language. Of two answers at once the second is refused."""
    support = SupportRequest.objects.select_for_update().get(pk=support.pk)
    permissions.ensure_can_answer_support(by, support)
    support.state = SupportState.CONFIRMED if confirm else SupportState.DECLINED
    support.note = clean_text(note, limit=NOTE_LIMIT, required=not confirm)
    support.note_language = _language_of(by) if support.note else ""
    support.decided_by = by
    support.decided_at = timezone.now()
    support.save()
    for host in selectors.hosts_to_tell(activity=support.activity):
        notifications.notify(
            user=host,
            kind=Kind.SUPPORT_ANSWERED,
            key=f"support:{support.pk}:{host.pk}",
            activity=support.activity,
            ref_id=support.pk,
        )
    return support


@transaction.atomic
def suggest(*, activity: Activity, by: User, text: str) -> Suggestion:
    """The team writes a suggestion to the hosts, who are told (each in their language). It
    changes nothing of the activity."""
    activity = _locked(activity)
    permissions.ensure_can_suggest(by, activity)
    suggestion = Suggestion.objects.create(
        activity=activity,
        text=clean_text(text, limit=DETAILS_LIMIT, required=True),
        language=_language_of(by),
        written_by=by,
    )
    for host in selectors.hosts_to_tell(activity=activity):
        notifications.notify(
            user=host,
            kind=Kind.SUGGESTION_RECEIVED,
            key=f"suggestion:{suggestion.pk}:{host.pk}",
            activity=activity,
            ref_id=suggestion.pk,
        )
    return suggestion


@transaction.atomic
def answer_suggestion(
    *, suggestion: Suggestion, by: User, accept: bool, reply: str = ""
) -> Suggestion:
    """A host accepts or dismisses an open suggestion, optionally with a reply the team reads.
    Accepting changes nothing by itself: the hosts edit the activity if they wish."""
    suggestion = (
        Suggestion.objects.select_for_update().select_related("activity").get(pk=suggestion.pk)
    )
    permissions.ensure_can_answer_suggestion(by, suggestion)
    suggestion.state = SuggestionState.ACCEPTED if accept else SuggestionState.DISMISSED
    suggestion.reply = clean_text(reply, limit=NOTE_LIMIT)
    suggestion.reply_language = _language_of(by) if suggestion.reply else ""
    suggestion.answered_by = by
    suggestion.answered_at = timezone.now()
    suggestion.save()
    return suggestion


def add_material(
    *, activity: Activity, by: User, kind: str, title: str, language: str, link="", file=None
) -> Material:
    """Attach a recording link or a file (already validated) to an activity (hosts, staff)."""
    permissions.ensure_can_add_material(by, activity)
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
    """Mark scheduled activities whose end has passed as completed, each through
    `change_status`. Returns how many."""
    finished = Activity.objects.filter(
        status=ActivityStatus.SCHEDULED, ends_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    completed = 0
    for pk in list(finished):
        try:
            change_status(activity=Activity(pk=pk), to=ActivityStatus.COMPLETED, by=None)
        except ActivityError:  # changed meanwhile (cancelled by a host): nothing to complete
            continue
        completed += 1
    return completed
