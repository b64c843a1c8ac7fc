"""Every page speaks the language of its URL, and the switcher keeps you on the same page."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import StaffFactory, UserFactory
from tests.utils import html_lang, text_of, translated

LANGUAGES = ["en", "es", "fr"]

# (url name, who looks at it, a string the page must show in the active language)
PAGES = [
    ("portal:home", None, "The Learning Lab"),
    ("portal:home", "partner", "You and your organisations"),
    (
        "account_login",
        None,
        "The Learning Lab is a community: the team invites partner organisations and their"
        " members.",
    ),
    ("account_reset_password", None, "Password Reset"),
    ("account_signup", None, "Sign Up Closed"),
    ("accounts:profile", "partner", "Change your password"),
    ("accounts:invite", "staff", "Send the invitation"),
    ("account_change_password", "partner", "Change Password"),
    ("account_email", "partner", "Email Addresses"),
]


def _viewer(kind):
    if kind == "partner":
        from tests.factories import MembershipFactory

        return MembershipFactory().user
    if kind == "staff":
        return StaffFactory()
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("url_name", "viewer", "marker"), PAGES)
def test_page_renders_in_the_url_language(client, language, url_name, viewer, marker):
    user = _viewer(viewer)
    if user is not None:
        client.force_login(user)
    with translation.override(language):
        url = reverse(url_name)

    response = client.get(url)

    assert response.status_code == 200
    assert url.startswith(f"/{language}/")
    assert html_lang(response.content) == language
    body = text_of(response)
    assert translated(language, marker) in body
    assert translated(language, "Skip to main content") in body


@pytest.mark.django_db
@pytest.mark.parametrize(("accept", "expected"), [("fr-FR,fr;q=0.9", "fr"), ("es-CO", "es")])
def test_visitor_root_follows_accept_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == f"/{expected}/"


@pytest.mark.django_db
def test_visitor_with_unknown_language_gets_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")

    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_signed_in_root_uses_preferred_language_over_browser(client):
    client.force_login(UserFactory(language="fr"))

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")

    assert response["Location"] == "/fr/"


@pytest.mark.django_db
def test_every_page_offers_the_switcher_for_the_other_languages(client):
    """Visitors: links to the same page in the other languages (no form, no CSRF token, so the
    page can be shared by every visitor)."""
    response = client.get("/es/accounts/login/?next=/es/accounts/profile/")

    body = text_of(response)
    assert 'href="/en/accounts/login/?next=/es/accounts/profile/" lang="en" hreflang="en"' in body
    assert 'href="/fr/accounts/login/?next=/es/accounts/profile/" lang="fr" hreflang="fr"' in body
    assert 'hreflang="es"' not in body  # the current one is not a link
    assert 'action="/i18n/setlang/"' not in body
    assert '<span class="current-language" lang="es" aria-current="true">Español</span>' in body


@pytest.mark.django_db
def test_people_signed_in_switch_with_a_button_that_saves_their_choice(client):
    client.force_login(UserFactory(language="es"))

    response = client.get("/es/accounts/profile/")

    body = text_of(response)
    assert 'action="/i18n/setlang/"' in body
    assert 'value="/es/accounts/profile/"' in body
    assert 'name="language" value="en"' in body
    assert 'name="language" value="fr"' in body
    assert 'name="language" value="es"' not in body  # the current one is not a button


@pytest.mark.django_db
def test_a_visitor_following_the_switcher_is_remembered_for_the_root(client):
    client.get("/fr/activities/")

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")

    assert response["Location"] == "/fr/"


@pytest.mark.django_db
def test_the_switcher_on_a_missing_page_links_to_the_same_address_in_each_language(client):
    response = client.get("/es/no-such-page/")

    assert response.status_code == 404
    assert 'href="/fr/no-such-page/"' in text_of(response)


@pytest.mark.django_db
def test_language_switcher_keeps_you_on_the_same_page(client):
    response = client.post(
        "/i18n/setlang/", {"language": "fr", "next": "/es/accounts/password/reset/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/password/reset/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


@pytest.mark.django_db
def test_language_switcher_remembers_choice_for_the_root(client):
    client.post("/i18n/setlang/", {"language": "es", "next": "/en/"})

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response["Location"] == "/es/"


@pytest.mark.django_db
def test_language_switcher_saves_signed_in_preference(client):
    user = UserFactory(language="en")
    client.force_login(user)

    client.post("/i18n/setlang/", {"language": "es", "next": "/en/accounts/profile/"})

    user.refresh_from_db()
    assert user.language == "es"


@pytest.mark.django_db
def test_language_switcher_ignores_unknown_language(client):
    user = UserFactory(language="en")
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/en/"})

    user.refresh_from_db()
    assert response["Location"] == "/en/"
    assert user.language == "en"


@pytest.mark.django_db
def test_language_switcher_refuses_get(client):
    response = client.get("/i18n/setlang/?language=fr")

    assert response.status_code == 405


@pytest.mark.django_db
def test_language_switcher_refuses_offsite_next(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"})

    assert response["Location"] == "/"
