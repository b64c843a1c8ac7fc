"""One path from a refused action to a response.

Services and permission checks (`ensure_...` in each app's permissions.py) raise an
`ApplicationError` subclass carrying a translated message and a 4xx status. Then exactly one of
two things answers it:

- on a page with a form, `form_page` shows the same page again with the message as a form error,
  answered with the error's status (and a form sent with errors is answered 400);
- anywhere else, `RefusalMiddleware` answers the translated refusal page with the message and
  the status (403 for "not allowed", 409 for "no longer possible", ...).

So a view never writes `400 if form.is_bound else 200`, `request.POST if ... else None` or its
own `try/except ApplicationError`, and a domain error nobody expected is still a 4xx, never a 500.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from core.exceptions import ApplicationError


def bound_form(form_class, request: HttpRequest, **kwargs):
    """`form_class` bound to the request's POST (and files) when it is a POST, else unbound. An
    empty POST is a bound form with errors, not a GET."""
    if request.method == "POST":
        return form_class(data=request.POST, files=request.FILES, **kwargs)
    return form_class(**kwargs)


def form_page(
    request: HttpRequest,
    template: str,
    *,
    form,
    on_valid: Callable,
    context: dict | Callable[[], dict] | None = None,
    form_name: str = "form",
) -> HttpResponse:
    """The page of `template` with `form` in the context as `form_name`.

    A valid bound form calls `on_valid(form)` (which calls a service and returns the response,
    usually a redirect). A refusal it raises puts the message on the form and answers with the
    refusal's status; a form with errors answers 400; an unbound form 200. `context` may be a
    function, called only when the page is rendered (after a refusal, with fresh data)."""
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                return on_valid(form)
            except ApplicationError as error:
                form.add_error(None, error.message)
                status = error.status_code
        else:
            status = 400
    extra = context() if callable(context) else (context or {})
    return render(request, template, {**extra, form_name: form}, status=status)


def _back_url(request: HttpRequest) -> str | None:
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def refusal_response(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    """The translated page saying why the action was refused, with the refusal's status."""
    template = "403.html" if error.status_code == 403 else "refused.html"
    return render(
        request,
        template,
        {"exception": error.message, "message": error.message, "back_url": _back_url(request)},
        status=error.status_code,
    )


class RefusalMiddleware:
    """Answers an `ApplicationError` that left a view with the refusal page (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ApplicationError):
            return refusal_response(request, exception)
        return None
