"""Server time of the activity pages with a busy year of data.

Creates 1,000 activities (three-language titles and descriptions, one to three host
organisations, topics) and 20,000 registrations in a throwaway database, then times, through
Django's test client (no network), as a signed-in partner:
- the upcoming list (/es/activities/), the past list, a filtered and searched list;
- the detail page of the busiest activity (its "who is coming" lists everyone);
- the Atom feed and the public .ics calendar.

Run: .venv/bin/python benchmarks/activities.py [--repeat 100]
     DATABASE_URL=postgres://... .venv/bin/python benchmarks/activities.py
"""

import argparse
import datetime
import random

from _common import setup_django, summary, time_requests

ACTIVITIES = 1000
REGISTRATIONS = 20000
PEOPLE = 1000


def populate() -> tuple:
    from django.utils import timezone

    from accounts.models import User
    from activities.models import Activity, Registration
    from partners.models import FocusArea, Membership, Organisation

    rng = random.Random(7)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisation {n}",
            slug=f"organisation-{n}",
            country="SN",
            region="west_central_africa",
            visibility=["public", "community", "hidden"][n % 3],
        )
        for n in range(60)
    )
    people = User.objects.bulk_create(
        User(email=f"person{n}@example.org", display_name=f"Person {n}", language="es")
        for n in range(PEOPLE)
    )
    Membership.objects.bulk_create(
        Membership(user=person, organisation=organisations[n % 60])
        for n, person in enumerate(people)
    )
    now = timezone.now()
    kinds = [
        "call",
        "webinar",
        "retreat",
        "convening",
        "peer_mentoring",
        "group_discussion",
        "community_building",
        "collaborative_product",
    ]
    activities = Activity.objects.bulk_create(
        Activity(
            type=kinds[n % len(kinds)],
            title_en=f"Learning Lab call number {n}",
            title_es=f"Llamada del Learning Lab número {n}",
            title_fr=f"Appel du Learning Lab numéro {n}",
            description_en="Partners share what works. " * 20,
            description_es="Las socias comparten lo que funciona. " * 20,
            description_fr="Les partenaires partagent ce qui marche. " * 20,
            spoken_languages=["en", "es", "fr"][n % 3],
            interpretation_languages="es,fr",
            starts_at=now + datetime.timedelta(hours=(n - 500) * 9),
            ends_at=now + datetime.timedelta(hours=(n - 500) * 9 + 2),
            timezone="Africa/Dakar",
            status="scheduled" if n >= 500 else "completed",
            audience="public" if n % 4 == 0 else "community",
            capacity=None if n % 5 else 40,
        )
        for n in range(ACTIVITIES)
    )
    hosts = Activity.host_organisations.through
    hosts.objects.bulk_create(
        hosts(activity=activity, organisation=organisation)
        for activity in activities
        for organisation in rng.sample(organisations, rng.randint(1, 3))
    )
    topics = Activity.focus_areas.through
    areas = list(FocusArea.objects.all())
    topics.objects.bulk_create(
        topics(activity=activity, focusarea=area)
        for activity in activities
        for area in rng.sample(areas, 2)
    )
    busiest = activities[600]
    pairs = {(busiest.pk, person.pk) for person in people[:400]}
    while len(pairs) < REGISTRATIONS:
        pairs.add((rng.choice(activities).pk, rng.choice(people).pk))
    Registration.objects.bulk_create(
        (Registration(activity_id=a, user_id=u, interpretation_language="fr") for a, u in pairs),
        batch_size=2000,
    )
    return people[0], busiest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client

    viewer, busiest = populate()
    client = Client()
    client.force_login(viewer)
    visitor = Client()
    pages = [
        ("upcoming list", client, "/es/activities/"),
        ("past list", client, "/es/activities/?when=past"),
        ("filtered + search", client, "/es/activities/?language=fr&type=webinar&q=llamada"),
        (
            f"detail ({busiest.registrations.count()} registered)",
            client,
            f"/es/activities/{busiest.pk}/",
        ),
        ("Atom feed", visitor, "/es/activities/feed/"),
        ("public .ics", visitor, "/es/activities/public.ics"),
    ]
    print(
        f"{connection.vendor}: {ACTIVITIES} activities, {REGISTRATIONS} registrations, "
        f"{args.repeat} requests per page"
    )
    for name, who, path in pages:
        print(f"  {name:<32} {summary(time_requests(who, path, args.repeat))}")


if __name__ == "__main__":
    main()
