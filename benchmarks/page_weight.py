"""What a first visit to each main page costs a phone on a slow connection: requests and bytes
transferred (gzip, as whitenoise and Caddy serve them), against the budget of 120 KB and 8
requests. Pages are fetched through Django's test client with the demo data loaded.

Run: .venv/bin/python benchmarks/page_weight.py
"""

import gzip
import io
import re
from pathlib import Path

from _common import setup_django

BUDGET_BYTES = 120 * 1024
BUDGET_REQUESTS = 8
ASSET = re.compile(rb'(?:href|src)="(/static/[^"]+)"')
# Photos (stories) are served through the app, already compressed: their bytes count as sent,
# all of them (as if the reader scrolled to the end). Photos marked loading="lazy" are asked for
# only as they scroll into view, so they are shown apart and not held to the request budget.
IMAGE = re.compile(rb"<img[^>]+>")
IMAGE_SRC = re.compile(rb'src="(/(?!static/)[^"]+)"')


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User
    from activities.models import Activity
    from campaigns.models import Campaign
    from resources.models import Resource
    from stories.models import Story

    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0, stdout=io.StringIO())
    settings.DEBUG = False
    public_webinar = Activity.objects.filter(audience="public", status="scheduled").first()
    partner = User.objects.get(email="ana@mujeresunidas.example")
    story = Story.objects.filter(audience="public", state="published").order_by("pk").first()
    sixteen_days = Campaign.objects.filter(slug__startswith="16-days-").get()
    toolkit = Resource.objects.filter(visibility="public").order_by("pk").first()
    visitor, member = Client(), Client()
    member.force_login(partner)
    pages = [
        ("home (visitor)", visitor, "/es/"),
        ("public webinar (visitor)", visitor, f"/fr/activities/{public_webinar.pk}/"),
        ("partner map (visitor)", visitor, "/fr/partners/map/"),
        ("activities (partner)", member, "/es/activities/"),
        ("activity + register form (partner)", member, f"/es/activities/{public_webinar.pk}/"),
        ("partner directory (partner)", member, "/es/partners/"),
        ("propose an activity (partner)", member, "/es/working-group/propose/"),
        ("open survey (partner)", member, "/es/feedback/"),
        ("library, Spanish toolkits (visitor)", visitor, "/es/library/?q=toolkit"),
        ("a resource (visitor)", visitor, f"/fr/library/{toolkit.pk}/"),
        ("partner stories (visitor)", visitor, "/es/stories/"),
        ("a story (visitor)", visitor, f"/fr/stories/{story.pk}/"),
        ("campaigns (visitor)", visitor, "/fr/campaigns/"),
        ("16 Days campaign (visitor)", visitor, f"/es/campaigns/{sixteen_days.slug}/"),
        ("16 Days campaign (partner)", member, f"/es/campaigns/{sixteen_days.slug}/"),
        (
            "campaign calendar (visitor)",
            visitor,
            f"/fr/campaigns/calendar/?year={sixteen_days.starts_on.year}",
        ),
        ("coming convening (visitor)", visitor, "/fr/convenings/oaxaca/"),
        ("convening sessions form (partner)", member, "/es/convenings/oaxaca/register/"),
        ("past convening's archive (visitor)", visitor, "/en/convenings/nairobi/"),
        ("people directory (partner)", member, "/es/people/"),
        ("my community profile (partner)", member, "/es/people/me/"),
        ("a region (visitor)", visitor, "/fr/regions/latin_america/"),
        ("a region with its people (partner)", member, "/es/regions/latin_america/"),
        (
            "peer mentoring suggestions (partner)",
            member,
            "/es/mentoring/ask/?topic=skill:fundraising",
        ),
    ]
    print(f"{'page':<38} {'requests':>8} {'lazy':>6} {'KB (gzip)':>10}  within budget")
    for name, client, path in pages:
        response = client.get(path)
        html = response.content
        sizes = [len(gzip.compress(html, 9))]
        for asset in dict.fromkeys(ASSET.findall(html)):
            found = finders.find(asset.decode().removeprefix("/static/"))
            sizes.append(len(gzip.compress(Path(found).read_bytes(), 9)))
        lazy = []
        for tag in dict.fromkeys(IMAGE.findall(html)):
            src = IMAGE_SRC.search(tag)
            if src:
                size = len(_body(client.get(src.group(1).decode())))
                (lazy if b'loading="lazy"' in tag else sizes).append(size)
        total = sum(sizes) + sum(lazy)
        ok = total <= BUDGET_BYTES and len(sizes) <= BUDGET_REQUESTS
        verdict = "yes" if ok else "NO"
        print(f"{name:<38} {len(sizes):>8} {len(lazy):>6} {total / 1024:>10.1f}  {verdict}")


if __name__ == "__main__":
    main()
