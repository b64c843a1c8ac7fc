"""Reads about activities that depend on who is asking. Lists, pages, feeds and calendars all
start from `activities_visible_to`."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.permissions import is_staff
from activities.enums import ActivityStatus, Audience, LogAction, RegistrationStatus, SupportState
from activities.models import Activity, CalendarToken, Material, Registration, SupportRequest
from core import languages
from core.tokens import hash_token
from partners.enums import MembershipRole
from partners.models import FocusArea, Membership, Organisation
from partners.permissions import is_community_member
from partners.selectors import organisations_visible_to, traces_for


def next_change(now: datetime.datetime) -> int:
    """The next instant (epoch seconds) at which an activity starts, ends or closes its
    registration: where "upcoming", "open for registration" and "places left" change by
    themselves (core.content_cache keeps pages no longer than that). 0 when nothing is ahead."""
    # Three index lookups (each field has its own index), not one scan of every activity.
    moments = [
        Activity.objects.filter(**{f"{field}__gt": now})
        .order_by(field)
        .values_list(field, flat=True)
        .first()
        for field in ("starts_at", "ends_at", "registration_deadline")
    ]
    moments = [moment for moment in moments if moment is not None]
    return int(min(moments).timestamp()) if moments else 0


def activities_visible_to(*, user: User) -> QuerySet[Activity]:
    """Scheduled, cancelled and completed activities `user` may see (public ones for everybody,
    community ones for the community, private ones for the people registered for them), plus
    drafts and proposals they host; staff see all."""
    activities = Activity.objects.all()
    if is_staff(user):
        return activities
    listed = Q(status__in=ActivityStatus.LISTED)
    if is_community_member(user):
        visible = listed & ~Q(audience=Audience.PRIVATE)
    else:
        visible = listed & Q(audience=Audience.PUBLIC)
    if user.is_authenticated:
        # A private activity: only the people invited (registered, whatever the status).
        visible |= listed & Q(
            Q(audience=Audience.PRIVATE),
            Exists(Registration.objects.filter(activity=OuterRef("pk"), user=user)),
        )
        # Subqueries, not joins: a join would repeat rows and inflate the counts annotated later.
        hosting = Q(
            Exists(Activity.host_people.through.objects.filter(activity=OuterRef("pk"), user=user))
        ) | Q(
            Exists(
                Membership.objects.filter(
                    user=user,
                    role=MembershipRole.LEAD,
                    organisation__hosted_activities=OuterRef("pk"),
                )
            )
        )
        visible |= hosting
    return activities.filter(visible)


@dataclass
class ActivityFilters:
    when: str = "upcoming"
    q: str = ""
    type: str = ""
    language: str = ""
    focus: str = ""
    host: str = ""
    region: str = ""  # partners.enums.Region: where a visible host organisation is
    month: str = ""  # "2026-11"
    question: str = ""  # a learning question's id (see provide_question_filter)

    @property
    def active(self) -> bool:
        return any(
            [
                self.q,
                self.type,
                self.language,
                self.focus,
                self.host,
                self.region,
                self.month,
                self.question,
            ]
        )


@dataclass(frozen=True)
class QuestionFilter:
    """How the list is narrowed to the activities that address a learning question. The
    questions and their links live in `learning`, above this app (dependencies point down), so
    learning provides both parts in its AppConfig.ready: the (value, label) choices a viewer may
    pick, and the ids of the activities linked to a chosen question the viewer may see."""

    choices: Callable[[User], list[tuple[str, str]]]
    activity_ids: Callable[[User, str], QuerySet]


_question_filter: QuestionFilter | None = None


def provide_question_filter(question_filter: QuestionFilter) -> None:
    global _question_filter
    _question_filter = question_filter


def _with_card_data(
    activities: QuerySet[Activity], user: User, *, mine: bool = True
) -> QuerySet[Activity]:
    """What a list card shows, fetched in a constant number of queries: hosts the viewer may
    see, topics, the number of confirmed places, and (`mine`) the viewer's own registration."""
    visible_hosts = organisations_visible_to(user=user).only("name", "slug")
    # A correlated subquery rather than a join and GROUP BY: the database counts places only
    # for the rows of the page, and the paginator's count query leaves it out altogether.
    confirmed = (
        Registration.objects.filter(activity=OuterRef("pk"), status=RegistrationStatus.CONFIRMED)
        .order_by()
        .values("activity")
        .annotate(total=Count("pk"))
        .values("total")
    )
    activities = activities.annotate(
        confirmed_count=Coalesce(Subquery(confirmed), 0)
    ).prefetch_related(
        Prefetch("host_organisations", queryset=visible_hosts, to_attr="visible_hosts"),
    )
    if mine and user.is_authenticated:
        activities = activities.prefetch_related(
            Prefetch(
                "registrations",
                queryset=Registration.objects.filter(user=user),
                to_attr="my_registrations",
            )
        )
    return activities


def hosted_in_region(*, user: User, region: str) -> QuerySet:
    """The ids of activities hosted by an organisation of `region` that `user` may see: only
    visible hosts count, so the filter never tells where a hidden host is."""
    return Activity.host_organisations.through.objects.filter(
        organisation__in=organisations_visible_to(user=user).filter(region=region)
    ).values("activity_id")


def activity_list(*, user: User, filters: ActivityFilters) -> QuerySet[Activity]:
    """Upcoming (soonest first) or past (latest first) activities matching the filters."""
    now = timezone.now()
    activities = activities_visible_to(user=user).filter(status__in=ActivityStatus.LISTED)
    if filters.when == "past":
        activities = activities.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        activities = activities.filter(ends_at__gte=now).order_by("starts_at", "pk")
    if filters.type:
        activities = activities.filter(type=filters.type)
    if filters.language:
        activities = activities.filter(
            Q(spoken_languages__contains=filters.language)
            | Q(interpretation_languages__contains=filters.language)
        )
    # Many-to-many filters as subqueries, so rows are never repeated (see above).
    if filters.focus:
        activities = activities.filter(
            pk__in=Activity.focus_areas.through.objects.filter(
                focusarea__slug=filters.focus
            ).values("activity_id")
        )
    if filters.host:
        activities = activities.filter(
            pk__in=Activity.host_organisations.through.objects.filter(
                organisation__in=organisations_visible_to(user=user).filter(slug=filters.host)
            ).values("activity_id")
        )
    if filters.region:
        activities = activities.filter(pk__in=hosted_in_region(user=user, region=filters.region))
    if filters.question and _question_filter is not None:
        activities = activities.filter(pk__in=_question_filter.activity_ids(user, filters.question))
    if filters.month:
        year, month = (int(part) for part in filters.month.split("-"))
        first = datetime.datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        activities = activities.filter(starts_at__gte=first, starts_at__lt=following)
    for word in filters.q.split()[:8]:
        match = Q()
        for language in languages.codes():
            match |= Q(**{f"title_{language}__icontains": word})
            match |= Q(**{f"description_{language}__icontains": word})
        activities = activities.filter(match)
    # Cards show no description: leave the three long texts in the database.
    activities = activities.defer(
        *languages.per_language("description"),
        *languages.per_language("cancellation_reason"),
        "description",
        "cancellation_reason",
    )
    # Cards are shared: the viewer's own registrations are filled in per person (the "reg" slot
    # of activities.templatetags.activity_tags).
    return _with_card_data(activities, user, mine=False)


def list_choices(*, user: User) -> dict:
    return {
        "focus_areas": list(FocusArea.objects.all()),
        "hosts": list(
            organisations_visible_to(user=user)
            .filter(hosted_activities__isnull=False)
            .distinct()
            .only("name", "slug")
        ),
        "questions": _question_filter.choices(user) if _question_filter is not None else [],
    }


FACTS = (
    "host_people",
    Prefetch("materials", queryset=Material.objects.order_by("kind", "created_at")),
)


def activity_for_page(*, user: User, pk: int, facts: bool = True) -> Activity:
    """The activity `pk` if `user` may see it, else 404 (as for one that does not exist). With
    `facts`, also its host people and materials (else `with_facts` fetches them when needed)."""
    activities = _with_card_data(activities_visible_to(user=user), user)
    if facts:
        activities = activities.prefetch_related(*FACTS)
    activity = activities.filter(pk=pk).first()
    if activity is None:
        raise Http404("No activity here.")
    return activity


def listed_activity_for_page(*, user: User, pk: int) -> Activity | None:
    """The scheduled, cancelled or completed activity `pk` as `user` may see it, without their
    own registration (see `with_my_registration`): the same for everyone who sees the same
    organisations, so it may be shared. None when it is not listed or not theirs to see
    (then `activity_for_page` decides, for drafts their hosts see, or a 404)."""
    activity = (
        _with_card_data(
            activities_visible_to(user=user).filter(status__in=ActivityStatus.LISTED),
            user,
            mine=False,
        )
        .filter(pk=pk)
        .first()
    )
    if activity is not None:
        # Who hosts it, all of them (permissions.is_host asks without a query): never shown.
        activity.host_ids = (
            frozenset(
                Activity.host_people.through.objects.filter(activity=activity).values_list(
                    "user_id", flat=True
                )
            ),
            frozenset(host_organisation_ids(activity)),
        )
    return activity


def my_registrations_for(*, user: User, activity_id: int) -> list[Registration]:
    """The person's registrations (of any status) for one activity."""
    return list(Registration.objects.filter(activity_id=activity_id, user=user))


def with_my_registration(activity: Activity, registrations: list[Registration]) -> Activity:
    """`activity` with the person's own `registrations` (as `activity_for_page` prefetches
    them; see `my_registrations_for`)."""
    activity.my_registrations = registrations
    for registration in registrations:
        registration.activity = activity
    return activity


def with_facts(activity: Activity) -> Activity:
    """`activity` (from activity_for_page(facts=False)) with its host people and materials."""
    prefetch_related_objects([activity], *FACTS)
    return activity


def host_organisation_ids(activity: Activity) -> list[int]:
    """The ids of all the activity's hosts, from the prefetch when there is one."""
    cache = getattr(activity, "_prefetched_objects_cache", {})
    if "host_organisations" in cache:
        return [organisation.pk for organisation in cache["host_organisations"]]
    return list(
        Activity.host_organisations.through.objects.filter(activity=activity).values_list(
            "organisation_id", flat=True
        )
    )


def hosts_zone_for(*, activity: Activity, user: User | None) -> str | None:
    """The hosts' time zone if `user` may see every host organisation, else None: the zone
    of a hidden organisation says where it works (see partners.selectors.Traces)."""
    return hosts_zone_shown_to(user)(activity)


def hosts_zone_shown_to(user: User | None):
    """A function of an activity: its hosts' time zone as `user` may see it, or None. For
    calendars of many activities, it asks who `user` may see only once."""
    traces = traces_for(user)

    def zone(activity: Activity) -> str | None:
        if traces.shows_all_of(host_organisation_ids(activity)):
            return activity.timezone
        return None

    return zone


def my_registration(*, activity: Activity) -> Registration | None:
    registrations = getattr(activity, "my_registrations", None) or []
    return registrations[0] if registrations else None


@dataclass
class Participants:
    """Who is coming, as `viewer` may see it: the names they may see, and how many others."""

    people: list[User]
    others: int


def participants(*, activity: Activity, viewer: User) -> Participants:
    """Confirmed participants by when they registered. People the viewer may not see (members
    of an organisation hidden from them) are counted, never named."""
    registrations = (
        activity.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .select_related("user")
        .order_by("requested_at", "pk")
    )
    traces = traces_for(viewer)
    people = [registration.user for registration in registrations]
    shown = [person for person in people if traces.shows_person(person)]
    return Participants(people=shown, others=len(people) - len(shown))


def attendee_rows(*, activity: Activity) -> QuerySet[Registration]:
    """Every registration that is not cancelled, for hosts: confirmed first, then the waiting
    list in the order it is served."""
    return (
        activity.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "requested_at", "pk")
    )


def needs_summary(*, activity: Activity) -> dict:
    """For hosts planning interpretation and access: confirmed people per interpretation
    language, and how many wrote accessibility needs, by the language of the interface they use."""
    confirmed = activity.registrations.filter(status=RegistrationStatus.CONFIRMED)
    by_language = dict(
        confirmed.exclude(interpretation_language="")
        .values_list("interpretation_language")
        .annotate(total=Count("pk"))
    )
    accessibility = dict(
        confirmed.exclude(accessibility_needs="")
        .values_list("user__language")
        .annotate(total=Count("pk"))
    )
    return {
        "confirmed": confirmed.count(),
        "waitlisted": activity.registrations.filter(status=RegistrationStatus.WAITLISTED).count(),
        "interpretation": by_language,
        "accessibility": accessibility,
    }


def user_for_calendar_token(*, token: str) -> User:
    calendar = (
        CalendarToken.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    )
    if calendar is None or not calendar.user.is_active:
        raise Http404("Unknown calendar address.")
    return calendar.user


def calendar_activities_for(*, user: User) -> QuerySet[Activity]:
    """The activities a person holds a place at, for their personal calendar feed."""
    return (
        Activity.objects.filter(
            registrations__user=user,
            registrations__status=RegistrationStatus.CONFIRMED,
            status__in=ActivityStatus.IN_CALENDARS,
        )
        .prefetch_related("host_organisations")
        .order_by("starts_at")
    )


def public_upcoming(*, limit: int = 100) -> QuerySet[Activity]:
    """Public activities still to come, for the public calendar and the Atom feed."""
    return (
        Activity.objects.filter(
            audience=Audience.PUBLIC,
            status__in=ActivityStatus.IN_CALENDARS,
            ends_at__gte=timezone.now(),
        )
        .prefetch_related(
            Prefetch(
                "host_organisations",
                queryset=Organisation.objects.filter(visibility="public"),
                to_attr="visible_hosts",
            ),
            "host_organisations",
        )
        .order_by("starts_at")[:limit]
    )


def hosted_by(*, organisation: Organisation, user: User, limit: int = 10) -> list[Activity]:
    """The organisation's most recent and coming activities that `user` may see."""
    return list(
        activities_visible_to(user=user)
        .filter(
            status__in=ActivityStatus.LISTED,
            pk__in=Activity.host_organisations.through.objects.filter(
                organisation=organisation
            ).values("activity_id"),
        )
        .order_by("-starts_at")[:limit]
    )


def upcoming_for(*, user: User, limit: int = 5) -> list[Registration]:
    """The person's next places and waiting-list spots, soonest first."""
    if not user.is_authenticated:
        return []
    return list(
        Registration.objects.filter(
            user=user,
            status__in=RegistrationStatus.ACTIVE,
            activity__ends_at__gte=timezone.now(),
            activity__status=ActivityStatus.SCHEDULED,
        )
        .select_related("activity")
        .order_by("activity__starts_at")[:limit]
    )


def reader_languages(users: QuerySet[User]) -> list[tuple[str, int]]:
    """How many of `users` read each portal language (their email language), most first:
    [("es", 15), ("fr", 8)]. Counts only: nobody is named."""
    counts = dict(
        users.order_by()
        .values_list("language")
        .annotate(count=Count("pk"))
        .values_list("language", "count")
    )
    order = {code: index for index, code in enumerate(languages.codes())}
    return sorted(
        ((code, count) for code, count in counts.items() if code in order),
        key=lambda pair: (-pair[1], order[pair[0]]),
    )


def cancellation_readers(*, activity: Activity) -> list[tuple[str, int]]:
    """The languages of the people told of a cancellation (everyone with a place or waiting for
    one: see activities.notifications.activity_cancelled), with how many read each."""
    return reader_languages(
        User.objects.filter(
            is_active=True,
            pk__in=activity.registrations.filter(status__in=RegistrationStatus.ACTIVE).values(
                "user_id"
            ),
        )
    )


# --- A person's own registrations ("My activities", the My Lab home) ---------------------------


def _with_waiting_position(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Annotates `waiting_ahead`: how many people wait before each registration on its
    activity's waiting list, in the order it is served (see services._promote_waiting:
    requested_at, then pk). One correlated subquery: the page's query count does not grow with
    its rows. Only a count of others is read, never who they are."""
    ahead = (
        Registration.objects.filter(
            activity=OuterRef("activity"), status=RegistrationStatus.WAITLISTED
        )
        .filter(
            Q(requested_at__lt=OuterRef("requested_at"))
            | Q(requested_at=OuterRef("requested_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("activity")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return registrations.annotate(waiting_ahead=Coalesce(Subquery(ahead), 0))


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None when the registration is not on a waiting list."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = getattr(registration, "waiting_ahead", None)
    if ahead is None:
        ahead = _with_waiting_position(Registration.objects.filter(pk=registration.pk)).values_list(
            "waiting_ahead", flat=True
        )[0]
    return ahead + 1


def _my_registrations(user: User) -> QuerySet[Registration]:
    # Only activities the person may still see (an activity can leave the community's view).
    return Registration.objects.filter(
        user=user, activity__in=activities_visible_to(user=user)
    ).select_related("activity")


def my_registration_statuses(*, user: User) -> dict[int, str]:
    """The status of each of the person's registrations that is not cancelled, by activity id."""
    return dict(
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values_list("activity_id", "status")
    )


def my_upcoming_registrations(*, user: User, limit: int | None = None) -> list[Registration]:
    """The person's places and waiting-list spots at activities still to come, soonest first,
    each with its `waiting_position` (see `waiting_position`). Cancelled activities stay in the
    list (marked by the page) until their date has passed, so nobody travels to one."""
    if not user.is_authenticated:
        return []
    registrations = _with_waiting_position(
        _my_registrations(user).filter(
            status__in=RegistrationStatus.ACTIVE,
            activity__ends_at__gte=timezone.now(),
            activity__status__in=ActivityStatus.IN_CALENDARS,
        )
    ).order_by("activity__starts_at", "activity__pk")
    registrations = list(registrations if limit is None else registrations[:limit])
    for registration in registrations:
        registration.waiting_position = waiting_position(registration)
    return registrations


def my_past_registrations(*, user: User) -> QuerySet[Registration]:
    """Activities the person held a place at, which have ended: latest first."""
    return (
        _my_registrations(user)
        .filter(
            status=RegistrationStatus.CONFIRMED,
            activity__ends_at__lt=timezone.now(),
            activity__status__in=ActivityStatus.LISTED,
        )
        .order_by("-activity__starts_at", "-activity__pk")
    )


# --- Partner-led activities: hosts, support requests, suggestions, the log ---------------------


def hosts_to_tell(*, activity: Activity) -> QuerySet[User]:
    """Everyone who hosts `activity` (its host people and the leads of its host
    organisations), active, each once: those told of the team's answers and decisions."""
    leads = Membership.objects.filter(
        role=MembershipRole.LEAD,
        organisation__in=Activity.host_organisations.through.objects.filter(
            activity=activity
        ).values("organisation_id"),
    ).values("user_id")
    people = Activity.host_people.through.objects.filter(activity=activity).values("user_id")
    return (
        User.objects.filter(Q(pk__in=leads) | Q(pk__in=people), is_active=True)
        .select_related("notification_settings")
        .order_by("pk")
    )


def support_requests(*, activity: Activity) -> list:
    """The activity's support requests, oldest first (for its hosts and the team)."""
    return list(activity.support_requests.order_by("requested_at", "pk"))


def suggestions(*, activity: Activity) -> list:
    """The team's suggestions to the activity's hosts, oldest first."""
    return list(activity.suggestions.order_by("created_at", "pk"))


def activity_log(*, activity: Activity) -> list:
    """Held back, released: who, when, why (the actor is a team member)."""
    return list(activity.log.select_related("actor").order_by("at", "pk"))


def latest_hold(*, activity: Activity):
    """The log entry that held the activity back, while it is held back; else None."""
    if activity.status != ActivityStatus.HELD_BACK:
        return None
    return activity.log.filter(action=LogAction.HELD_BACK).order_by("-at", "-pk").first()


def open_support_requests() -> QuerySet:
    """Every request the team has not answered yet, oldest first, with its activity (for the
    team, who see every activity and organisation)."""
    return (
        SupportRequest.objects.filter(state=SupportState.OPEN)
        .select_related("activity")
        .order_by("requested_at", "pk")
    )


def hosted_by_me(*, user: User) -> QuerySet[Activity]:
    """The activities `user` hosts (as a host person or a lead of a host organisation) that
    are still to come, drafts and held-back ones included, soonest first."""
    if not user.is_authenticated:
        return Activity.objects.none()
    hosting = Q(
        pk__in=Activity.host_people.through.objects.filter(user=user).values("activity_id")
    ) | Q(
        pk__in=Activity.host_organisations.through.objects.filter(
            organisation__in=Membership.objects.filter(user=user, role=MembershipRole.LEAD).values(
                "organisation_id"
            )
        ).values("activity_id")
    )
    return (
        Activity.objects.filter(hosting, ends_at__gte=timezone.now())
        .exclude(status=ActivityStatus.CANCELLED)
        .defer(*languages.per_language("description"), "description")
        .order_by("starts_at", "pk")
    )
