"""What a signed-out visitor gets where a page is not open to them.

A community activity's link shared on WhatsApp, a community organisation's profile, a hidden
organisation's anything and an address that does not exist all answer the same way to someone
signed out: 404 and one page saying it is for the Learning Lab community, with the sign-in form
that brings them back to the address they asked for. The answers are identical but for that
address (in the form's `next` and the language switcher) and the CSRF token, so nobody learns
from them whether something exists (docs/hidden-organisations.md).

Signed-in people keep the plain "not found" page: they are in the community already.

Pages that need sign-in (`login_required`) keep redirecting to the sign-in page with `next`:
the decorator answers before anything is looked up, so the redirect is the same for an id that
exists and one that does not, and it already is one step from signing in.
"""

from allauth.account import app_settings as allauth_settings
from allauth.account.forms import LoginForm
from allauth.utils import get_form_class
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token


def safe_next(path: str | None) -> str:
    """`path` if it is an address on this site ("/en/activities/5/?when=past"), else "": never
    another site ("//evil.example", "https://evil.example", "/\\evil.example") nor a scheme
    ("javascript:...")."""
    if not path or not path.startswith("/") or path.startswith(("//", "/\\")):
        return ""
    if not url_has_allowed_host_and_scheme(path, allowed_hosts=set()):
        return ""
    return path


def _sign_in_form(request: HttpRequest):
    form = get_form_class(allauth_settings.FORMS, "login", LoginForm)(request=request)
    # The page opens with its explanation; a screen reader should not jump past it.
    for field in form.fields.values():
        field.widget.attrs.pop("autofocus", None)
    return form


def community_page(request: HttpRequest) -> HttpResponse:
    """The page for the community, answered 404, for a signed-out `request`."""
    # The main menu marks the section of the address asked for: an address that does not
    # exist has none, so no section is marked for any address (nothing tells them apart).
    request.resolver_match = None
    return render(
        request,
        "community_only.html",
        {"form": _sign_in_form(request), "next": safe_next(request.get_full_path())},
        status=404,
    )


@requires_csrf_token
def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """settings' handler404: the community page for visitors, "not found" for the community."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return community_page(request)
    return render(request, "404.html", status=404)


class DebugCommunityPageMiddleware:
    """With DEBUG on (`scripts/run`, a demo on a laptop) Django answers "not found" with its
    technical page instead of calling handler404: a signed-out visitor following a shared link
    would see a list of the portal's addresses, not the community page. This gives them the page
    production gives. With DEBUG off it does nothing (handler404 answers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not settings.DEBUG or response.status_code != 404:
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return response
        if "text/html" not in response.get("Content-Type", ""):
            return response
        return page_not_found(request)
