"""gunicorn settings for the web container, overridable through the environment."""

import multiprocessing
import os

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak never becomes an outage.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# Client addresses and paths only: no query strings, which may carry tokens.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")


class RedactingLogger(Logger):
    """gunicorn's logger, with the secret in calendar, invitation, password reset, email
    confirmation and unsubscribe addresses replaced (core.logredact) in every field that can
    carry a path: the request line, the path, the query, the referer, the raw URI."""

    ADDRESS_ATOMS = (
        "r",
        "U",
        "f",
        "{referer}i",
        "{raw_uri}e",
        "{path_info}e",
        "{request_uri}e",
        "{http_referer}e",
    )

    def atoms(self, resp, req, environ, request_time):
        # Imported here: access lines are written by workers, once the Django app is loaded.
        from core.logredact import PLACEHOLDER, redact

        atoms = super().atoms(resp, req, environ, request_time)
        for key in self.ADDRESS_ATOMS:
            if key in atoms:
                atoms[key] = redact(atoms[key])
        if atoms.get("U") != environ.get("PATH_INFO") and atoms.get("q"):
            # The query of a secret address may carry the secret too.
            atoms["q"] = atoms["{query_string}e"] = PLACEHOLDER
        return atoms


logger_class = RedactingLogger
