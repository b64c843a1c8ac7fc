"""Reads about organisations that depend on who is asking. Every list, page, map and search goes
through `organisations_visible_to`, so visibility is decided in exactly one place."""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.functional import cached_property

from accounts.models import User
from accounts.permissions import is_staff
from core import languages
from partners.enums import MembershipRole, Visibility
from partners.models import FocusArea, Membership, Organisation, WorkingLanguage
from partners.permissions import is_community_member

COUNTRY_POINTS_FILE = Path(__file__).resolve().parent / "data" / "country_points.json"


def organisations_visible_to(*, user: User) -> QuerySet[Organisation]:
    """The organisations `user` may see at all: staff all; community members the public and
    community ones and their own hidden ones; everybody else the public ones."""
    organisations = Organisation.objects.all()
    if is_staff(user):
        return organisations
    if not is_community_member(user):
        return organisations.filter(visibility=Visibility.PUBLIC)
    own = Membership.objects.filter(organisation=OuterRef("pk"), user=user)
    return organisations.filter(
        Q(visibility__in=[Visibility.PUBLIC, Visibility.COMMUNITY]) | Q(Exists(own))
    )


def viewer_class(user: User) -> str:
    """What `user` may see of shared content, as a short name (core.content_cache keys cached
    pages and fragments by it): everyone with the same name sees the same organisations, so the
    same activities, hosts and people. Visitors; people signed in without an organisation (the
    public, like visitors, and what they host); the community, with the hidden organisations
    they belong to (which only their members may see); the team, who see everything."""
    if not user.is_authenticated or not user.is_active:
        return "visitor"
    if is_staff(user):
        return "staff"
    memberships = list(
        Membership.objects.filter(user=user).values_list(
            "organisation_id", "organisation__visibility"
        )
    )
    if not memberships:
        return f"account.{user.pk}"
    hidden = sorted(pk for pk, visibility in memberships if visibility == Visibility.HIDDEN)
    return "community" + "".join(f".{pk}" for pk in hidden)


def lead_organisation_ids(*, user: User) -> frozenset[int]:
    """The organisations `user` leads (a lead may manage what they host)."""
    return frozenset(
        Membership.objects.filter(user=user, role=MembershipRole.LEAD).values_list(
            "organisation_id", flat=True
        )
    )


def remember_class(user: User, name: str) -> None:
    """A community class (from `viewer_class`, perhaps kept in the cache) says the person
    belongs to an organisation: permissions.is_community_member need not ask again."""
    if name.startswith("community"):
        user._is_community_member = True


class Traces:
    """What `viewer` may see of organisations and of the people in them.

    Hidden means hidden: the name, slug, logo, city, members, their email domain and an
    activity's time zone of an organisation reach a page, a form, an email, a feed, a calendar or
    an export only when this says the viewer may see it. A person is concealed from a viewer when
    they belong to any organisation the viewer may not see: naming them would say who works
    there. Staff see everything; everyone sees themselves.

    Build it with `traces_for(user)`, which keeps one per viewer, so a page pays two small
    queries at most however many names it shows.
    """

    def __init__(self, viewer: User):
        self.viewer = viewer
        self.sees_all = is_staff(viewer)

    @cached_property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(organisations_visible_to(user=self.viewer).values_list("pk", flat=True))

    @cached_property
    def concealed_people(self) -> frozenset[int]:
        if self.sees_all:
            return frozenset()
        people = Membership.objects.exclude(
            organisation__in=organisations_visible_to(user=self.viewer)
        ).values_list("user_id", flat=True)
        return frozenset(people) - {self.viewer.pk}

    def shows_organisation(self, organisation: Organisation | None) -> bool:
        if organisation is None:
            return False
        return self.sees_all or organisation.pk in self.organisation_ids

    def visible(self, organisations) -> list[Organisation]:
        return [o for o in organisations if self.shows_organisation(o)]

    def shows_person(self, person: User | None) -> bool:
        if person is None:
            return False
        return self.sees_all or person.pk not in self.concealed_people

    def shows_all_of(self, organisation_ids) -> bool:
        """Whether every one of these organisations is visible: what an activity's time zone
        needs, since it is the time zone of all its hosts."""
        return self.sees_all or set(organisation_ids) <= self.organisation_ids


def traces_for(user: User | None) -> Traces:
    """The `Traces` of `user` (anonymous when None), kept on the user object for the request."""
    if user is None:
        user = AnonymousUser()
    traces = getattr(user, "_traces", None)
    if traces is None:
        traces = Traces(user)
        user._traces = traces
    return traces


def visible_people(*, viewer: User) -> QuerySet[User]:
    """Active people `viewer` may see and name: what a form may offer as choices."""
    people = User.objects.filter(is_active=True).order_by("display_name", "pk")
    traces = traces_for(viewer)
    if traces.sees_all:
        return people
    return people.exclude(pk__in=traces.concealed_people)


def organisations_of(*, user: User) -> QuerySet[Organisation]:
    """The organisations `user` belongs to, by name."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


@dataclass
class DirectoryFilters:
    q: str = ""
    region: str = ""
    country: str = ""
    focus: str = ""
    language: str = ""

    @property
    def active(self) -> bool:
        return any([self.q, self.region, self.country, self.focus, self.language])


def directory(*, user: User, filters: DirectoryFilters) -> QuerySet[Organisation]:
    """Visible organisations matching the filters, with what a directory card shows prefetched.

    The text search looks at the name, city, and the description and mission in all three
    languages, so a Spanish word finds an organisation that wrote only in Spanish.
    """
    organisations = organisations_visible_to(user=user)
    if filters.region:
        organisations = organisations.filter(region=filters.region)
    if filters.country:
        organisations = organisations.filter(country=filters.country)
    if filters.focus:
        organisations = organisations.filter(focus_areas__slug=filters.focus)
    if filters.language:
        organisations = organisations.filter(working_languages__code=filters.language)
    for word in filters.q.split()[:8]:
        match = Q(name__icontains=word) | Q(city__icontains=word)
        for language in languages.codes():
            match |= Q(**{f"description_{language}__icontains": word})
            match |= Q(**{f"mission_{language}__icontains": word})
        organisations = organisations.filter(match)
    return (
        organisations.distinct()
        .order_by("name", "pk")
        .prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "slug")),
            Prefetch("working_languages", queryset=WorkingLanguage.objects.order_by("code")),
        )
    )


def directory_choices(*, user: User) -> dict:
    """What the directory's filters offer: only countries and regions that have a visible
    organisation, so a filter never hints at a hidden one."""
    visible = organisations_visible_to(user=user)
    places = set(visible.values_list("country", "region").distinct())
    return {
        "countries": sorted({country for country, _ in places}),
        "regions": sorted({region for _, region in places}),
        "focus_areas": list(FocusArea.objects.all()),
        "languages": list(WorkingLanguage.objects.filter(organisations__in=visible).distinct()),
    }


def organisation_for_profile(*, user: User, slug: str) -> Organisation:
    """The organisation at `slug` if `user` may see it; otherwise 404, exactly as for a slug
    that does not exist, so a crafted address reveals nothing."""
    organisation = (
        organisations_visible_to(user=user)
        .filter(slug=slug)
        .prefetch_related("focus_areas", "working_languages", "social_links")
        .first()
    )
    if organisation is None:
        raise Http404("No organisation here.")
    return organisation


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-role", "user__display_name")
    )


@lru_cache(maxsize=1)
def country_points() -> dict[str, tuple[float, float]]:
    """Where each country's pin goes on static/partners/world-map.svg (see scripts/map)."""
    return {code: tuple(xy) for code, xy in json.loads(COUNTRY_POINTS_FILE.read_text()).items()}


@dataclass
class MapPin:
    country: str
    x: float
    y: float
    organisations: list[Organisation] = field(default_factory=list)


def map_pins(*, user: User) -> list[MapPin]:
    """One pin per country with visible organisations, at the country's point: never the
    organisation's own address, which could put people at risk."""
    points = country_points()
    pins: dict[str, MapPin] = {}
    for organisation in organisations_visible_to(user=user).only("name", "slug", "country", "city"):
        code = organisation.country.code
        if code not in points:
            continue
        if code not in pins:
            x, y = points[code]
            pins[code] = MapPin(country=code, x=x, y=y)
        pins[code].organisations.append(organisation)
    return sorted(pins.values(), key=lambda pin: pin.organisations[0].country.name)
