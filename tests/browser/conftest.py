"""Browser journeys: Debian's Chromium driven by Playwright against a live server on loopback.
Screenshots of failures are saved in test-artifacts/ (kept by CI)."""

import os
import shutil
from pathlib import Path

import pytest

from tests.utils import require_service

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module", autouse=True)
def _allow_database_access_beside_playwright():
    """Playwright's sync API keeps an event loop in this thread while the browser is open;
    Django would then refuse database access from the tests. Only while these tests run (the
    browser closes with the module), never in a deployment."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="module")
def browser(_allow_database_access_beside_playwright):
    require_service(
        Path(CHROMIUM).exists() and shutil.which("chromium") is not None,
        "Chromium is not installed (apt-get install chromium)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(autouse=True)
def _empty_moderation_log_after_test(request):
    """The moderation log refuses DELETE in the database itself. Between transactional tests
    PostgreSQL empties tables with TRUNCATE (allowed), but SQLite deletes row by row: lift the
    SQLite trigger just long enough to empty the log, then put it back."""
    yield
    if "transactional_db" not in request.fixturenames and "live_server" not in (
        request.fixturenames
    ):
        return
    from django.db import connection

    from stories.migrations import _0002_sql as stories_sql
    from workinggroup.migrations import _0002_sql

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS workinggroup_log_no_delete")
        cursor.execute("DELETE FROM workinggroup_moderationlog")
        cursor.execute(_0002_sql.SQLITE_NO_DELETE)
    # Story suggestions are append-only the same way (stories migration 0002).
    stories_sql.SUGGESTIONS.empty(connection)
