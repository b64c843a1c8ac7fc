"""Reads about convenings that depend on who is asking. Sessions are read through
activities.selectors.activities_visible_to, so a session is shown only to whoever may see its
activity, and host organisations only through partners.selectors (hidden means hidden)."""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.permissions import is_staff
from activities.enums import ActivityStatus, Audience, RegistrationStatus
from activities.models import Activity, Material, Registration
from activities.selectors import activities_visible_to
from convenings.enums import ConveningState
from convenings.models import Convening, ConveningRegistration, ConveningSession, ConveningStory
from partners.models import Organisation
from partners.permissions import is_community_member
from partners.selectors import organisations_visible_to
from stories.models import Story
from stories.selectors import published_list


def convenings_visible_to(*, user: User) -> QuerySet[Convening]:
    """Published and archived convenings for everyone; drafts for the team."""
    if is_staff(user):
        return Convening.objects.all()
    return Convening.objects.filter(state__in=ConveningState.LISTED)


@dataclass
class ConveningLists:
    coming: list[Convening]
    past: list[Convening]


def convening_list(*, user: User) -> ConveningLists:
    """Coming convenings (soonest first) and past ones (latest first): one query."""
    today = timezone.localdate()
    convenings = list(convenings_visible_to(user=user).order_by("starts_on", "pk"))
    return ConveningLists(
        coming=[c for c in convenings if c.ends_on >= today],
        past=[c for c in convenings if c.ends_on < today][::-1],
    )


def convening_for_page(*, user: User, slug: str) -> Convening:
    convening = convenings_visible_to(user=user).filter(slug=slug).first()
    if convening is None:
        raise Http404("No convening here.")
    return convening


def sessions_visible_to(
    *, user: User, convening: Convening, listed: bool = True
) -> QuerySet[ConveningSession]:
    """The convening's sessions whose activity `user` may see (listed ones only unless
    `listed` is False, for the team's page), in programme order, with each activity's hosts as
    `user` may see them (`activity.visible_hosts`): three queries whatever the number."""
    activities = activities_visible_to(user=user)
    if listed:
        activities = activities.filter(status__in=ActivityStatus.LISTED)
    return (
        ConveningSession.objects.filter(convening=convening, activity__in=activities)
        .select_related("activity")
        .prefetch_related(
            Prefetch(
                "activity__host_organisations",
                queryset=organisations_visible_to(user=user).only("name", "slug"),
                to_attr="visible_hosts",
            ),
            # All of them, by id only: whether the hosts' time zone may be shown (calendars).
            Prefetch("activity__host_organisations", queryset=Organisation.objects.only("pk")),
        )
        .order_by("activity__starts_at", "order", "pk")
    )


@dataclass
class ProgrammeDay:
    day: datetime.date
    sessions: list[ConveningSession] = field(default_factory=list)


def programme_days(sessions) -> list[ProgrammeDay]:
    """Sessions grouped by the day they start on in the viewer's time zone (the active one)."""
    return [
        ProgrammeDay(day=day, sessions=list(group))
        for day, group in groupby(
            sessions, key=lambda session: timezone.localtime(session.activity.starts_at).date()
        )
    ]


def registration_for(*, user: User, convening: Convening) -> ConveningRegistration | None:
    """The person's registration with the ids of their chosen sessions (`chosen_ids`)."""
    if not user.is_authenticated:
        return None
    registration = ConveningRegistration.objects.filter(convening=convening, user=user).first()
    if registration is not None:
        registration.chosen_ids = frozenset(registration.sessions.values_list("pk", flat=True))
    return registration


def registerable_sessions(*, user: User, convening: Convening) -> QuerySet[ConveningSession]:
    """The sessions `user` may choose: those they may see whose activity is scheduled."""
    return sessions_visible_to(user=user, convening=convening).filter(
        activity__status=ActivityStatus.SCHEDULED
    )


def chosen_sessions(
    *, user: User, convening: Convening, registration: ConveningRegistration | None
) -> list[ConveningSession]:
    """The sessions of `convening` the person chose that they may still see, in programme
    order."""
    if registration is None:
        return []
    return list(
        sessions_visible_to(user=user, convening=convening).filter(pk__in=registration.chosen_ids)
    )


def archive_materials(*, user: User, sessions) -> list[Material]:
    """Recordings, slides and notes of the sessions, for the community (as on an activity's
    page: materials are never shown to the public)."""
    if not is_community_member(user):
        return []
    return list(
        Material.objects.filter(activity__in=[session.activity for session in sessions])
        .select_related("activity")
        .order_by("activity__starts_at", "kind", "created_at")
    )


def archive_stories(*, user: User, convening: Convening) -> list[Story]:
    """The linked stories `user` may read (a hidden organisation's only when anonymous or
    when they may see it: stories.selectors decides), in the order they were linked."""
    return list(
        published_list(user=user)
        .filter(convening_links__convening=convening)
        .order_by("convening_links__added_at", "pk")
    )


def linkable_stories(*, user: User, convening: Convening) -> QuerySet[Story]:
    """For the team: published stories `user` may read, not in the archive yet, newest first."""
    return published_list(user=user).exclude(convening_links__convening=convening)


def attachable_activities(*, convening: Convening) -> QuerySet[Activity]:
    """For the team: activities not in any convening, dated within a month of this one."""
    start = datetime.datetime.combine(
        convening.starts_on - datetime.timedelta(days=31), datetime.time.min, datetime.UTC
    )
    end = datetime.datetime.combine(
        convening.ends_on + datetime.timedelta(days=32), datetime.time.min, datetime.UTC
    )
    return (
        Activity.objects.filter(
            convening_session__isnull=True, starts_at__gte=start, starts_at__lt=end
        )
        .exclude(status=ActivityStatus.CANCELLED)
        # A private activity (a peer-mentoring session) is never a convening's session.
        .exclude(audience=Audience.PRIVATE)
        .order_by("starts_at", "pk")
    )


def story_links(*, convening: Convening) -> QuerySet[ConveningStory]:
    return convening.story_links.select_related("story").order_by("added_at", "pk")


def convening_of_activity(*, activity: Activity, user: User) -> Convening | None:
    """The convening an activity is a session of, if `user` may see it: one query."""
    session = (
        ConveningSession.objects.filter(
            activity_id=activity.pk, convening__in=convenings_visible_to(user=user)
        )
        .select_related("convening")
        .first()
    )
    return session.convening if session is not None else None


def calendar_activities(*, sessions) -> list[Activity]:
    """The activities of the chosen sessions that belong in a calendar."""
    return [
        session.activity
        for session in sessions
        if session.activity.status in ActivityStatus.IN_CALENDARS
    ]


def mark_places(*, user: User, sessions) -> list[ConveningSession]:
    """`sessions`, each with the person's standing at its activity: `has_place` (confirmed) and
    `is_waiting` (on the waiting list). One query."""
    statuses = {}
    if user.is_authenticated and sessions:
        statuses = dict(
            Registration.objects.filter(
                user=user,
                activity_id__in=[session.activity_id for session in sessions],
                status__in=RegistrationStatus.ACTIVE,
            ).values_list("activity_id", "status")
        )
    for session in sessions:
        status = statuses.get(session.activity_id, "")
        session.has_place = status == RegistrationStatus.CONFIRMED
        session.is_waiting = status == RegistrationStatus.WAITLISTED
    return sessions
