"""No secret in a log line: calendar tokens, invitation keys, password-reset and email
confirmation keys and unsubscribe tokens are replaced in gunicorn's access log, Django's
request logs and error emails."""

import datetime
import io
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import mail
from django.http import HttpResponseNotFound
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.log import log_response
from django.views.debug import ExceptionReporter
from gunicorn.config import Config

from core.logredact import (
    PLACEHOLDER,
    SECRET_URL_NAMES,
    RedactSecretsFilter,
    redact,
    secret_url_patterns,
)

GUNICORN_CONF = Path(settings.BASE_DIR) / "config" / "gunicorn.py"
SECRET = "s3cr3tT0ken-4242"

# Each secret address, as it is linked from an email or a calendar program, and what the log
# must show instead.
ADDRESSES = [
    ("personal_calendar", {"token": SECRET}, f"/calendar/{PLACEHOLDER}"),
    ("unsubscribe", {"token": SECRET}, f"/notifications/unsubscribe/{PLACEHOLDER}"),
    ("accounts:invitation", {"token": SECRET}, f"/fr/accounts/invitation/{PLACEHOLDER}"),
    (
        "account_reset_password_from_key",
        {"uidb36": "3f", "key": SECRET},
        f"/fr/accounts/password/reset/key/{PLACEHOLDER}",
    ),
    ("account_confirm_email", {"key": SECRET}, f"/fr/accounts/confirm-email/{PLACEHOLDER}"),
]


def _address(name, kwargs):
    with translation.override("fr"):
        return reverse(name, kwargs=kwargs)


def _gunicorn_logger(access_log_format=None):
    """gunicorn's logger class as configured in config/gunicorn.py, writing to a buffer."""
    conf = runpy.run_path(str(GUNICORN_CONF))
    cfg = Config()
    cfg.set("accesslog", "-")
    cfg.set("access_log_format", access_log_format or conf["access_log_format"])
    logger = conf["logger_class"](cfg)
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.access_log.handlers = [handler]
    return logger, buffer


def _access_line(logger, buffer, path, query="", referer="-"):
    raw_uri = path + (f"?{query}" if query else "")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": raw_uri,
        "REQUEST_URI": raw_uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": referer,
    }
    request = SimpleNamespace(headers=[("REFERER", referer), ("HOST", "lab.example.org")])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
    return buffer.getvalue()


def test_gunicorn_is_configured_with_the_redacting_logger():
    conf = runpy.run_path(str(GUNICORN_CONF))

    assert conf["logger_class"].__name__ == "RedactingLogger"
    assert "%(q)s" not in conf["access_log_format"]


@pytest.mark.parametrize(("name", "kwargs", "shown"), ADDRESSES)
def test_gunicorn_access_line_carries_no_secret(name, kwargs, shown):
    logger, buffer = _gunicorn_logger()
    path = _address(name, kwargs)

    line = _access_line(logger, buffer, path)

    assert SECRET not in line
    assert line == f'203.0.113.9 "GET {shown}" 200 1234 12ms\n'


@pytest.mark.parametrize(("name", "kwargs", "shown"), ADDRESSES)
def test_every_gunicorn_field_that_carries_the_address_is_redacted(name, kwargs, shown):
    fields = '"%(r)s" %(U)s q=%(q)s ref=%(f)s %({referer}i)s %({raw_uri}e)s %({path_info}e)s'
    logger, buffer = _gunicorn_logger(fields)
    path = _address(name, kwargs)

    line = _access_line(
        logger, buffer, path, query=f"key={SECRET}", referer=f"https://lab.example.org{path}"
    )

    assert SECRET not in line
    assert line == (
        f'"GET {shown} HTTP/1.1" {shown} q={PLACEHOLDER} ref=https://lab.example.org{shown} '
        f"https://lab.example.org{shown} {shown} {shown}\n"
    )


def test_gunicorn_keeps_ordinary_addresses_and_their_query():
    logger, buffer = _gunicorn_logger('"%(r)s" %(U)s q=%(q)s')

    line = _access_line(logger, buffer, "/fr/activities/", query="type=webinar")

    assert line == '"GET /fr/activities/?type=webinar HTTP/1.1" /fr/activities/ q=type=webinar\n'


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs", "shown"), ADDRESSES[:3])
def test_django_request_log_of_a_refused_token_carries_no_secret(
    client, caplog, name, kwargs, shown
):
    """These three answer an unknown token with a 4xx, which Django logs ("Not Found: ...")."""
    caplog.set_level(logging.INFO, logger="django.request")
    path = _address(name, kwargs)

    response = client.get(path)

    records = [r for r in caplog.records if r.name == "django.request"]
    # An unknown calendar or invitation is not found; an unsigned unsubscribe token is refused.
    assert response.status_code == {"unsubscribe": 400}.get(name, 404)
    assert len(records) == 1
    assert SECRET not in records[0].getMessage()
    assert records[0].getMessage().endswith(shown)
    assert records[0].request.path == shown
    assert SECRET not in repr(records[0].request.META)


@pytest.mark.parametrize(("name", "kwargs", "shown"), ADDRESSES)
def test_django_not_found_log_carries_no_secret(caplog, name, kwargs, shown):
    """Django's own request logging (as for a 404), for every secret address: allauth answers
    a bad reset or confirmation key with a page, so it is called directly here."""
    caplog.set_level(logging.INFO, logger="django.request")
    request = RequestFactory().get(_address(name, kwargs))

    log_response("Not Found: %s", request.path, response=HttpResponseNotFound(), request=request)

    assert [r.getMessage() for r in caplog.records] == [f"Not Found: {shown}"]


def test_stdout_and_error_email_handlers_redact():
    handlers = {h.name: h for h in logging.getLogger().handlers}
    handlers.update({h.name: h for h in logging.getLogger("django").handlers})

    for name in ("stdout", "mail_admins"):
        assert any(isinstance(f, RedactSecretsFilter) for f in handlers[name].filters), name
    assert any(
        isinstance(f, RedactSecretsFilter) for f in logging.getLogger("django.server").filters
    )


def test_runserver_request_line_carries_no_secret():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /calendar/{SECRET}.ics HTTP/1.1", "200", "512"),
        None,
    )

    RedactSecretsFilter().filter(record)

    assert record.getMessage() == f'"GET /calendar/{PLACEHOLDER} HTTP/1.1" 200 512'


@pytest.mark.django_db
def test_error_email_carries_no_secret(settings):
    settings.ADMINS = [("Operators", "ops@example.org")]
    settings.DEBUG = False
    path = _address("accounts:invitation", {"token": SECRET})
    request = RequestFactory().get(path, HTTP_REFERER=f"https://lab.example.org{path}")
    logger = logging.getLogger("django.request")

    def view(request, token):
        raise RuntimeError("boom")

    try:
        view(request, token=SECRET)
    except RuntimeError:
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=True,
            extra={"status_code": 500, "request": request},
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert SECRET not in message.subject
    assert SECRET not in message.body
    assert f"/fr/accounts/invitation/{PLACEHOLDER}" in message.subject
    assert request.path == path  # the request being answered is left as it was


def test_error_report_hides_token_variables():
    request = RequestFactory().get(_address("personal_calendar", {"token": SECRET}))

    def view(request, token):
        raise RuntimeError("boom")

    try:
        view(request, token=SECRET)
    except RuntimeError as error:
        reporter = ExceptionReporter(request, type(error), error, error.__traceback__)
        frames = reporter.get_traceback_frames()

    variables = dict(frames[-1]["vars"])
    assert variables["token"] == "********************"
    assert SECRET not in variables["request"]
    assert f"/calendar/{PLACEHOLDER}" in variables["request"]


def test_fixed_pages_next_to_secret_addresses_stay_readable():
    assert redact("/en/accounts/password/reset/key/done/") == (
        "/en/accounts/password/reset/key/done/"
    )
    assert redact("/en/accounts/confirm-email/") == "/en/accounts/confirm-email/"
    assert redact("Not Found: /en/activities/12/") == "Not Found: /en/activities/12/"


def test_every_secret_url_name_is_in_the_url_conf():
    assert set(secret_url_patterns()) == SECRET_URL_NAMES


def _captured_names(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _captured_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, set(pattern.pattern.regex.groupindex)


def test_every_url_capturing_a_token_or_key_is_redacted():
    """A new address with a secret in it must be added to core.logredact.SECRET_URL_NAMES."""
    secret_like = {
        name
        for name, groups in _captured_names()
        if any(word in group for group in groups for word in ("token", "key", "secret"))
    }

    assert secret_like <= SECRET_URL_NAMES, secret_like - SECRET_URL_NAMES
