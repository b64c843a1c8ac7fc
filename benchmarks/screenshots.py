"""Screenshots of every main page, as every role, in English, Spanish and French, at phone
(390x844) and desktop (1366x900) size, with the demo community, into var/screenshots/ (ignored
by git): var/screenshots/<role>/<language>/<page>-<size>.png, and an index.html to browse them.

A throwaway portal is started for it (its own SQLite database in a temporary folder, the demo
data, the development server on a free port); signed-in roles get a session made directly in
that database (staff with two-factor authentication done), so no password or code is typed.

Run: scripts/screenshots [--roles visitor,staff] [--languages es] [--pages home,map] [--out DIR]
"""

import argparse
import html
import sys
import time
from pathlib import Path

from _live import BASE_DIR, demo_portal, launch_chromium, session_cookie

SIZES = {"phone": (390, 844), "desktop": (1366, 900)}
LANGUAGES = ["en", "es", "fr"]
# role -> demo account (None: a visitor, not signed in)
ROLES = {
    "visitor": None,
    "ana-partner-lead-es": "ana@mujeresunidas.example",
    "aminata-partner-fr": "aminata@femmesdebout.example",
    "achieng-partner-en": "achieng@tujenge.example",
    "nadege-hidden-organisation": "nadege@fanmvanyan.example",
    "equipo-staff": "equipo@learninglab.example",
}
# page -> path after the language prefix; {names} come from the demo data (_IDS below)
PAGES = {
    "home": "",
    "activities": "activities/",
    "activity-public": "activities/{public_activity}/",
    "activity-community": "activities/{community_activity}/",
    "my-activities": "activities/mine/",
    "my-calendar": "activities/calendar/",
    "partners": "partners/",
    "partner-profile": "partners/{public_partner}/",
    "map": "partners/map/",
    "working-group": "working-group/",
    "working-group-queue": "working-group/queue/",
    "working-group-item": "working-group/items/{item}/",
    "working-group-meeting": "working-group/meetings/{meeting}/",
    "feedback": "feedback/",
    "feedback-answer": "feedback/{open_survey}/",
    "feedback-results": "feedback/{results_survey}/results/",
    "library": "library/",
    "resource": "library/{public_resource}/",
    "stories": "stories/",
    "story": "stories/{public_story}/",
    "campaigns": "campaigns/",
    "campaign": "campaigns/{sixteen_days}/",
    "campaign-calendar": "campaigns/calendar/?year={sixteen_days_year}",
    "convenings": "convenings/",
    "convening": "convenings/oaxaca/",
    "convening-register": "convenings/oaxaca/register/",
    "convening-programme": "convenings/oaxaca/my-programme/",
    "convening-archive": "convenings/nairobi/",
    "people": "people/",
    "person": "people/{listed_person}/",
    "my-people-profile": "people/me/",
    "mentoring": "mentoring/",
    "mentoring-ask": "mentoring/ask/?topic=skill:fundraising",
    "mentoring-request": "mentoring/{mentoring_pair}/",
    "regions": "regions/",
    "region": "regions/latin_america/",
    "profile": "accounts/profile/",
    "sign-in": "accounts/login/",
    "not-found": "no-such-page/",
}
# Signed-in people are sent away from the sign-in page; the visitor's community activity is the
# community-only page ("this is for the community: sign in").
SKIP = {
    ("visitor", page)
    for page in (
        "my-activities",
        "my-calendar",
        "profile",
        "convening-register",
        "convening-programme",
        "people",
        "person",
        "my-people-profile",
        "mentoring",
        "mentoring-ask",
        "mentoring-request",
    )
}
SIGNED_OUT_ONLY = {"sign-in"}

_IDS = """
from django.db.models import Count
from activities.models import Activity
from campaigns.models import Campaign
from feedback.models import Survey
from partners.models import Organisation
from mentoring.models import MentoringRequest
from people.models import Profile
from resources.models import Resource
from stories.models import Story
from workinggroup.models import Item, Meeting
upcoming = Activity.objects.filter(status="scheduled").order_by("starts_at")
published = Meeting.objects.filter(state="published").order_by("-pk")
surveys = Survey.objects.filter(kind="survey").annotate(n=Count("responses")).order_by("-n")
result = {
    "public_activity": upcoming.filter(audience="public").first().pk,
    "community_activity": upcoming.filter(audience="community").first().pk,
    "public_partner": Organisation.objects.filter(visibility="public").order_by("name")[0].slug,
    "item": Item.objects.exclude(state__in=["draft", "withdrawn", "hidden"]).order_by("pk")[0].pk,
    "meeting": (published.first() or Meeting.objects.order_by("-pk").first()).pk,
    "open_survey": Survey.objects.filter(kind="survey").order_by("-opens_on").first().pk,
    "results_survey": surveys.first().pk,
    "public_resource": Resource.objects.filter(visibility="public").order_by("pk")[0].pk,
    "sixteen_days": Campaign.objects.get(slug__startswith="16-days-").slug,
    "sixteen_days_year": Campaign.objects.get(slug__startswith="16-days-").starts_on.year,
    "listed_person": Profile.objects.filter(
        visibility="community", listed_if_hidden=False
    ).order_by("pk")[0].user_id,
    "mentoring_pair": MentoringRequest.objects.filter(state="accepted").order_by("pk")[0].pk,
    "public_story": Story.objects.filter(audience="public", state="published").order_by("pk")[0].pk,
}
"""


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", default=",".join(ROLES), help="comma-separated roles")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated pages")
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--out", default=str(BASE_DIR / "var" / "screenshots"))
    parser.add_argument("--port", type=int, help="preferred port (else a free one)")
    return parser.parse_args()


def _pick(value: str, allowed, what: str) -> list[str]:
    chosen = [item for item in value.split(",") if item]
    unknown = [item for item in chosen if item not in allowed]
    if unknown:
        raise SystemExit(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(allowed)})")
    return chosen


def main() -> None:
    args = _arguments()
    roles = _pick(args.roles, ROLES, "roles")
    languages = _pick(args.languages, LANGUAGES, "languages")
    pages = _pick(args.pages, PAGES, "pages")
    sizes = _pick(args.sizes, SIZES, "sizes")
    out = Path(args.out)

    from playwright.sync_api import sync_playwright

    rows = []
    started = time.monotonic()
    with demo_portal(port=args.port) as portal:
        ids = portal.query(_IDS)
        sessions = portal.sessions([ROLES[role] for role in roles if ROLES[role]])
        portal.start()
        print(f"Portal on {portal.url}; writing to {out}/", file=sys.stderr)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for role in roles:
                email = ROLES[role]
                for language in languages:
                    for size in sizes:
                        width, height = SIZES[size]
                        context = browser.new_context(
                            viewport={"width": width, "height": height}, locale=language
                        )
                        if email:
                            context.add_cookies([session_cookie(sessions[email], portal.url)])
                        page = context.new_page()
                        for name in pages:
                            if (role, name) in SKIP or (email and name in SIGNED_OUT_ONLY):
                                continue
                            path = f"/{language}/" + PAGES[name].format(**ids)
                            response = page.goto(portal.url + path, wait_until="load")
                            target = out / role / language / f"{name}-{size}.png"
                            target.parent.mkdir(parents=True, exist_ok=True)
                            page.screenshot(path=str(target), full_page=True)
                            status = response.status if response else 0
                            landed = page.url.removeprefix(portal.url)
                            rows.append((role, language, name, size, status, landed, target))
                            print(f"{status} {role:<28} {language} {name:<22} {size:<7} {landed}")
                        context.close()
            browser.close()
    _write_index(out, rows)
    print(
        f"\n{len(rows)} screenshots in {time.monotonic() - started:.0f} s: {out}/index.html",
        file=sys.stderr,
    )


def _write_index(out: Path, rows) -> None:
    """index.txt (one line per screenshot) and index.html (thumbnails, by role and language)."""
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        f"{role}\t{language}\t{name}\t{size}\t{status}\t{landed}\t{target.relative_to(out)}"
        for role, language, name, size, status, landed, target in rows
    ]
    (out / "index.txt").write_text(
        "role\tlanguage\tpage\tsize\tstatus\taddress\tfile\n" + "\n".join(lines) + "\n"
    )
    parts = ["<!doctype html><meta charset=utf-8><title>Learning Lab screenshots</title>"]
    parts.append("<style>img{width:195px;border:1px solid #ccc;vertical-align:top}</style>")
    current = None
    for role, language, name, size, status, landed, target in rows:
        if (role, language) != current:
            current = (role, language)
            parts.append(f"<h2>{html.escape(role)} · {language}</h2>")
        file = html.escape(str(target.relative_to(out)))
        label = html.escape(f"{name} {size} ({status} {landed})")
        parts.append(f'<a href="{file}" title="{label}"><img src="{file}" alt="{label}"></a>')
    (out / "index.html").write_text("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
