"""axe-core on every page a crawl reaches, as every role: no serious or critical violation of
WCAG 2.2 AA (nor of axe's best practices rated serious), and no page answering 500.

The world is the demo community (`load_demo_data`), so pages show what partners really see:
public, community-only and hidden organisations, activities past and future, Working Group
meetings and items, open and closed surveys. Each role starts at the home page in its own
language and follows same-site links breadth first in a phone-sized browser; every URL pattern
(Django's view name) is visited at most twice, so new pages join the crawl by themselves without
the crawl growing with the data. The journeys (test_journeys.py) check the pages behind forms.
"""

import functools
import io
import os
from collections import Counter
from importlib import import_module
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from accounts.models import User
from tests.mfa import give_authenticator

# role -> (demo account, language the crawl starts in). The member and the leads differ in
# what they may edit; ana is a partner lead on the Working Group; nadège leads a hidden
# organisation; equipo is staff, with two-factor authentication done.
ROLES = {
    "visitor": (None, "en"),
    "partner_member": ("fatou@femmesdebout.example", "fr"),
    "partner_lead": ("valentina@semillas.example", "es"),
    "working_group_member": ("ana@mujeresunidas.example", "es"),
    "hidden_member": ("nadege@fanmvanyan.example", "fr"),
    "staff": ("equipo@learninglab.example", "es"),
}
PER_PATTERN = 2
# A cap per role keeps the test within a few minutes on two cores; staff have the most kinds
# of page (moderation, surveys, attendees, deliveries), so they get more.
PAGES_PER_ROLE = {"staff": 44}
PAGES = 32
SKIPPED_PREFIXES = ("/static/", "/media/", "/calendar/", "/notifications/unsubscribe/")
# Signing out, the admin (Django's own pages), calendar files, feeds and exports are not pages.
SKIPPED_PARTS = ("/accounts/logout/", "/admin/", "/i18n/")
SKIPPED_SUFFIXES = (".ics", ".csv", ".xml", ".json", ".rss", "/feed/")
SERIOUS = ("serious", "critical")
LANGUAGES = {code for code, _name in settings.LANGUAGES}
REPORT = os.environ.get("AXE_CRAWL_REPORT")  # a file to write every violation to, if set


def _session_cookie(user, base_url: str) -> dict:
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


def _crawlable(url: str, origin: str) -> str | None:
    url, _fragment = urldefrag(url)
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    path = parts.path
    if path.startswith(SKIPPED_PREFIXES) or any(part in path for part in SKIPPED_PARTS):
        return None
    if path.endswith(SKIPPED_SUFFIXES) or "/export" in path:
        return None
    return path + (f"?{parts.query}" if parts.query else "")


@functools.cache
def _pattern(path: str) -> str:
    """The view behind `path` (its URL pattern), resolved in the language of its prefix."""
    path = urlsplit(path).path
    language = path.split("/")[1]
    try:
        with translation.override(language if language in LANGUAGES else None):
            return resolve(path).view_name
    except Resolver404:
        return "not found"


@functools.cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()  # reads axe-core's script once


def _violations(page) -> list[dict]:
    return _axe().run(page).response["violations"]


def _next(queue: list[str], seen: set[str], visits: Counter) -> str | None:
    """The first queued page of a pattern not visited yet, else of one visited less than
    PER_PATTERN times: the crawl covers every kind of page before it repeats one."""
    for limit in (1, PER_PATTERN):
        for index, path in enumerate(queue):
            if path not in seen and visits[_pattern(path)] < limit:
                return queue.pop(index)
    return None


def _crawl(browser, base_url: str, user, language: str, cap: int) -> tuple[list, list, list]:
    """(serious violations, server errors, pages checked) for one role."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale=language)
    if user is not None:
        context.add_cookies([_session_cookie(user, base_url)])
    page = context.new_page()
    found, errors, checked, visits = [], [], [], Counter()
    queue = [f"/{language}/", f"/{language}/no-such-page/"]
    seen = set()
    try:
        while len(checked) < cap and (path := _next(queue, seen, visits)):
            seen.add(path)
            try:
                response = page.goto(base_url + path, wait_until="load")
            except Exception as error:  # a download (a file, not a page) starts instead
                if "Download is starting" in str(error):
                    continue
                raise
            if response is None:
                continue
            if response.status >= 500:
                errors.append((path, response.status))
                continue
            landed = _crawlable(page.url, base_url)
            if landed is None or "text/html" not in (response.headers.get("content-type") or ""):
                continue
            if landed != path:  # redirected (to sign in, say): check the page it landed on
                if landed in seen or visits[_pattern(landed)] >= PER_PATTERN:
                    continue
                seen.add(landed)
            visits[_pattern(landed)] += 1
            checked.append(landed)
            for violation in _violations(page):
                if violation["impact"] in SERIOUS:
                    targets = [", ".join(map(str, node["target"])) for node in violation["nodes"]]
                    found.append((landed, violation["id"], violation["impact"], targets))
            hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
            queue.extend(link for link in (_crawlable(h, base_url) for h in hrefs) if link)
    finally:
        context.close()
    return found, errors, checked


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_a_crawl_reaches_is_accessible_to_every_role(
    browser, live_server, settings, role
):
    # One role per test, so parallel test processes share the crawl out.
    # A transactional test before this one may have emptied the lists a migration fills.
    import_module("partners.migrations.0002_seed_lists").seed(django_apps, None)
    # The people's skills too: the demo profiles and mentoring requests name them.
    import_module("people.migrations.0002_seed_skills").seed(django_apps, None)
    settings.DEBUG = True  # the demo data refuses to load without it (published passwords)
    call_command("load_demo_data", verbosity=0, stdout=io.StringIO())
    settings.DEBUG = False
    staff = User.objects.get(email=ROLES["staff"][0])
    give_authenticator(staff)  # staff without two-factor are sent to set it up, from any page

    email, language = ROLES[role]
    user = User.objects.get(email=email) if email else None
    found, errors, pages = _crawl(
        browser, live_server.url, user, language, PAGES_PER_ROLE.get(role, PAGES)
    )
    lines = [
        f"{role}: {url} {rule} ({impact}) at {'; '.join(targets)}"
        for url, rule, impact, targets in found
    ]
    if REPORT:
        visited = [f"{role}: checked {path}" for path in pages]
        with Path(REPORT).open("a", encoding="utf-8") as report:
            report.write("\n".join(lines + visited) + "\n")

    assert errors == [], f"pages answering a server error: {errors}"
    assert len(pages) >= 10, f"pages checked: {pages}"
    assert lines == [], "serious or critical accessibility violations:\n" + "\n".join(lines)
