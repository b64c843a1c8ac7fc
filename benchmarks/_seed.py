"""Shared by benchmarks/throughput.py and benchmarks/server_time.py: a throwaway PostgreSQL
database, benchmarks/activities.py's busy year of data (imported, not copied), the pages worth
measuring in it, and ten times as much data for the scaling check."""

import contextlib
import datetime
import importlib.util
import random
import sys
import uuid
from pathlib import Path

POSTGRES = "postgres://postgres@127.0.0.1:5432"


def load_activities_benchmark():
    """benchmarks/activities.py as a module. Not `import activities`: that name is the Django
    app's (the project root comes first on sys.path)."""
    if "bench_activities" not in sys.modules:
        path = Path(__file__).resolve().parent / "activities.py"
        spec = importlib.util.spec_from_file_location("bench_activities", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["bench_activities"] = module
    return sys.modules["bench_activities"]


@contextlib.contextmanager
def throwaway_database(server: str = POSTGRES, keep: bool = False):
    """A new, empty PostgreSQL database on `server` (a URL without a database name); yields its
    URL and drops it afterwards (unless `keep`), whatever happened in between."""
    import psycopg

    server = server.rstrip("/")
    name = f"ll_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        if keep:
            print(f"\n(kept the database: {server}/{name})")
        else:
            # Django's own connection to it must be closed first (FORCE ends any other).
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
            with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def populate():
    """benchmarks/activities.py's populate(): 1,000 activities, 20,000 registrations, 1,000
    people in 60 organisations. Returns (a partner, the busiest activity)."""
    return load_activities_benchmark().populate()


def public_activity(*, exclude=None):
    """A typical page a visitor can open: the soonest upcoming public scheduled activity with a
    public host (a visitor is not shown hidden or community-only organisations)."""
    from django.utils import timezone

    from activities.models import Activity

    candidates = (
        Activity.objects.filter(
            audience="public",
            status="scheduled",
            starts_at__gte=timezone.now(),
            host_organisations__visibility="public",
        )
        .distinct()
        .order_by("starts_at", "pk")
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    activity = candidates.first()
    if activity is None:
        raise SystemExit("populate() made no upcoming public activity with a public host")
    return activity


def scale_up(factor: int, *, seed: int = 11) -> None:
    """Grow populate()'s data to `factor` times as much: (factor - 1) x 1,000 activities, 1,000
    people and 20,000 registrations more, with bulk_create in batches.

    Most new activities are in the past (completed, years back, one every few hours), a few
    hundred upcoming within populate()'s half year ahead; people join the same 60 organisations;
    registrations are spread at random over every activity and person."""
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from activities.models import Activity, Registration
    from partners.models import FocusArea, Membership, Organisation

    bench = load_activities_benchmark()
    rng = random.Random(seed)
    more = factor - 1
    if more <= 0:
        return
    organisations = list(Organisation.objects.order_by("pk"))
    areas = list(FocusArea.objects.all())
    start = User.objects.count()
    people = User.objects.bulk_create(
        (
            User(email=f"person{n}@example.org", display_name=f"Person {n}", language="es")
            for n in range(start, start + bench.PEOPLE * more)
        ),
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        (
            Membership(user=person, organisation=organisations[n % len(organisations)])
            for n, person in enumerate(people)
        ),
        batch_size=2000,
    )
    now = timezone.now()
    kinds = [choice for choice, _label in Activity._meta.get_field("type").choices]
    new_activities = bench.ACTIVITIES * more
    upcoming = 300 * more // 9  # 300 more at ten times the data: 800 upcoming in all
    past_start = now - datetime.timedelta(hours=500 * 9)

    def activity(n: int) -> Activity:
        if n < upcoming:
            starts = now + datetime.timedelta(hours=rng.randint(1, 500 * 9))
            status = "scheduled"
        else:
            starts = past_start - datetime.timedelta(hours=(n - upcoming + 1) * 5)
            status = "completed"
        number = bench.ACTIVITIES + n
        return Activity(
            type=kinds[number % len(kinds)],
            title_en=f"Learning Lab call number {number}",
            title_es=f"Llamada del Learning Lab número {number}",
            title_fr=f"Appel du Learning Lab numéro {number}",
            description_en="Partners share what works. " * 20,
            description_es="Las socias comparten lo que funciona. " * 20,
            description_fr="Les partenaires partagent ce qui marche. " * 20,
            spoken_languages=["en", "es", "fr"][number % 3],
            interpretation_languages="es,fr",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            timezone="Africa/Dakar",
            status=status,
            audience="public" if number % 4 == 0 else "community",
            capacity=None if number % 5 else 40,
        )

    activities = Activity.objects.bulk_create(
        (activity(n) for n in range(new_activities)), batch_size=1000
    )
    hosts = Activity.host_organisations.through
    hosts.objects.bulk_create(
        (
            hosts(activity=a, organisation=o)
            for a in activities
            for o in rng.sample(organisations, rng.randint(1, 3))
        ),
        batch_size=5000,
    )
    topics = Activity.focus_areas.through
    topics.objects.bulk_create(
        (topics(activity=a, focusarea=area) for a in activities for area in rng.sample(areas, 2)),
        batch_size=5000,
    )
    activity_ids = list(Activity.objects.values_list("pk", flat=True))
    person_ids = list(User.objects.values_list("pk", flat=True))
    existing = set(Registration.objects.values_list("activity_id", "user_id"))
    pairs = set(existing)
    wanted = len(pairs) + bench.REGISTRATIONS * more
    while len(pairs) < wanted:
        pairs.add((rng.choice(activity_ids), rng.choice(person_ids)))
    Registration.objects.bulk_create(
        (
            Registration(activity_id=a, user_id=u, interpretation_language="fr")
            for a, u in pairs - existing
        ),
        batch_size=5000,
    )
    # As autovacuum would have done on a database that grew to this size over the years.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def counts() -> str:
    from accounts.models import User
    from activities.models import Activity, Registration

    upcoming = Activity.objects.filter(status="scheduled").count()
    return (
        f"{Activity.objects.count():,} activities ({upcoming:,} scheduled), "
        f"{Registration.objects.count():,} registrations, {User.objects.count():,} people"
    )
