"""A signed-out visitor at a page of the community, at something hidden from them and at an
address that does not exist gets one and the same answer: 404 and the page saying it is for
the Learning Lab community, with the sign-in that brings them back (core/signed_out.py).

The canaries: responses compared byte for byte once the address asked for and the CSRF token
are taken out, so that nothing (title, preview tags, menus, headers) tells apart what exists."""

import html
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation

from activities.enums import ActivityStatus, Audience
from core.signed_out import safe_next
from partners.enums import Visibility
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
)
from tests.hardening.test_hidden_canary import CANARY, canary_world  # noqa: F401
from tests.hardening.test_permission_matrix import LOGIN, MATRIX, MISSING
from tests.utils import PASSWORD, text_of, translated

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
MISSING_ID = 987654


class _Meta(HTMLParser):
    """The <title> and the <meta property/name=... content=...> tags of a page."""

    def __init__(self):
        super().__init__()
        self.tags: dict[str, list[str]] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            self.tags.setdefault(key, []).append(attrs.get("content", ""))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def meta_of(response) -> _Meta:
    parser = _Meta()
    parser.feed(response.content.decode())
    return parser


def _normalised(response, path: str) -> tuple:
    """Status, headers and body with the address asked for and the CSRF token taken out."""
    body = TOKEN.sub('name="csrfmiddlewaretoken" value=""', response.content.decode())
    # The language switcher links to the same address in the other languages.
    addresses = [re.sub(r"^/\w\w/", f"/{code}/", path) for code in ("en", "es", "fr")]
    for form in {form for a in addresses for form in (a, html.escape(a), quote(a, safe="/"))}:
        body = body.replace(form, "{PATH}")
    # The length follows from the body (compared whole); cookies by name (values are random).
    headers = {k: v for k, v in response.headers.items() if k != "Content-Length"}
    return response.status_code, headers, sorted(response.cookies), body


@pytest.fixture
def world():
    community_org = OrganisationFactory(visibility=Visibility.COMMUNITY, slug="circle-community")
    hidden_org = OrganisationFactory(visibility=Visibility.HIDDEN, slug="hidden-collective")
    community = ActivityFactory(title_en="Safe houses call", hosts=[community_org])
    hidden_hosted = ActivityFactory(title_en="Quiet circle", hosts=[hidden_org])
    draft = ActivityFactory(
        title_en="Draft webinar", audience=Audience.PUBLIC, status=ActivityStatus.DRAFT
    )
    return {
        "community": community,
        "hidden_hosted": hidden_hosted,
        "draft": draft,
        "community_org": community_org,
        "hidden_org": hidden_org,
    }


def _url(name, language="en", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _closed_paths(world, language="en") -> list[str]:
    """Addresses a visitor may not see, and addresses that do not exist, in one language."""
    community = world["community"].pk
    return [
        _url("activities:detail", language, pk=community),
        _url("activities:detail", language, pk=world["hidden_hosted"].pk),
        _url("activities:detail", language, pk=world["draft"].pk),
        _url("activities:detail", language, pk=MISSING_ID),
        _url("activities:ics", language, pk=community),
        _url("activities:ics", language, pk=MISSING_ID),
        _url("partners:profile", language, slug=world["community_org"].slug),
        _url("partners:profile", language, slug=world["hidden_org"].slug),
        _url("partners:profile", language, slug="no-such-organisation"),
        f"/{language}/no-such-page/",
        f"/{language}/activities/not-a-number/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_closed_and_missing_addresses_answer_identically_to_a_visitor(client, world, language):
    paths = _closed_paths(world, language)

    answers = {path: _normalised(client.get(path), path) for path in paths}

    first = answers[paths[0]]
    assert first[0] == 404
    assert {path: answer for path, answer in answers.items() if answer != first} == {}


@pytest.mark.django_db
def test_the_answer_is_the_same_with_a_session_and_a_language_cookie(client, world):
    client.get("/es/")  # a visitor who browsed before: session, CSRF and language cookies
    community, missing = f"/en/activities/{world['community'].pk}/", f"/en/activities/{MISSING_ID}/"

    assert _normalised(client.get(community), community) == _normalised(
        client.get(missing), missing
    )


@pytest.mark.django_db
def test_the_page_says_it_is_for_the_community_and_offers_sign_in_back_to_it(client, world):
    path = f"/en/activities/{world['community'].pk}/?when=past"

    response = client.get(path)

    body = text_of(response)
    assert response.status_code == 404
    assert "This page is for the Learning Lab community" in body
    assert '<form method="post" action="/en/accounts/login/"' in body
    assert (
        f'<input type="hidden" name="next" value="{html.escape(path)}">'
        in response.content.decode()
    )
    assert 'name="login"' in body and 'name="password"' in body
    assert "Not a partner yet?" in body
    assert "Safe houses call" not in body


@pytest.mark.django_db
def test_signing_in_from_the_page_returns_to_the_activity(client, world):
    member = MembershipFactory().user
    path = f"/en/activities/{world['community'].pk}/"
    assert client.get(path).status_code == 404

    response = client.post(
        "/en/accounts/login/", {"login": member.email, "password": PASSWORD, "next": path}
    )

    assert response.status_code == 302
    assert response["Location"] == path
    assert "Safe houses call" in text_of(client.get(path))


@pytest.mark.django_db
def test_the_page_reveals_nothing_in_its_title_or_preview(client, world):
    community = meta_of(client.get(f"/en/activities/{world['community'].pk}/"))
    missing = meta_of(client.get(f"/en/activities/{MISSING_ID}/"))

    assert community.title == missing.title == "For the Learning Lab community · Learning Lab"
    assert community.tags == missing.tags
    assert community.tags["og:title"] == ["Learning Lab"]
    assert "og:url" not in community.tags
    assert not any("Safe houses" in value for values in community.tags.values() for value in values)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("/en/activities/5/?when=past", "/en/activities/5/?when=past"),
        ("/en/", "/en/"),
        ("//evil.example/en/", ""),
        ("https://evil.example/", ""),
        ("http://testserver/en/", ""),
        ("javascript:alert(1)", ""),
        ("/\\evil.example", ""),
        ("\\\\evil.example", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_next_is_only_ever_an_address_on_this_site(given, kept):
    assert safe_next(given) == kept


NEXT = re.compile(r'<input type="hidden" name="next" value="([^"]*)">')


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hostile", "offered"),
    [
        ("//evil.example/en/", []),
        # Django gives the path with the backslash percent-encoded: a path of this site.
        ("/\\evil.example/", ["/%5Cevil.example/"]),
    ],
)
def test_an_address_naming_another_site_is_not_offered_as_next(client, hostile, offered):
    response = client.get("/en/", PATH_INFO=hostile)

    assert response.status_code == 404
    sign_in = response.content.decode().split('action="/en/accounts/login/"')[1].split("</form>")[0]
    assert NEXT.findall(sign_in) == offered


@pytest.mark.django_db
def test_a_hostile_next_posted_to_sign_in_is_not_honoured(client):
    member = MembershipFactory().user

    response = client.post(
        "/en/accounts/login/",
        {"login": member.email, "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.django_db
def test_signed_in_people_still_get_not_found_for_what_they_may_not_see(client, world):
    client.force_login(MembershipFactory().user)

    hidden = client.get(f"/en/partners/{world['hidden_org'].slug}/")
    missing = client.get(f"/en/activities/{MISSING_ID}/")

    assert hidden.status_code == missing.status_code == 404
    assert "We could not find that page" in text_of(hidden)
    assert "This page is for the Learning Lab community" not in text_of(missing)


@pytest.mark.django_db
def test_a_page_that_needs_sign_in_redirects_the_same_whether_its_object_exists(client, world):
    existing = client.get(f"/en/activities/{world['community'].pk}/attendees/")
    missing = client.get(f"/en/activities/{MISSING_ID}/attendees/")

    assert existing.status_code == missing.status_code == 302
    assert existing["Location"] == (
        f"/en/accounts/login/?next=/en/activities/{world['community'].pk}/attendees/"
    )
    assert missing["Location"] == f"/en/accounts/login/?next=/en/activities/{MISSING_ID}/attendees/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_page_is_translated(client, world, language):
    """Waits for the lead's catalogues (new strings)."""
    response = client.get(f"/{language}/activities/{world['community'].pk}/")

    assert translated(language, "This page is for the Learning Lab community") in text_of(response)
    assert translated(language, "Not a partner yet?") in text_of(response)


@pytest.mark.django_db
def test_a_hidden_organisations_traces_never_reach_the_visitors_page(client, canary_world):  # noqa: F811
    """The canary world's hidden organisation: its co-hosted activity, its profile, its
    calendar, next to addresses that do not exist; all one page, and no canary in it."""
    shared, hidden = canary_world["shared"].pk, canary_world["hidden"].slug
    paths = [
        _url("activities:detail", pk=shared),
        _url("activities:ics", pk=shared),
        _url("partners:profile", slug=hidden),
        _url("partners:profile", slug=f"{hidden}x"),
        _url("activities:detail", pk=MISSING_ID),
    ]

    answers = [_normalised(client.get(path), path) for path in paths]

    assert all(answer == answers[0] for answer in answers)
    assert CANARY.findall(answers[0][3]) == []


@pytest.mark.django_db
def test_a_visitor_still_sees_a_public_activity_of_a_hidden_organisation(client, canary_world):  # noqa: F811
    response = client.get(f"/en/activities/{canary_world['alone'].pk}/")

    assert response.status_code == 200
    assert "Open webinar" in text_of(response)
    assert CANARY.findall(TOKEN.sub("", response.content.decode())) == []


@pytest.mark.django_db
def test_a_new_visitor_without_any_cookie_gets_the_page_too(world):
    from django.test import Client

    response = Client().get(f"/fr/activities/{world['community'].pk}/")

    assert response.status_code == 404
    assert '<html lang="fr">' in response.content.decode()


def _missing_kwargs(kwargs: dict) -> dict:
    return {key: "no-such-thing" if key in ("slug", "token") else MISSING_ID for key in kwargs}


VISITOR_CLOSED = [
    name
    for name, (method, kwargs, _data, expected) in MATRIX.items()
    if method == "get" and kwargs and expected["visitor"] in (LOGIN, MISSING)
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", VISITOR_CLOSED)
def test_a_visitor_at_a_missing_object_gets_what_they_get_at_an_existing_one(client, name):
    """Every address of the permission matrix closed to visitors, with ids and slugs that do
    not exist: a page needing sign-in still redirects to it (the decorator answers before
    any lookup), a page of the community is still the community's page."""
    _method, kwargs, _data, expected = MATRIX[name]
    path = reverse(name, kwargs=_missing_kwargs(kwargs))

    response = client.get(path)

    if expected["visitor"] == LOGIN:
        assert (response.status_code, response["Location"]) == (
            302,
            f"/en/accounts/login/?next={quote(path)}",
        )
    else:
        assert response.status_code == 404
        assert "This page is for the Learning Lab community" in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_with_debug_on_a_visitor_still_gets_the_community_page_not_the_technical_one(
    client, world, language, settings
):
    """`scripts/run` runs with DEBUG on; a shared link must not show Django's list of addresses."""
    settings.DEBUG = True
    paths = _closed_paths(world, language)

    answers = {path: _normalised(client.get(path), path) for path in paths}

    first = answers[paths[0]]
    assert first[0] == 404
    assert {path: answer for path, answer in answers.items() if answer != first} == {}
    body = client.get(paths[0]).content.decode()
    assert "URLconf" not in body and "Page not found" not in body


@pytest.mark.django_db
def test_with_debug_on_signed_in_people_keep_django_s_page(client, settings):
    settings.DEBUG = True
    client.force_login(MembershipFactory().user)

    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert "URLconf" in response.content.decode()
