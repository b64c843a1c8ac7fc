"""Region pages gather the region's visible partners and coming activities for everyone, and
for the community its people and peers in other regions on the same themes; the activities'
list filters by the region of visible hosts."""

import pytest
from django.urls import reverse

from partners.enums import Region, Visibility
from partners.models import FocusArea
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    ProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
WEST = Region.WEST_CENTRAL_AFRICA


@pytest.fixture
def region_world():
    climate = FocusArea.objects.get(slug="climate")
    open_org = OrganisationFactory(name="Open Sahel", region=WEST, visibility=Visibility.PUBLIC)
    open_org.focus_areas.add(climate)
    community_org = OrganisationFactory(name="Community Coast", region=WEST)
    ActivityFactory(title_en="Public call in the west", hosts=[open_org], audience="public")
    ProfileFactory(user=PartnerFactory(display_name="Local Lamine"), region=WEST)
    peer = ProfileFactory(
        user=PartnerFactory(display_name="Peer Paola"), region=Region.LATIN_AMERICA
    )
    peer.themes.add(climate)
    ProfileFactory(user=PartnerFactory(display_name="Other Olga"), region=Region.SOUTH_ASIA)
    return {"open": open_org, "community": community_org, "climate": climate}


def test_a_visitor_sees_public_partners_and_activities_but_no_people(client, region_world):
    page = client.get(reverse("regions:region", kwargs={"code": WEST})).content.decode()

    assert "Open Sahel" in page and "Public call in the west" in page
    assert "Community Coast" not in page
    assert "Local Lamine" not in page and "Peer Paola" not in page


def test_the_community_sees_people_and_peers_with_the_shared_theme(client, region_world):
    client.force_login(PartnerFactory())

    page = client.get(reverse("regions:region", kwargs={"code": WEST})).content.decode()

    assert "Community Coast" in page and "Local Lamine" in page
    peers = page.split('id="region-peers"')[1]
    assert "Peer Paola" in peers and "Other Olga" not in peers
    assert region_world["climate"].name in peers


def test_an_unknown_region_is_404(client):
    assert client.get("/en/regions/atlantis/").status_code == 404


def test_the_index_counts_visible_partners(client, region_world):
    page = client.get(reverse("regions:index")).content.decode()

    assert "1 partner" in page


def test_activities_filter_by_the_region_of_visible_hosts(client):
    south = OrganisationFactory(region=Region.SOUTH_ASIA, visibility=Visibility.PUBLIC)
    ActivityFactory(title_en="Kathmandu circle", hosts=[south], audience="public")
    ActivityFactory(title_en="Elsewhere", audience="public")

    page = client.get(reverse("activities:list"), {"region": Region.SOUTH_ASIA}).content.decode()

    assert "Kathmandu circle" in page and "Elsewhere" not in page
    assert client.get(reverse("activities:list"), {"region": "moon"}).status_code == 400


@pytest.mark.parametrize("count", [2, 12])
def test_a_region_page_takes_a_constant_number_of_queries(
    client, django_assert_max_num_queries, count
):
    climate = FocusArea.objects.get(slug="climate")
    for _n in range(count):
        organisation = OrganisationFactory(region=WEST)
        organisation.focus_areas.add(climate)
        ActivityFactory(hosts=[organisation])
        user = UserFactory()
        MembershipFactory(user=user, organisation=organisation)
        ProfileFactory(user=user, region=WEST).themes.add(climate)
        ProfileFactory(region=Region.LATIN_AMERICA).themes.add(climate)
    client.force_login(PartnerFactory())

    with django_assert_max_num_queries(40):
        response = client.get(reverse("regions:region", kwargs={"code": WEST}))

    assert response.status_code == 200
