"""Server time of the activity list (issue 15): median and p95 at a busy year of data, and how
the median grows with ten times as much.

In one process, through Django's test client (no network, no gunicorn), like
benchmarks/activities.py, on a throwaway PostgreSQL database (created, dropped at the end):
1. populate() of benchmarks/activities.py: 1,000 activities, 20,000 registrations;
2. /es/activities/ as a returning visitor (stylesheet and time zone cookies) and as a signed-in
   partner (a community member registered for some activities), each `--repeat` times after
   a few unmeasured requests; then the visitor's list "cold": the cache cleared before each
   request (not timed), what the first visitor after a change pays;
3. `--scale 10`: 9,000 activities (most in the past, 300 upcoming), 9,000 people and 180,000
   registrations more (bulk_create, then ANALYZE), the cache cleared, the same rows again;
   then each median at 10x as a ratio of its median at 1x (issue 15's target: at most 1.5).

The cache: the test settings use a local-memory cache. With REDIS_URL set, the benchmark
measures with the real Redis cache instead, as production runs; REDIS_URL should name a spare
database number (e.g. /9): the script clears it (FLUSHDB) between measurements.

Targets (issue 15), at 1,000 activities / 20,000 registrations: median <= 10 ms, p95 <= 25 ms.

Run (prints Markdown):
  REDIS_URL=redis://127.0.0.1:6379/9 .venv/bin/python benchmarks/server_time.py
  REDIS_URL=redis://127.0.0.1:6379/9 .venv/bin/python benchmarks/server_time.py --scale 10
Options: --postgres URL (server to create the database on, default
postgres://postgres@127.0.0.1:5432), --repeat N (default 200), --keep-db.
"""

import argparse
import os
import platform
import statistics
import subprocess
import time

from _common import BASE_DIR, setup_django, time_requests
from _seed import POSTGRES, counts, populate, scale_up, throwaway_database

LIST = "/es/activities/"
MEDIAN_TARGET = 10.0
P95_TARGET = 25.0
SCALE_TARGET = 1.5


def use_redis_if_given() -> str:
    """The test settings force a local-memory cache; point the cache at REDIS_URL instead, the
    way override_settings does it (Django's setting_changed receiver rebuilds the cache
    handler). Returns a description of the cache measured with."""
    from django.conf import settings
    from django.core.cache import cache
    from django.test.utils import override_settings

    url = os.environ.get("REDIS_URL", "")
    if url:
        override_settings(
            CACHES={
                "default": {
                    "BACKEND": "core.redis_cache.RedisCache",
                    "LOCATION": url,
                    "KEY_PREFIX": "learninglab",
                }
            }
        ).enable()
    cache.clear()
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return f"{backend} ({url})" if url else f"{backend} (set REDIS_URL to use Redis)"


def time_cold(client, path: str, repeat: int) -> list[float]:
    """Like time_requests, with the cache emptied (untimed) before each request."""
    from django.core.cache import cache

    timings = []
    for _ in range(repeat):
        cache.clear()
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return timings


def p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=20)[-1]


def measure(clients: dict, repeat: int) -> dict[str, list[float]]:
    from django.core.cache import cache

    results = {}
    for name, client in clients.items():
        cache.clear()
        results[name] = time_requests(client, LIST, repeat, warmup=5)
    for name, client in clients.items():
        results[f"{name}, cold cache"] = time_cold(client, LIST, max(repeat // 4, 20))
    return results


def table(title: str, results: dict[str, list[float]], targets: bool) -> None:
    print(f"\n**{title}**\n")
    print("| /es/activities/ | requests | median ms | p95 ms | target | |")
    print("|---|---:|---:|---:|---|---|")
    for name, timings in results.items():
        median, high = statistics.median(timings), p95(timings)
        if targets and "cold" not in name:
            target = f"median ≤ {MEDIAN_TARGET:g}, p95 ≤ {P95_TARGET:g}"
            verdict = "pass" if median <= MEDIAN_TARGET and high <= P95_TARGET else "**FAIL**"
        else:
            target, verdict = "", ""
        print(f"| {name} | {len(timings)} | {median:.1f} | {high:.1f} | {target} | {verdict} |")


def git_ref() -> str:
    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=BASE_DIR, capture_output=True, text=True, check=False
        ).stdout.strip()

    dirty = " + uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    return f"{git('describe', '--tags', '--always')} ({git('rev-parse', '--short', 'HEAD')}){dirty}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--scale", type=int, default=1, help="also measure at N times the data")
    parser.add_argument("--postgres", default=POSTGRES)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    with throwaway_database(args.postgres, keep=args.keep_db) as url:
        os.environ["DATABASE_URL"] = url
        setup_django()
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        from core.stylesheet import _bundle

        cache_used = use_redis_if_given()
        started = time.perf_counter()
        partner, _busiest = populate()
        seeded = time.perf_counter() - started
        visitor = Client()
        visitor.cookies["ll_css"] = _bundle()[1]
        visitor.cookies[settings.TIMEZONE_COOKIE_NAME] = "Africa/Dakar"
        signed_in = Client()
        signed_in.force_login(partner)
        signed_in.cookies["ll_css"] = _bundle()[1]
        clients = {"visitor": visitor, "signed-in partner": signed_in}

        print("## Server time of the activity list (benchmarks/server_time.py)\n")
        print(f"- code: {git_ref()}")
        print(f"- {connection.vendor} {connection.pg_version // 10000}, cache: {cache_used}")
        print(
            f"- machine: {os.cpu_count()} cores, Python {platform.python_version()}; "
            "Django test client in one process (no network, no gunicorn)"
        )
        print(
            f"- partner: {partner.display_name}, member of an organisation, registered for "
            f"{partner.registrations.count()} activities"
        )
        print(f"- 1x data: {counts()} (populate: {seeded:.0f} s)")
        print(f"- load average (1 min) before the measurements: {os.getloadavg()[0]:.1f}")
        base = measure(clients, args.repeat)
        table("1x: 1,000 activities, 20,000 registrations", base, targets=True)

        if args.scale > 1:
            started = time.perf_counter()
            scale_up(args.scale)
            grown = time.perf_counter() - started
            print(f"\n- {args.scale}x data: {counts()} (added in {grown:.0f} s)")
            scaled = measure(clients, args.repeat)
            table(f"{args.scale}x: {counts()}", scaled, targets=False)
            print(f"\n**Median at {args.scale}x / median at 1x**\n")
            print(f"| /es/activities/ | 1x median | {args.scale}x median | ratio | target | |")
            print("|---|---:|---:|---:|---|---|")
            for name in base:
                before, after = statistics.median(base[name]), statistics.median(scaled[name])
                ratio = after / before
                checked = "cold" not in name
                verdict = ("pass" if ratio <= SCALE_TARGET else "**FAIL**") if checked else ""
                target = f"≤ {SCALE_TARGET:g}" if checked else ""
                print(
                    f"| {name} | {before:.1f} | {after:.1f} | {ratio:.2f} | {target} | {verdict} |"
                )
        print(f"\n(load average (1 min) at the end: {os.getloadavg()[0]:.1f})")
        from django.core.cache import cache

        cache.clear()
        connection.close()


if __name__ == "__main__":
    main()
