"""Load on loopback: 200 partners browsing and 100 registering at once for one retreat with 60
places, against gunicorn and PostgreSQL; then the same browsing load on a trivial view.

Reports requests per second, median and 95th percentile latency, errors (5xx must be zero),
checks that exactly 60 got places and 40 are on the waiting list, and the list page's
throughput as a ratio of the trivial view's. Bounded in time (--seconds per phase).

Run (needs PostgreSQL and Redis; a throwaway database):
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/learninglab_bench \\
  REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python benchmarks/load.py
"""

import argparse
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from _common import BASE_DIR, setup_django

PORT = 8765


def _session_for(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}

    def add(self, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds * 1000)
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def report(self, name: str, elapsed: float) -> float:
        rps = len(self.latencies) / elapsed
        p95 = statistics.quantiles(self.latencies, n=20)[-1]
        errors = sum(n for status, n in self.statuses.items() if status >= 500)
        print(
            f"  {name:<30} {len(self.latencies):>6} requests  {rps:7.1f} req/s  "
            f"median {statistics.median(self.latencies):6.1f} ms  p95 {p95:7.1f} ms  "
            f"5xx {errors}  statuses {dict(sorted(self.statuses.items()))}"
        )
        return rps


def _request(conn, method, path, session, recorder, body=None, csrf=None):
    headers = {
        "Cookie": f"sessionid={session}" + (f"; csrftoken={csrf}" if csrf else ""),
        "Host": "127.0.0.1",
    }
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["X-CSRFToken"] = csrf
    started = time.perf_counter()
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    content = response.read()
    recorder.add(response.status, time.perf_counter() - started)
    return response, content


def browse(session, paths, until, recorder):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    while time.monotonic() < until:
        _request(conn, "GET", random.choice(paths), session, recorder)


def register(session, path, start_event, recorder):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    _response, content = _request(conn, "GET", path, session, recorder)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
    start_event.wait()
    _request(conn, "POST", path + "register/", session, recorder, body="", csrf=token)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--browsers", type=int, default=200)
    parser.add_argument("--registering", type=int, default=100)
    parser.add_argument("--workers", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from activities.enums import RegistrationStatus
    from activities.models import Registration
    from tests.factories import ActivityFactory, MembershipFactory, OrganisationFactory

    host = OrganisationFactory(visibility="public")
    activities = [ActivityFactory(hosts=[host]) for _ in range(40)]
    retreat = ActivityFactory(hosts=[host], type="retreat", capacity=60, title_en="Convening")
    people = [
        MembershipFactory(organisation=host).user for _ in range(args.browsers + args.registering)
    ]
    sessions = [_session_for(person) for person in people]
    static_root = tempfile.mkdtemp()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": static_root,
        "CELERY_QUEUE": f"load-{uuid.uuid4().hex[:8]}",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            str(args.workers),
            "--threads",
            "4",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    try:
        time.sleep(4)
        paths = ["/es/activities/"] + [f"/es/activities/{a.pk}/" for a in activities[:10]]
        browsing, registering = Recorder(), Recorder()
        go = threading.Event()
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=browse, args=(sessions[i], paths, until, browsing))
            for i in range(args.browsers)
        ]
        threads += [
            threading.Thread(
                target=register,
                args=(
                    sessions[args.browsers + i],
                    f"/es/activities/{retreat.pk}/",
                    go,
                    registering,
                ),
            )
            for i in range(args.registering)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(2)
        go.set()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        print(
            f"gunicorn: {args.workers} workers x 4 threads; {args.browsers} browsing and "
            f"{args.registering} registering for {args.seconds} s"
        )
        list_rps = browsing.report("browsing (list + detail)", elapsed)
        registering.report("registering (page + POST)", elapsed)
        confirmed = Registration.objects.filter(
            activity=retreat, status=RegistrationStatus.CONFIRMED
        ).count()
        waiting = Registration.objects.filter(
            activity=retreat, status=RegistrationStatus.WAITLISTED
        ).count()
        print(f"  retreat: {confirmed} places, {waiting} waiting")

        trivial = Recorder()
        until = time.monotonic() + args.seconds / 2
        threads = [
            threading.Thread(target=browse, args=(sessions[i], ["/healthz"], until, trivial))
            for i in range(args.browsers)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        trivial_rps = trivial.report("trivial view (/healthz)", time.monotonic() - started)
        print(f"  list pages / trivial view throughput: {list_rps / trivial_rps:.2f}")
    finally:
        server.terminate()
        server.wait(timeout=20)
        call_command("flush", "--noinput", verbosity=0)


if __name__ == "__main__":
    main()
