"""The stylesheets the portal ships: Bootstrap purged to the classes in use (scripts/build_css)
and the portal's own. A class written in a template but missing from both means a stale purge
(re-run scripts/build_css) or a typo; Bootstrap's blue and cyan must not come back."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [ROOT / "static/css/bootstrap.css", ROOT / "static/css/portal.css"]
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
TEMPLATE_SYNTAX = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")

# Classes that are not styles: hooks for scripts and tests, or names that say what an element
# is (kept for readers and for future styles). Each needs a reason.
NOT_STYLES = {
    # semantic names of page parts, styled (if at all) through their children
    "activity",
    "activity-facts",
    "agenda",
    "organisation-card",
    "person-card",
    "organisation-profile",
    "registration_confirmed",
    "messages",
    "filter-chips",
    "my-activities",
    "my-activity-list",
    "my-lab",
    "table-stack-actions",
    "part-of-campaigns",
    # the box static/js/picker-filter.js enhances (it looks for data-picker-* inside)
    "picker",
    # crispy-forms marks required fields with it; the portal leaves the asterisk unstyled
    "asteriskField",
}


def _template_files():
    yield from (ROOT / "templates").rglob("*.html")
    for app_templates in ROOT.glob("*/templates"):
        yield from app_templates.rglob("*.html")


def _template_classes() -> dict[str, set[str]]:
    """Each literal class token (no template syntax inside it) and the templates using it."""
    found: dict[str, set[str]] = {}
    for path in _template_files():
        for value in CLASS_ATTRIBUTE.findall(path.read_text()):
            # A token touching template syntax ("alert-{{ level }}") is built at render time.
            for token in TEMPLATE_SYNTAX.sub("\0", value).split():
                if re.fullmatch(r"[A-Za-z_-][A-Za-z0-9_-]*", token):
                    found.setdefault(token, set()).add(str(path.relative_to(ROOT)))
    return found


def _shipped_classes() -> set[str]:
    classes = set()
    for sheet in SHIPPED:
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(), flags=re.S)
        text = re.sub(r"url\([^)]*\)", "", text)
        classes.update(CSS_CLASS.findall(text))
    return classes


def test_every_class_in_templates_exists_in_the_shipped_css_or_is_a_named_hook():
    shipped = _shipped_classes()

    missing = {
        token: sorted(paths)
        for token, paths in _template_classes().items()
        if token not in shipped and token not in NOT_STYLES
    }

    assert missing == {}, "run scripts/build_css, or add a reasoned entry to NOT_STYLES"


def test_no_bootstrap_blue_or_cyan_is_shipped():
    bootstrap_colours = re.compile(
        r"#0d6efd|#0dcaf0|#86b7fe|#0a58ca|13,\s*110,\s*253|13,\s*202,\s*240", re.I
    )

    for sheet in SHIPPED:
        assert bootstrap_colours.findall(sheet.read_text()) == [], sheet.name


def test_the_full_bootstrap_is_only_the_purge_source():
    linking = [
        str(path.relative_to(ROOT))
        for path in _template_files()
        if "bootstrap.min.css" in path.read_text()
    ]

    assert linking == []
    assert (ROOT / "static/vendor/bootstrap/bootstrap.min.css").exists()


def test_the_one_linked_stylesheet_is_the_bundle_its_sources_make():
    """static/css/site.css is what core.stylesheet makes of bootstrap.css and portal.css: an
    edit to portal.css without re-running scripts/build_css fails here."""
    from core.stylesheet import BUNDLE, STATIC, bundle_text

    assert (STATIC / BUNDLE).read_text(encoding="utf-8") == bundle_text(), (
        "run scripts/build_css (or python -m core.stylesheet) and commit static/css/site.css"
    )


def test_the_bundle_keeps_every_rule_it_minifies():
    from core.stylesheet import drop_unread_properties, minify

    css = """/* a note */ .a :hover { color : red ; }\n@media (min-width: 1px) {
        .b{margin:calc(1px + 2px)} }
        :root{--used:1px;--unused:2px;--only-read-by-unused:var(--x)} .c{width:var(--used)}"""

    out = drop_unread_properties(minify(css))

    assert ".a :hover{color : red}" in out  # the descendant space before :hover stays
    assert "calc(1px + 2px)" in out
    assert "--used:1px" in out and "--unused" not in out and "--only-read-by-unused" not in out
    assert "a note" not in out


def test_the_bundle_can_sit_inside_a_style_element():
    from core.stylesheet import BUNDLE, STATIC

    assert "</" not in (STATIC / BUNDLE).read_text(encoding="utf-8")


@pytest.mark.django_db
def test_a_first_visit_gets_the_stylesheet_inline_and_then_the_cached_file():
    """No round trip for the stylesheet before the first page is painted (a slow connection pays
    400 ms for it); the file is prefetched, and from the next page on it is linked, not resent."""
    from django.test import Client

    from core.stylesheet import BUNDLE, COOKIE, STATIC

    client = Client()  # a new browser (the `client` fixture holds the stylesheet already)
    first = client.get("/en/activities/")
    page = first.content.decode()
    nonce = re.search(r'<style nonce="([^"]+)">', page)[1]
    policy = first["Content-Security-Policy"]
    assert f"'nonce-{nonce}'" in re.search(r"style-src [^;]*", policy)[0]
    assert (STATIC / BUNDLE).read_text(encoding="utf-8") in page
    assert '<link rel="prefetch" href="/static/css/site.css" as="style">' in page
    assert 'rel="stylesheet"' not in page
    version = first.cookies[COOKIE].value

    second = client.get("/es/partners/").content.decode()

    assert "<style" not in second
    assert second.count('<link rel="stylesheet" href="/static/css/site.css">') == 1
    assert COOKIE not in client.get("/fr/").cookies  # nothing new to remember
    assert client.cookies[COOKIE].value == version


@pytest.mark.django_db
def test_an_old_or_forged_stylesheet_cookie_gets_the_stylesheet_inline_again(client):
    from core.stylesheet import COOKIE

    client.cookies[COOKIE] = '"><script>alert(1)</script>'

    page = client.get("/en/").content.decode()

    assert "<style nonce=" in page
    assert "<script>alert(1)" not in page
