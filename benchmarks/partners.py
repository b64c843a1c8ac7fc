"""Measure the partner pages as the issue asks, on a throwaway database.

- the directory's server time at 200 organisations: median of repeated requests through Django's
  test client (no network), for a signed-in partner (the heaviest visibility query);
- the map page's first-visit transfer: the HTML and every file it loads, gzip-compressed as
  whitenoise/Caddy serve them, plus the number of requests.

Run: .venv/bin/python benchmarks/partners.py [--organisations 200] [--repeat 50]
(DATABASE_URL picks the database; by default a temporary SQLite file.)
"""

import argparse
import gzip
import re
import statistics
from pathlib import Path

from _common import setup_django, time_requests


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    setup_django()
    from django.contrib.staticfiles import finders
    from django.test import Client

    from accounts.models import User
    from partners.enums import MembershipRole, Region, Visibility
    from partners.models import FocusArea, Membership, Organisation, WorkingLanguage

    areas = list(FocusArea.objects.all())
    languages = list(WorkingLanguage.objects.all())
    countries = ["GT", "CO", "PE", "HT", "SN", "CD", "BF", "CM", "KE", "MW", "ET", "NP", "IN"]
    visibilities = [Visibility.PUBLIC, Visibility.COMMUNITY, Visibility.HIDDEN]
    for number in range(args.organisations):
        organisation = Organisation.objects.create(
            name=f"Organisation {number:03d}",
            slug=f"organisation-{number:03d}",
            country=countries[number % len(countries)],
            region=Region.LATIN_AMERICA,
            visibility=visibilities[number % 3],
            description_en="Community health promoters and girls' clubs. " * 4,
            description_es="Promotoras de salud comunitaria y clubes de niñas. " * 4,
        )
        organisation.focus_areas.set(areas[number % 4 : number % 4 + 2])
        organisation.working_languages.set(languages[number % 5 : number % 5 + 2])
    user = User.objects.create_user(email="bench@example.org", display_name="B")
    Membership.objects.create(
        user=user, organisation=Organisation.objects.first(), role=MembershipRole.MEMBER
    )

    client = Client()
    client.force_login(user)
    timings = time_requests(client, "/en/partners/", args.repeat)

    visitor = Client()
    page = visitor.get("/en/partners/map/")
    html = page.content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    sizes = {"HTML": len(gzip.compress(html, 9))}
    for asset in assets:
        path = finders.find(asset.decode().removeprefix("/static/"))
        sizes[asset.decode()] = len(gzip.compress(Path(path).read_bytes(), 9))

    print(f"Directory, {args.organisations} organisations, signed-in partner, {args.repeat} runs:")
    print(
        f"  median {statistics.median(timings):.1f} ms, p90 "
        f"{statistics.quantiles(timings, n=10)[-1]:.1f} ms, min {min(timings):.1f} ms"
    )
    print(f"Map page first visit (visitor), gzip: {len(sizes)} requests")
    for name, size in sizes.items():
        print(f"  {name:<55} {size / 1024:6.1f} KB")
    print(f"  {'total':<55} {sum(sizes.values()) / 1024:6.1f} KB")


if __name__ == "__main__":
    main()
