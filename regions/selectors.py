"""What a region's page gathers, each part read through the selectors of the app that owns it,
so visibility is decided where it always is: partners (organisations_visible_to), activities
(activities_visible_to, only visible hosts place an activity in a region) and people
(profiles_visible_to, the community only)."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.http import Http404

from accounts.models import User
from activities.selectors import ActivityFilters, activity_list
from partners.enums import Region
from partners.models import FocusArea
from partners.selectors import DirectoryFilters, directory, organisations_visible_to
from people import selectors as people
from people.permissions import can_browse_people

PARTNERS_SHOWN = 60
ACTIVITIES_SHOWN = 10
PEOPLE_SHOWN = 24
PEERS_SHOWN = 12


@dataclass
class RegionSummary:
    code: str
    name: str
    partner_count: int


def region_index(*, viewer: User) -> list[RegionSummary]:
    """Every region, with how many partners `viewer` may see there (one query)."""
    counts = dict(
        organisations_visible_to(user=viewer)
        .order_by()
        .values("region")
        .annotate(total=Count("pk"))
        .values_list("region", "total")
    )
    return [RegionSummary(code, str(name), counts.get(code, 0)) for code, name in Region.choices]


def region_or_404(code: str) -> tuple[str, str]:
    names = dict(Region.choices)
    if code not in names:
        raise Http404("No such region.")
    return code, str(names[code])


@dataclass
class RegionPage:
    code: str
    name: str
    partners: list
    activities: list
    shows_people: bool
    people: list = field(default_factory=list)
    peers: list = field(default_factory=list)
    themes: list = field(default_factory=list)


def region_page(*, viewer: User, code: str) -> RegionPage:
    """The region's partners and coming activities (anyone, as far as they may see them); for
    the community also its people and peers in other regions working on the same themes (the
    themes of the region's partners and people), each with the themes they share."""
    code, name = region_or_404(code)
    partners = list(directory(user=viewer, filters=DirectoryFilters(region=code))[:PARTNERS_SHOWN])
    activities = list(
        activity_list(user=viewer, filters=ActivityFilters(region=code))[:ACTIVITIES_SHOWN]
    )
    page = RegionPage(
        code=code,
        name=name,
        partners=partners,
        activities=activities,
        shows_people=can_browse_people(viewer),
    )
    if not page.shows_people:
        return page
    profiles = list(people.people_in_region(viewer=viewer, region=code)[:PEOPLE_SHOWN])
    page.people = people.cards_for(viewer=viewer, profiles=profiles)
    theme_ids = {area.pk for partner in partners for area in partner.focus_areas.all()}
    theme_ids |= {theme.pk for profile in profiles for theme in profile.themes.all()}
    page.themes = [area for area in FocusArea.objects.all() if area.pk in theme_ids]
    peers = people.peers_elsewhere(viewer=viewer, region=code, themes=page.themes)
    peers = list(peers[:PEERS_SHOWN])
    page.peers = people.cards_for(viewer=viewer, profiles=peers, shared_with=page.themes)
    return page
