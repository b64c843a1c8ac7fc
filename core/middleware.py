import logging
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation

from core.i18n import set_language_cookie
from core.timezones import get_zone

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer the container health check before host validation and the HTTPS redirect.

    The check comes from inside the container (http://127.0.0.1), which is neither an allowed host
    nor HTTPS; it reports whether the database and the cache answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        checks = {}
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            checks["database"] = "ok"
        except Exception:
            logger.exception("health check: database unavailable")
            checks["database"] = "unavailable"
        try:
            cache.set("healthz", "ok", 10)
            checks["cache"] = "ok" if cache.get("healthz") == "ok" else "unavailable"
        except Exception:
            logger.exception("health check: cache unavailable")
            checks["cache"] = "unavailable"
        healthy = all(value == "ok" for value in checks.values())
        return JsonResponse(
            {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
        )


class PreferredLanguageLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a signed-in person's preferred language beats the
    cookie and Accept-Language wherever the URL does not name a language (for example `/`)."""

    def process_request(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.language
            and translation.get_language_from_path(request.path_info) is None
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)

    def process_response(self, request, response):
        """A visitor's language is the language of the pages they read (the switcher links to
        the page in another language): remembered in the cookie, so "/" opens in it."""
        response = super().process_response(request, response)
        user = getattr(request, "user", None)
        language = translation.get_language_from_path(request.path_info)
        if (
            language
            and response.status_code == 200
            and user is not None
            and not user.is_authenticated
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            set_language_cookie(response, language)
        return response


class TimezoneMiddleware:
    """Show times in the viewer's zone: the profile's for people signed in, else the zone the
    browser reported in the `tz` cookie (set by static/js/timezone.js), else UTC.

    `request.timezone_known` says whether it is the viewer's own: when it is not (a first
    visit), base.html tells timezone.js, which shows the page's times in the browser's zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        name = (
            user.timezone
            if user.is_authenticated
            else unquote(request.COOKIES.get(settings.TIMEZONE_COOKIE_NAME, ""))
        )
        zone = get_zone(name)
        request.timezone_known = zone is not None
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        return self.get_response(request)


class FormErrorStatusMiddleware:
    """A form sent with errors is answered 400, also by views we do not own (allauth's).

    Our own views set the status themselves; allauth's re-render the form with 200. Bad input
    is a client error: this keeps the answer honest for browsers, tests and monitoring alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        if request.method != "POST" or response.status_code != 200:
            return response
        form = (response.context_data or {}).get("form")
        if form is not None and getattr(form, "is_bound", False) and form.errors:
            response.status_code = 400
        return response
