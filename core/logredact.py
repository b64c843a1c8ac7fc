"""Secrets in addresses never reach a log line or an error email.

Calendar feeds, unsubscribe links, invitations, password resets and email confirmations carry
their secret in the URL path, and access logs, "Not Found: /..." warnings and error reports
all print paths. `redact()` replaces the secret part of those addresses with `PLACEHOLDER`,
wherever they appear in a text (a path, a request line, a full URL in a Referer).

The addresses are read from the URL conf by name (`SECRET_URL_NAMES`), so a changed route
stays covered; a test walks the URL conf and fails when a URL capturing a token or key is not
listed here.
"""

import copy
import logging
import re
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.views.debug import SafeExceptionReporterFilter

PLACEHOLDER = "[redacted]"

# Names of the URLs whose captured values are secrets.
SECRET_URL_NAMES = frozenset(
    {
        "personal_calendar",
        "unsubscribe",
        "accounts:invitation",
        "account_reset_password_from_key",
        "account_confirm_email",
    }
)

# Where a path ends inside a log line: whitespace, quotes, or the end of a log field.
_END = r"\s\"'<>"
_REGEX_SYNTAX = re.compile(r"[\\()\[\].*+?{}|$]")


def _literal_prefix(pattern) -> str:
    """The regular expression for the fixed text a URL pattern starts with, before anything
    it captures."""
    if isinstance(pattern, LocalePrefixPattern):
        codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
        return f"(?:{codes})/"
    if isinstance(pattern, RoutePattern):
        return re.escape(str(pattern).split("<", 1)[0])
    if isinstance(pattern, RegexPattern):
        text = str(pattern).removeprefix("^")
        return re.escape(_REGEX_SYNTAX.split(text, maxsplit=1)[0])
    raise TypeError(f"unknown URL pattern type {type(pattern).__name__}")


def _is_fixed(pattern) -> bool:
    """A route with nothing captured, such as password/reset/key/done/."""
    if isinstance(pattern, RoutePattern):
        return "<" not in str(pattern)
    return isinstance(pattern, RegexPattern) and not _REGEX_SYNTAX.search(
        str(pattern).removeprefix("^").removesuffix("$")
    )


def secret_url_patterns(resolver=None) -> dict[str, list[str]]:
    """URL name -> regular expressions of the fixed part of its address (one per route the
    name has), for every name in SECRET_URL_NAMES; each ends where the secret starts."""
    found: dict[str, list[str]] = {}
    fixed: list[str] = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            here = prefix + _literal_prefix(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, here, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if name in SECRET_URL_NAMES:
                    found.setdefault(name, []).append(here)
                elif _is_fixed(pattern.pattern):
                    fixed.append(here)

    walk((resolver or get_resolver()).url_patterns, "/", None)
    # A fixed page that starts like a secret address (.../password/reset/key/done/) is not a
    # secret: keep it readable.
    result = {}
    for name, prefixes in found.items():
        result[name] = []
        for secret_prefix in prefixes:
            exceptions = [f[len(secret_prefix) :] for f in fixed if f.startswith(secret_prefix)]
            guard = "".join(f"(?!{rest}(?:[?{_END}]|$))" for rest in exceptions)
            result[name].append(secret_prefix + guard)
    return result


@lru_cache(maxsize=4)
def _secret_regex(resolver) -> re.Pattern:
    alternatives = [p for prefixes in secret_url_patterns(resolver).values() for p in prefixes]
    return re.compile(f"(?P<fixed>{'|'.join(alternatives)})[^{_END}]+")


def redact(text: str) -> str:
    """`text` with the secret part of every secret address in it (and the query string after
    it) replaced by PLACEHOLDER. If the URL conf cannot be read, every path-like part is
    replaced: better an unreadable log line than a leaked key."""
    if not isinstance(text, str) or "/" not in text:
        return text
    try:
        pattern = _secret_regex(get_resolver())
    except Exception:  # URL conf not loadable (yet): fail closed
        return re.sub(f"/[^{_END}]*", "/" + PLACEHOLDER, text)
    return pattern.sub(lambda match: match["fixed"] + PLACEHOLDER, text)


def redacted_request(request: HttpRequest) -> HttpRequest:
    """A copy of `request` whose path and address headers are redacted, for log handlers and
    error reports (the real request is left alone: the response is still being made)."""
    clone = copy.copy(request)
    clone.path = redact(request.path)
    clone.path_info = redact(request.path_info)
    clone.META = {key: redact(value) for key, value in request.META.items()}
    if hasattr(request, "environ"):
        clone.environ = clone.META
    return clone


class RedactSecretsFilter(logging.Filter):
    """Rewrite secret addresses in a record's message, its arguments and the request attached
    to it (Django's request and server logs attach one). Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: redact(value) for key, value in record.args.items()}
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest) and not getattr(request, "_redacted", False):
            record.request = redacted_request(request)
            record.request._redacted = True
        return True


class SecretsExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's error reports (the emails to ADMIN_EMAILS) show the request and the local
    variables of every frame. Hide variables named like secrets (`token`, `key`, ...) as
    Django already does for settings, and redact secret addresses in the rest."""

    def get_safe_request_meta(self, request):
        return {key: redact(value) for key, value in super().get_safe_request_meta(request).items()}

    def get_traceback_frame_variables(self, request, tb_frame):
        variables = super().get_traceback_frame_variables(request, tb_frame)
        cleansed = []
        for name, value in variables:
            if self.hidden_settings.search(name):
                value = self.cleansed_substitute
            elif isinstance(value, HttpRequest):
                value = redact(repr(value))
            elif isinstance(value, str):
                value = redact(value)
            cleansed.append((name, value))
        return cleansed
