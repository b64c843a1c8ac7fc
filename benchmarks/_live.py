"""A throwaway portal for the browser scripts (screenshots, LCP): its own SQLite database in a
temporary folder, migrated, with the demo community, served on a free port; and signed-in
sessions for demo accounts, made in that database only.

Development server (DEBUG on, as scripts/run) or production-like (DEBUG off, gunicorn,
collected and compressed static files served by whitenoise, as the Docker image).
"""

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = (
    str(BASE_DIR / ".venv" / "bin" / "python") if (BASE_DIR / ".venv").exists() else sys.executable
)
CHROMIUM = "/usr/bin/chromium"

# Run inside the throwaway portal's Django (manage.py shell): a session per demo account, as
# if each had signed in. Staff must have done two-factor authentication: in this throwaway
# database only, a staff account without an authenticator gets one (a fresh secret nobody
# knows), so the middleware lets the session through, as after a real second step.
_SESSIONS = """
import json
from django.conf import settings
from django.test import Client
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from accounts.models import User
from accounts.permissions import needs_mfa_setup
assert settings.DEBUG, "sessions for demo accounts are made on a development database only"
cookies = {}
for email in json.loads(%(emails)r):
    user = User.objects.get(email=email)
    if needs_mfa_setup(user):
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    cookies[email] = client.cookies[settings.SESSION_COOKIE_NAME].value
print("SESSIONS=" + json.dumps(cookies))
"""


def free_port(preferred: int | None = None) -> int:
    for port in [preferred] if preferred else []:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Portal:
    def __init__(self, workdir: Path, port: int, production: bool):
        self.workdir = workdir
        self.port = port
        self.production = production
        self.url = f"http://127.0.0.1:{port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{workdir}/portal.sqlite3",
            "DEBUG": "true",
            # One key for the whole run: sessions made before a production-like start stay valid.
            "SECRET_KEY": "throwaway-portal-key-" + secrets.token_urlsafe(32),
            "SITE_URL": self.url,
            "MEDIA_ROOT": str(workdir / "media"),
            # Tasks the demo data queues wait in a folder of their own; no worker runs them.
            "CELERY_BROKER_URL": "filesystem://",
            "CELERY_BROKER_DIR": str(workdir / "broker"),
        }
        for folder in ("out", "processed", "control"):
            (workdir / "broker" / folder).mkdir(parents=True, exist_ok=True)
        self.env.pop("REDIS_URL", None)
        self.server: subprocess.Popen | None = None

    def manage(self, *args: str, env: dict | None = None) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=BASE_DIR,
            env=env or self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def prepare(self) -> None:
        key = self.manage("feedback_keygen").strip()
        self.env["FEEDBACK_SEALING_KEYS"] = key
        self.manage("migrate", "--noinput")
        try:
            self.manage("build_translations")
        except SystemExit as problem:  # catalogues being edited: keep the compiled ones
            print(f"(translations not rebuilt: {str(problem)[:200]})", file=sys.stderr)
        self.manage("load_demo_data")

    def sessions(self, emails: list[str]) -> dict[str, str]:
        output = self.manage("shell", "-c", _SESSIONS % {"emails": json.dumps(emails)})
        line = next(line for line in output.splitlines() if line.startswith("SESSIONS="))
        return json.loads(line.removeprefix("SESSIONS="))

    def query(self, code: str) -> dict:
        """Run `code` in the portal's Django; it sets `result`, returned as JSON."""
        wrapped = code + "\nimport json\nprint('RESULT=' + json.dumps(result))\n"
        output = self.manage("shell", "-c", wrapped)
        line = next(line for line in output.splitlines() if line.startswith("RESULT="))
        return json.loads(line.removeprefix("RESULT="))

    def start(self) -> None:
        log = open(self.workdir / "server.log", "w")  # noqa: SIM115 (closed with the process)
        if self.production:
            env = {
                **self.env,
                "DEBUG": "false",
                # Pages compressed as Caddy compresses them in production (deploy/Caddyfile).
                "DJANGO_SETTINGS_MODULE": "benchmarks._caddy_like_settings",
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "false",
                "SECURE_HSTS_SECONDS": "0",
                "STATIC_ROOT": str(self.workdir / "static"),
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "WEB_CONCURRENCY": "2",
                "LOG_LEVEL": "WARNING",
            }
            self.manage("collectstatic", "--noinput", env=env)
            command = [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
        else:
            env = self.env
            command = [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"]
        self.server = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise SystemExit(f"the portal did not start: see {self.workdir}/server.log")
            try:
                urllib.request.urlopen(f"{self.url}/en/", timeout=2)  # noqa: S310 (loopback)
                return
            except OSError:
                time.sleep(0.3)
        raise SystemExit("the portal did not answer within 60 s")

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()


@contextlib.contextmanager
def demo_portal(*, production: bool = False, port: int | None = None) -> Iterator[Portal]:
    workdir = Path(tempfile.mkdtemp(prefix="learning-lab-"))
    portal = Portal(workdir, free_port(port), production)
    try:
        print(f"Preparing a throwaway portal in {workdir} (demo data)...", file=sys.stderr)
        portal.prepare()
        yield portal
    finally:
        portal.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def launch_chromium(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
    )


def session_cookie(value: str, url: str) -> dict:
    return {"name": "sessionid", "value": value, "url": url}
