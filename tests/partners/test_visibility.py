"""Each organisation decides who sees it. Every list, the map, search and the profile page go
through one selector; these tests walk every visibility level for every kind of viewer."""

import pytest
from django.contrib.auth.models import AnonymousUser

from partners.enums import MembershipRole, Visibility
from partners.selectors import DirectoryFilters, directory, map_pins, organisations_visible_to
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory
from tests.utils import text_of

VIEWERS = ["visitor", "account without organisation", "other partner", "own member", "staff"]

# visibility -> the viewers who may see the organisation
EXPECTED = {
    Visibility.PUBLIC: set(VIEWERS),
    Visibility.COMMUNITY: {"other partner", "own member", "staff"},
    Visibility.HIDDEN: {"own member", "staff"},
}


def _viewer(kind, organisation):
    if kind == "visitor":
        return AnonymousUser()
    if kind == "account without organisation":
        return UserFactory()
    if kind == "other partner":
        return MembershipFactory().user
    if kind == "own member":
        return MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    return StaffFactory()


CASES = [(visibility, viewer) for visibility in Visibility for viewer in VIEWERS]


@pytest.mark.django_db
@pytest.mark.parametrize(("visibility", "viewer"), CASES)
def test_visibility_everywhere(client, visibility, viewer):
    organisation = OrganisationFactory(
        name="Zawadi Sisters",
        slug="zawadi-sisters",
        visibility=visibility,
        country="TZ",
        city="Arusha",
        description_en="Zawadi peer circles",
    )
    user = _viewer(viewer, organisation)
    if user.is_authenticated:
        client.force_login(user)
    expected = viewer in EXPECTED[visibility]

    in_selector = organisations_visible_to(user=user).filter(pk=organisation.pk).exists()
    in_directory = organisation in directory(user=user, filters=DirectoryFilters(q="Zawadi"))
    on_map = any(organisation in pin.organisations for pin in map_pins(user=user))
    profile = client.get("/en/partners/zawadi-sisters/")
    directory_page = text_of(client.get("/en/partners/?q=Zawadi"))
    map_page = text_of(client.get("/en/partners/map/"))
    filter_choices = text_of(client.get("/en/partners/"))

    assert in_selector is expected
    assert in_directory is expected
    assert on_map is expected
    assert profile.status_code == (200 if expected else 404)
    assert ("Zawadi Sisters" in directory_page) is expected
    assert ("Zawadi Sisters" in map_page) is expected
    # Not even the filter offers a hint: Tanzania is a choice only when its organisation shows.
    assert ('value="TZ"' in filter_choices) is expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("viewer", "sees_details"),
    [
        ("visitor", False),
        ("account without organisation", False),
        ("other partner", True),
        ("own member", True),
        ("staff", True),
    ],
)
def test_sensitive_details_are_never_public(client, viewer, sees_details):
    organisation = OrganisationFactory(
        slug="open-org",
        visibility=Visibility.PUBLIC,
        contact_name="Mama Contact",
        contact_email="contact@open.example",
        whatsapp_group_url="https://chat.whatsapp.com/AbCdEf123",
    )
    MembershipFactory(organisation=organisation, user=UserFactory(display_name="Quiet Member"))
    user = _viewer(viewer, organisation)
    if user.is_authenticated:
        client.force_login(user)

    body = text_of(client.get("/en/partners/open-org/"))

    for secret in ("Mama Contact", "contact@open.example", "chat.whatsapp.com", "Quiet Member"):
        assert (secret in body) is sees_details


@pytest.mark.django_db
def test_crafted_queries_do_not_reveal_hidden_organisations(client):
    OrganisationFactory(
        name="Secret Shelter", slug="secret", visibility=Visibility.HIDDEN, country="HT"
    )
    client.force_login(MembershipFactory().user)

    responses = [
        client.get(url)
        for url in (
            "/en/partners/?q=Secret",
            "/en/partners/?country=HT",
            "/en/partners/?q=Shelter&page=2",
            "/en/partners/map/?country=HT",
            "/en/partners/secret/",
            "/en/partners/secret/edit/",
            "/en/partners/secret/members/",
        )
    ]

    assert all("Secret Shelter" not in text_of(r) for r in responses)
    assert [r.status_code for r in responses[4:]] == [404, 404, 404]
    assert responses[1].status_code == 400  # HT is not a choice: nobody visible is there
