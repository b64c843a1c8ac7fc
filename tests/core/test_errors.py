"""Friendly error pages in the visitor's language, and bad requests that never become a 500."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from tests.factories import UserFactory
from tests.utils import html_lang, text_of, translated


def _boom(request):
    raise RuntimeError("an unexpected failure")


def _forbidden(request):
    raise PermissionDenied


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_404_page_is_friendly_and_translated(client, language):
    # Signed in: a visitor gets the community's sign-in page (tests/hardening/test_signed_out.py).
    client.force_login(UserFactory())
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    assert html_lang(response.content) == language
    assert translated(language, "We could not find that page") in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_500_page_is_friendly_and_translated(settings, language):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)

    response = client.get(f"/{language}/boom/")

    assert response.status_code == 500
    assert html_lang(response.content) == language
    assert translated(language, "Something went wrong on our side") in text_of(response)
    assert "RuntimeError" not in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_403_page_is_friendly_and_translated(settings, client, language):
    settings.ROOT_URLCONF = __name__

    response = client.get(f"/{language}/forbidden/")

    assert response.status_code == 403
    assert html_lang(response.content) == language
    assert translated(language, "This page is not open to you") in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_form_without_csrf_token_gets_translated_403(language):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/{language}/accounts/login/", {"login": "a@example.org", "password": "x"}
    )

    assert response.status_code == 403
    assert translated(language, "Your form could not be sent") in text_of(response)


from django.conf.urls.i18n import i18n_patterns  # noqa: E402

from config.urls import urlpatterns as _portal_urls  # noqa: E402

urlpatterns = [
    *_portal_urls,
    *i18n_patterns(path("boom/", _boom), path("forbidden/", _forbidden)),
]
