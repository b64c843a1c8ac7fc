"""Reads about people's profiles that depend on who is asking. Who sees whom is decided in
exactly one place, `profiles_visible_to`; what of a person's organisations a page may show, in
`organisations_shown_for`. Other apps (peer mentoring) build on these two.

A person has a profile once they open "My profile" (people.services.profile_of creates it with
the defaults: seen by the community, not listed when in a hidden organisation). Until then they
are in no directory and have no page.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import is_staff
from core import languages
from core.content import translated_text
from partners.enums import Region
from partners.models import FocusArea, Membership, Organisation
from partners.permissions import is_community_member
from partners.selectors import organisations_visible_to, traces_for
from people.enums import ProfileVisibility
from people.models import Profile, ProfileLanguage, Skill
from people.validators import spoken_language_name


def profiles_visible_to(*, viewer: User) -> QuerySet[Profile]:
    """The profiles `viewer` may see, of active people.

    - Visitors see none; a person signed in without an organisation sees only their own.
    - The team sees every profile.
    - A community member sees their own; the profiles shown to the community of people in the
      organisations they may see (and of the team); the profiles shown only to an organisation
      when they share one; and people of organisations hidden from them only when those people
      chose to be listed (`listed_if_hidden`), and then never with any organisation
      (`organisations_shown_for` returns none for them).
    """
    profiles = Profile.objects.filter(user__is_active=True)
    if not viewer.is_authenticated or not viewer.is_active:
        return profiles.none()
    if is_staff(viewer):
        return profiles
    own = Q(user=viewer)
    if not is_community_member(viewer):
        return profiles.filter(own)
    visible = organisations_visible_to(user=viewer)
    concealed = Exists(
        Membership.objects.filter(user=OuterRef("user")).exclude(organisation__in=visible)
    )
    in_visible = Exists(Membership.objects.filter(user=OuterRef("user"), organisation__in=visible))
    co_member = Exists(
        Membership.objects.filter(
            user=OuterRef("user"),
            organisation__in=Membership.objects.filter(user=viewer).values("organisation"),
        )
    )
    community = Q(visibility=ProfileVisibility.COMMUNITY)
    return profiles.filter(
        own
        | (~concealed & community & (in_visible | Q(user__is_staff=True)))
        | (~concealed & Q(visibility=ProfileVisibility.ORGANISATION) & co_member)
        | (concealed & community & Q(listed_if_hidden=True))
    )


def shows_organisations_of(viewer: User, person: User) -> bool:
    """Whether a page may name `person`'s organisations to `viewer` at all: not when any of
    them is hidden from the viewer (naming the others would say the person is listed only
    because they opted in, and the hidden one is exactly what must not be named)."""
    return traces_for(viewer).shows_person(person)


def organisations_shown_for(viewer: User, profile: Profile) -> list[Organisation]:
    """The organisations of the profile's person that a page may show to `viewer`: none for a
    person in an organisation hidden from the viewer. Uses the prefetched memberships when the
    selector below loaded them."""
    person = profile.user
    if not shows_organisations_of(viewer, person):
        return []
    traces = traces_for(viewer)
    memberships = getattr(person, "shown_memberships", None)
    if memberships is None:
        memberships = Membership.objects.filter(user=person).select_related("organisation")
    return [
        membership.organisation
        for membership in memberships
        if traces.shows_organisation(membership.organisation)
    ]


def _with_card_data(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """What a card or a page shows, loaded in a fixed number of queries."""
    return profiles.select_related("user").prefetch_related(
        Prefetch("themes", queryset=FocusArea.objects.order_by("position", "slug")),
        Prefetch("skills_offered", queryset=Skill.objects.order_by("order", "slug")),
        Prefetch("skills_sought", queryset=Skill.objects.order_by("order", "slug")),
        Prefetch("languages", queryset=ProfileLanguage.objects.order_by("pk")),
        Prefetch(
            "user__memberships",
            queryset=Membership.objects.select_related("organisation").order_by(
                "organisation__name"
            ),
            to_attr="shown_memberships",
        ),
    )


@dataclass
class PeopleFilters:
    q: str = ""
    theme: str = ""
    skill: str = ""
    language: str = ""
    region: str = ""

    @property
    def active(self) -> bool:
        return any([self.q, self.theme, self.skill, self.language, self.region])


def directory(*, viewer: User, filters: PeopleFilters) -> QuerySet[Profile]:
    """Visible profiles matching the filters, by name. The search looks at names and at the
    introduction in all three languages. A person's region is the one on their profile: it is
    never inferred from their organisation (that could tell a hidden organisation's region)."""
    profiles = profiles_visible_to(viewer=viewer)
    if filters.theme:
        profiles = profiles.filter(themes__slug=filters.theme)
    if filters.skill:
        profiles = profiles.filter(skills_offered__slug=filters.skill)
    if filters.language:
        profiles = profiles.filter(languages__code=filters.language)
    if filters.region:
        profiles = profiles.filter(region=filters.region)
    for word in filters.q.split()[:8]:
        match = Q(user__display_name__icontains=word)
        for code in languages.codes():
            match |= Q(**{f"introduction_{code}__icontains": word})
        profiles = profiles.filter(match)
    return _with_card_data(profiles.distinct().order_by("user__display_name", "pk"))


def profile_for_page(*, viewer: User, pk: int) -> Profile:
    """The profile of the person `pk` (a user id) if `viewer` may see it; otherwise 404, exactly
    as for a person who does not exist."""
    profile = _with_card_data(profiles_visible_to(viewer=viewer).filter(user_id=pk)).first()
    if profile is None:
        raise Http404("No profile here.")
    return profile


def people_in_region(*, viewer: User, region: str) -> QuerySet[Profile]:
    return directory(viewer=viewer, filters=PeopleFilters(region=region))


def peers_elsewhere(*, viewer: User, region: str, themes) -> QuerySet[Profile]:
    """People `viewer` may see in other regions (or none given) who work on any of `themes`."""
    theme_ids = [theme.pk for theme in themes]
    if not theme_ids:
        return Profile.objects.none()
    profiles = (
        profiles_visible_to(viewer=viewer)
        .exclude(region=region)
        .filter(themes__in=theme_ids)
        .distinct()
        .order_by("user__display_name", "pk")
    )
    return _with_card_data(profiles)


@dataclass
class PersonCard:
    """What a card, a person's page or a region's page shows of a profile."""

    profile: Profile
    organisations: list[Organisation]
    languages: list[tuple[str, str]]  # (name in the reader's language, level)
    introduction: object  # core.content.TranslatedText
    shared_themes: list[FocusArea] = field(default_factory=list)

    @property
    def person(self) -> User:
        return self.profile.user


def card_for(viewer: User, profile: Profile, *, shared_with=()) -> PersonCard:
    shared = {theme.pk for theme in shared_with}
    return PersonCard(
        profile=profile,
        organisations=organisations_shown_for(viewer, profile),
        languages=[
            (spoken_language_name(language.code), language.get_level_display())
            for language in profile.languages.all()
        ],
        introduction=translated_text(profile, "introduction"),
        shared_themes=[theme for theme in profile.themes.all() if theme.pk in shared],
    )


def cards_for(*, viewer: User, profiles, shared_with=()) -> list[PersonCard]:
    """Cards of already loaded profiles (a page of `directory`): no further query per card."""
    return [card_for(viewer, profile, shared_with=shared_with) for profile in profiles]


def region_label(code: str) -> str:
    return dict(Region.choices)[code]
