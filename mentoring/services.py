"""Writes of peer mentoring: asking, answering (accept, decline), withdrawing, planning sessions
(private peer-mentoring activities) and ending. Every state change happens here, with the row
locked; the emails are Delivery rows (mentoring/notifications.py builds them in each
recipient's language)."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from activities.enums import ActivityFormat, ActivityStatus, ActivityType, Audience, LedBy
from activities.models import Activity
from activities.services import clean_text, invite_to_private
from core import languages
from mentoring import permissions, selectors
from mentoring.enums import RequestState
from mentoring.exceptions import MentoringError
from mentoring.models import MESSAGE_LIMIT, NOTE_LIMIT, MentoringRequest, MentoringSession
from notifications.enums import Kind
from notifications.services import notify
from partners.selectors import traces_for

# Nobody floods peers with requests: at most this many in a rolling day per person.
REQUESTS_PER_DAY = 5
RATE_WINDOW_SECONDS = 24 * 3600


def _rate_key(user: User) -> str:
    return f"mentoring:asked:{user.pk}"


def _count_request(user: User) -> None:
    """Refuses (429) the request over the day's limit. The counter lives in the cache (like
    allauth's limits): it starts with the first request and lapses a day later."""
    key = _rate_key(user)
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # lapsed between add and incr
        cache.add(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    if count > REQUESTS_PER_DAY:
        raise MentoringError(
            _(
                "You have sent %(count)s mentoring requests today: please wait until tomorrow "
                "before asking someone else."
            )
            % {"count": REQUESTS_PER_DAY},
            status_code=429,
        )


def _locked(request: MentoringRequest) -> MentoringRequest:
    return MentoringRequest.objects.select_for_update().get(pk=request.pk)


def _written_in(said: str, writer: User) -> str:
    """The language a message is written in: what the writer said, else their own language."""
    return said if said in languages.codes() else selectors.portal_language(writer)


@transaction.atomic
def ask(
    *,
    requester: User,
    peer: User,
    topic: selectors.Topic,
    message: str = "",
    message_language: str = "",
    interpretation_ok: bool = False,
) -> MentoringRequest:
    """Ask `peer` for mentoring on `topic`.

    Refused: anyone outside the community (403); a peer the requester may not see or who does
    not offer the topic (404, as for nobody); no shared language without interpretation (400);
    a second open request to the same peer (409); more than REQUESTS_PER_DAY a day (429).
    Sent: the request to the peer, in their language, without the requester's address."""
    permissions.ensure_can_ask(requester)
    if not topic:
        raise MentoringError(_("Choose a skill or a theme to ask about."))
    if not selectors.may_ask(viewer=requester, peer=peer, topic=topic):
        raise MentoringError(
            _("This person does not offer mentoring on this topic."), status_code=404
        )
    shared = selectors.shared_languages(requester, peer)
    if not shared and not interpretation_ok:
        raise MentoringError(
            _(
                "You share no language with this person. Say that interpretation is fine for "
                "you, or choose someone else."
            )
        )
    if selectors.has_open_request(requester=requester, peer=peer):
        raise MentoringError(
            _("You have already asked this person: wait for their answer."), status_code=409
        )
    message = clean_text(message, limit=MESSAGE_LIMIT)
    _count_request(requester)
    request = MentoringRequest.objects.create(
        requester=requester,
        peer=peer,
        theme=topic.theme,
        skill=topic.skill,
        message=message,
        message_language=_written_in(message_language, requester),
        language=shared[0] if shared else "",
        interpretation_ok=interpretation_ok or not shared,
    )
    notify(
        user=peer,
        kind=Kind.MENTORING_REQUEST,
        key=f"{Kind.MENTORING_REQUEST}:{request.pk}",
        ref_id=request.pk,
    )
    return request


def _move(request: MentoringRequest, to: str, version: int | None) -> MentoringRequest:
    if version is not None and version != request.version:
        raise MentoringError(
            _("This request changed while you were reading it. Look at it again."),
            status_code=409,
        )
    if to not in RequestState.NEXT[request.state]:
        raise MentoringError(_("That is no longer possible for this request."), status_code=409)
    request.state = to
    request.version += 1
    return request


@transaction.atomic
def accept(
    *,
    request: MentoringRequest,
    by: User,
    version: int | None = None,
    first_session: dict | None = None,
) -> MentoringRequest:
    """The peer accepts: the request becomes a mentoring relationship. Sent: an introduction to
    both, each with the other's name and email address (never shown before acceptance).
    `first_session` (the arguments of `plan_session` but the relationship and the planner):
    their first session, planned in the same step (the portal's accept form always gives it);
    refused, it takes the acceptance back with it."""
    request = _locked(request)
    permissions.ensure_can_answer(by, request)
    _move(request, RequestState.ACCEPTED, version)
    request.answered_at = timezone.now()
    request.save(update_fields=["state", "version", "answered_at"])
    # The first session before the introductions, so that they can say when it is.
    if first_session is not None:
        plan_session(relationship=request, by=by, **first_session)
    for person in (request.requester, request.peer):
        notify(
            user=person,
            kind=Kind.MENTORING_ACCEPTED,
            key=f"{Kind.MENTORING_ACCEPTED}:{request.pk}:{person.pk}",
            ref_id=request.pk,
        )
    return request


@transaction.atomic
def decline(
    *,
    request: MentoringRequest,
    by: User,
    note: str = "",
    note_language: str = "",
    version: int | None = None,
) -> MentoringRequest:
    """The peer declines, with an optional note. Sent: a kind word to the requester (with the
    note, in the language it was written in)."""
    request = _locked(request)
    permissions.ensure_can_answer(by, request)
    _move(request, RequestState.DECLINED, version)
    request.decline_note = clean_text(note, limit=NOTE_LIMIT)
    request.decline_note_language = _written_in(note_language, by) if request.decline_note else ""
    request.answered_at = timezone.now()
    request.save()
    notify(
        user=request.requester,
        kind=Kind.MENTORING_DECLINED,
        key=f"{Kind.MENTORING_DECLINED}:{request.pk}",
        ref_id=request.pk,
    )
    return request


@transaction.atomic
def withdraw(*, request: MentoringRequest, by: User, version: int | None = None):
    """The requester takes back an open request; nothing is sent (the request email, if still
    waiting, is not sent: its builder sees the request is no longer open)."""
    request = _locked(request)
    permissions.ensure_can_withdraw(by, request)
    _move(request, RequestState.WITHDRAWN, version)
    request.answered_at = timezone.now()
    request.save(update_fields=["state", "version", "answered_at"])
    return request


# --- Sessions ------------------------------------------------------------------------------------

SESSION_MINUTES = (30, 45, 60, 90, 120)


def session_title(relationship: MentoringRequest, code: str) -> str:
    topic = relationship.topic
    with translation.override(code):
        name = getattr(topic, f"name_{code}", "") or topic.name
        return _("Peer mentoring: %(topic)s") % {"topic": name}


@transaction.atomic
def plan_session(
    *,
    relationship: MentoringRequest,
    by: User,
    starts_at: datetime.datetime,
    minutes: int,
    zone: str,
    format: str = ActivityFormat.ONLINE,
    place: str = "",
    online_link: str = "",
) -> MentoringSession:
    """A session of an accepted relationship: a private peer-mentoring activity (only the two,
    registered, and the team see it) starting at `starts_at` (aware, typed in `zone`, the
    planner's time zone). Both get the activity's reminders and `.ics` through activities.

    Names no organisation: the activity has no host organisation, and its title is the topic."""
    relationship = _locked(relationship)
    permissions.ensure_can_plan_session(by, relationship)
    if minutes not in SESSION_MINUTES:
        raise MentoringError(_("Choose how long the session lasts."))
    if starts_at <= timezone.now():
        raise MentoringError(_("Choose a time still to come."))
    # The zone the times were typed in is the planner's; the activity keeps it only when the
    # other person may see all of the planner's organisations (a hidden organisation's people
    # must not let its zone through: partners.selectors.Traces). Each viewer reads the times
    # in their own zone anyway.
    other = relationship.other(by)
    stored_zone = zone if traces_for(other).shows_person(by) else "UTC"
    spoken = relationship.language if relationship.language in languages.codes() else ""
    activity = Activity(
        type=ActivityType.PEER_MENTORING,
        audience=Audience.PRIVATE,
        status=ActivityStatus.SCHEDULED,
        led_by=LedBy.PARTNERS,
        original_language=selectors.portal_language(by),
        spoken_languages=spoken or selectors.portal_language(by),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        timezone=stored_zone,
        format=format,
        place=place if format != ActivityFormat.ONLINE else "",
        online_link=online_link if format != ActivityFormat.IN_PERSON else "",
        capacity=2,
        created_by=by,
    )
    for code in languages.codes():
        setattr(activity, f"title_{code}", session_title(relationship, code))
    activity.title = getattr(activity, f"title_{settings.LANGUAGE_CODE}")
    activity.full_clean()
    activity.save()
    if relationship.theme_id:
        activity.focus_areas.add(relationship.theme_id)
    invite_to_private(activity=activity, users=[relationship.requester, relationship.peer])
    return MentoringSession.objects.create(
        relationship=relationship, activity=activity, created_by=by
    )


# --- Ending --------------------------------------------------------------------------------------


def _ended_reasons() -> dict[str, str]:
    reasons = {}
    for code in languages.codes():
        with translation.override(code):
            reasons[code] = _("The mentoring has ended.")
    return reasons


@transaction.atomic
def end(*, relationship: MentoringRequest, by: User, version: int | None = None):
    """Either person ends the relationship. Sent: to both, the invitation to the standing
    peer-mentoring survey (mentoring.feedback: answers pooled across every relationship, shown
    only above the feedback app's threshold). Sessions still to come are cancelled."""
    from activities.services import change_status
    from mentoring.feedback import standing_survey

    relationship = _locked(relationship)
    permissions.ensure_can_end(by, relationship)
    _move(relationship, RequestState.ENDED, version)
    relationship.ended_at = timezone.now()
    relationship.ended_by = by
    relationship.save(update_fields=["state", "version", "ended_at", "ended_by"])
    coming = Activity.objects.filter(
        mentoring_session__relationship=relationship,
        status=ActivityStatus.SCHEDULED,
        starts_at__gt=timezone.now(),
    )
    for activity in coming:
        change_status(
            activity=activity,
            to=ActivityStatus.CANCELLED,
            by=by,
            reason=_ended_reasons(),
        )
    survey = standing_survey()
    for person in (relationship.requester, relationship.peer):
        notify(
            user=person,
            kind=Kind.MENTORING_ENDED,
            key=f"{Kind.MENTORING_ENDED}:{relationship.pk}:{person.pk}",
            ref_id=relationship.pk,
        )
    return relationship, survey
