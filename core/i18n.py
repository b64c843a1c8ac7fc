from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse, translate_url
from django.utils import translation


def set_language_cookie(response: HttpResponse, language: str) -> None:
    """Remember `language` in the cookie LocaleMiddleware reads, as Django's set_language does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def url_in_language(url: str, language: str) -> str:
    """`url` (a path or an absolute URL of this site) with its language prefix set to `language`.

    Django's translate_url resolves the path in the *active* language, so a URL in another
    language would come back unchanged; resolve it in its own language first.
    """
    own_language = translation.get_language_from_path(urlsplit(url).path)
    with translation.override(own_language or translation.get_language()):
        return translate_url(url, language)


def absolute_url(path: str) -> str:
    """`path` on the address the portal runs at (settings.SITE_URL): for emails, feeds and
    calendars, which are read away from any request."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def absolute_url_for(name: str, language: str | None = None, **kwargs) -> str:
    """The absolute address of the URL named `name`, in `language` (the active one if None)."""
    with translation.override(language or translation.get_language()):
        return absolute_url(reverse(name, kwargs=kwargs or None))
