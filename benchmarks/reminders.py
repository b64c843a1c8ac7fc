"""10,000 reminders due in the same minute, one real Celery worker and one beat, on PostgreSQL
and Redis, mail to files: how long until all are delivered, and was any sent twice?

Run (needs PostgreSQL and Redis):
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/learninglab_bench \\
  REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python benchmarks/reminders.py [--count 10000]
"""

import argparse
import datetime
import os
import tempfile
import time
from pathlib import Path

from _common import setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    setup_django()
    from django.utils import timezone

    from accounts.models import User
    from activities.models import Registration
    from notifications.enums import DeliveryStatus, Kind
    from notifications.models import Delivery
    from tests.factories import ActivityFactory
    from tests.processes import Cluster, wait_until

    activity = ActivityFactory(
        starts_at=timezone.now() + datetime.timedelta(hours=2),
        ends_at=timezone.now() + datetime.timedelta(hours=3),
    )
    people = User.objects.bulk_create(
        (
            User(
                email=f"r{n}@example.org",
                display_name=f"Person {n}",
                language=["en", "es", "fr"][n % 3],
                timezone="Africa/Dakar",
            )
            for n in range(args.count)
        ),
        batch_size=2000,
    )
    registrations = Registration.objects.bulk_create(
        (Registration(activity=activity, user=person) for person in people), batch_size=2000
    )
    Delivery.objects.bulk_create(
        (
            Delivery(
                key=f"reminder:{r.pk}:60",
                kind=Kind.REMINDER,
                user=r.user,
                activity=activity,
                registration=r,
                offset_minutes=60,
                due_at=timezone.now(),
            )
            for r in registrations
        ),
        batch_size=2000,
    )
    workdir = Path(tempfile.mkdtemp())
    print(f"logs and mail in {workdir}")
    cluster = Cluster(workdir, os.environ["REDIS_URL"], NOTIFICATIONS_BATCH=2000)
    sent = Delivery.objects.filter(status=DeliveryStatus.SENT)
    cluster.worker(
        "worker", concurrency=args.processes, pool=os.environ.get("BENCH_POOL", "prefork")
    )
    cluster.beat("beat")
    started = time.perf_counter()
    try:
        done = wait_until(lambda: sent.count() == args.count, timeout=600, interval=0.5)
        elapsed = time.perf_counter() - started
        messages = cluster.messages()
    finally:
        cluster.stop()
    ids = [message["Message-ID"] for message in messages]
    print(f"{args.count} reminders due at once, 1 worker ({args.processes} processes) + 1 beat")
    print(f"  all delivered: {done}, in {elapsed:.1f} s (from starting the worker and beat)")
    print(
        f"  emails written: {len(ids)}, distinct Message-IDs: {len(set(ids))}, "
        f"sent twice: {len(ids) - len(set(ids))}"
    )


if __name__ == "__main__":
    main()
