"""Writes about convenings: a person's registration (their chosen sessions), its
cancellation, and the team's publishing, archiving, sessions and archive stories.

A place at a session is the session's activity registration: every place is asked for and
given up through activities.services (capacity, the waiting list, reminders and the .ics
emails are the activities' own), never written here."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from activities import services as activity_services
from activities.enums import ActivityStatus, RegistrationStatus
from activities.exceptions import ActivityError
from activities.models import Activity, Registration
from convenings import permissions, selectors
from convenings.exceptions import ConveningError
from convenings.models import Convening, ConveningRegistration, ConveningSession, ConveningStory
from core.content import translated_text
from stories.models import Story

# More sessions than any programme has: a longer list is hostile, refused before any query.
MAX_SESSIONS = 100


@dataclass
class RegistrationResult:
    registration: ConveningRegistration | None
    confirmed: list[ConveningSession] = field(default_factory=list)
    waitlisted: list[ConveningSession] = field(default_factory=list)


def _session_error(session: ConveningSession, error: ActivityError) -> ConveningError:
    """An activity's refusal, naming the session it is about."""
    return ConveningError(
        _("%(session)s: %(reason)s")
        % {"session": translated_text(session.activity, "title").text, "reason": error.message},
        status_code=error.status_code,
    )


def _active_registrations(user: User, activities) -> dict[int, Registration]:
    return {
        registration.activity_id: registration
        for registration in Registration.objects.filter(
            user=user, activity__in=activities, status__in=RegistrationStatus.ACTIVE
        )
    }


@transaction.atomic
def save_registration(
    *,
    convening: Convening,
    user: User,
    session_ids,
    interpretation_language: str = "",
) -> RegistrationResult:
    """Register `user` for the convening with exactly the sessions `session_ids` (a first
    registration, or a changed choice): places are asked for at the sessions added and given
    up at the sessions removed, each through activities.services, all or nothing.

    Only sessions of this convening that `user` may see and that are scheduled may be chosen
    (anything else is refused, 400). A full session puts the person on its waiting list, as
    activities do. `interpretation_language` is asked for at the sessions that offer it.
    The convening row is locked, so one person's two submissions never interleave.
    """
    session_ids = list(session_ids)
    if len(session_ids) > MAX_SESSIONS:
        raise ConveningError(_("Choose fewer sessions."))
    if not session_ids:
        raise ConveningError(_("Choose at least one session."))
    convening = Convening.objects.select_for_update().get(pk=convening.pk)
    permissions.ensure_can_register(user, convening)
    wanted = set(session_ids)
    registration, _created = ConveningRegistration.objects.get_or_create(
        convening=convening, user=user
    )
    before = {session.pk: session for session in registration.sessions.select_related("activity")}
    # Sessions already chosen may stay chosen whatever became of them (cancelled, begun).
    choosable = {pk: session for pk, session in before.items() if pk in wanted}
    choosable.update(
        (session.pk, session)
        for session in selectors.registerable_sessions(user=user, convening=convening).filter(
            pk__in=wanted - set(before)
        )
    )
    if set(choosable) != wanted:
        raise ConveningError(_("Choose among the sessions of this convening."))
    added = [choosable[pk] for pk in sorted(wanted - set(before))]
    removed = [before[pk] for pk in sorted(set(before) - wanted)]
    held = _active_registrations(user, [session.activity for session in added + removed])
    result = RegistrationResult(registration=registration)
    for session in removed:
        place = held.get(session.activity_id)
        if place is None or session.activity.status != ActivityStatus.SCHEDULED:
            continue  # no place to give up (cancelled activity, or given up on its own page)
        try:
            activity_services.cancel_registration(registration=place, by=user)
        except ActivityError as error:
            raise _session_error(session, error) from error
    # Activity rows are locked in id order (activities.services.register locks each).
    for session in sorted(added, key=lambda session: session.activity_id):
        place = held.get(session.activity_id)
        if place is None:
            language = (
                interpretation_language
                if interpretation_language in session.activity.interpretation_language_list
                else ""
            )
            try:
                place = activity_services.register(
                    activity=session.activity, user=user, interpretation_language=language
                )
            except ActivityError as error:
                raise _session_error(session, error) from error
        if place.status == RegistrationStatus.WAITLISTED:
            result.waitlisted.append(session)
        else:
            result.confirmed.append(session)
    registration.sessions.set([choosable[pk] for pk in sorted(wanted)])
    registration.save(update_fields=["updated_at"])
    return result


@transaction.atomic
def cancel_registration(*, convening: Convening, user: User) -> None:
    """Give up the convening (while it is published and not over): every place (or
    waiting-list spot) at its sessions still to come is given up through activities.services
    (freed places go to the first person waiting), and the registration is removed."""
    convening = Convening.objects.select_for_update().get(pk=convening.pk)
    registration = ConveningRegistration.objects.filter(convening=convening, user=user).first()
    permissions.ensure_can_cancel(user, convening, registration)
    sessions = list(registration.sessions.select_related("activity"))
    held = _active_registrations(user, [session.activity for session in sessions])
    for session in sorted(sessions, key=lambda session: session.activity_id):
        place = held.get(session.activity_id)
        if (
            place is None
            or session.activity.status != ActivityStatus.SCHEDULED
            or session.activity.is_past
        ):
            continue
        activity_services.cancel_registration(registration=place, by=user)
    registration.delete()


@transaction.atomic
def set_state(*, convening: Convening, to: str, by: User) -> Convening:
    """Publish, archive, or take back to draft (ConveningState.NEXT): the only place a
    convening's state changes. The row is locked: of two people acting at once, the second is
    refused (409)."""
    convening = Convening.objects.select_for_update().get(pk=convening.pk)
    permissions.ensure_can_set_state(by, convening, to)
    convening.state = to
    convening.save(update_fields=["state", "updated_at"])
    return convening


@transaction.atomic
def attach_session(
    *, convening: Convening, activity: Activity, kind: str, order: int = 0, by: User
) -> ConveningSession:
    """Make an existing activity a session of the convening (an activity belongs to one
    convening at most: 409 otherwise)."""
    permissions.ensure_can_manage(by)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if ConveningSession.objects.filter(activity=activity).exists():
        raise ConveningError(
            _("This activity is already a session of a convening."), status_code=409
        )
    return ConveningSession.objects.create(
        convening=convening, activity=activity, kind=kind, order=order
    )


@transaction.atomic
def detach_session(*, session: ConveningSession, by: User) -> None:
    """Take a session out of the programme. The activity and the places at it stay (they are
    the activity's); it leaves people's convening choices."""
    permissions.ensure_can_manage(by)
    session.delete()


@transaction.atomic
def link_story(*, convening: Convening, story: Story, by: User) -> ConveningStory:
    permissions.ensure_can_manage(by)
    link, created = ConveningStory.objects.get_or_create(convening=convening, story=story)
    if not created:
        raise ConveningError(_("This story is already in the archive."), status_code=409)
    return link


@transaction.atomic
def unlink_story(*, link: ConveningStory, by: User) -> None:
    permissions.ensure_can_manage(by)
    link.delete()
