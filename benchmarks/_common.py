"""Shared set-up for the benchmarks: a throwaway database with the real settings and schema."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def setup_django() -> None:
    """Django on DATABASE_URL, or a temporary SQLite file; migrated, ready for a test client."""
    workdir = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings_test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Not setup_test_environment(): it instruments template rendering, which would be measured.
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)


def time_requests(client, path: str, repeat: int, warmup: int = 5) -> list[float]:
    """Server time in milliseconds of `repeat` GETs of `path` (after `warmup` unmeasured)."""
    for _ in range(warmup):
        client.get(path)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return timings


def summary(timings: list[float]) -> str:
    p95 = statistics.quantiles(timings, n=20)[-1]
    return f"median {statistics.median(timings):6.1f} ms   p95 {p95:6.1f} ms"
