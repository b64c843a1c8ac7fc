from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.urls import translate_url
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
