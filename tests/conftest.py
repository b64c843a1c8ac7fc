from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_collection_modifyitems(items):
    """Tests in tests/browser/ carry the `browser` mark (`-m "not browser"` leaves them out)."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: the language of an earlier test's last request
    stays active in the thread (LocaleMiddleware activates it and nothing turns it off)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    """Uploaded files (the demo's story photos, materials) never land in the worktree's var/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Rate-limit counters and cached values never leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client(client):
    """The test client as a returning browser: it holds the stylesheet (core/stylesheet.py), so
    pages link it instead of carrying it inline, and a test reading a page reads the page. A
    first visit is tested on its own (tests/core/test_css.py) and by every browser test."""
    from core.stylesheet import COOKIE, _bundle

    client.cookies[COOKIE] = _bundle()[1]
    return client
