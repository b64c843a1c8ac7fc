"""The one stylesheet pages use: Bootstrap purged to the portal's classes
(static/css/bootstrap.css, made by scripts/build_css) followed by the portal's own
(static/css/portal.css), without comments and spare whitespace, written to static/css/site.css.

One file is one request: on a slow connection (400 ms a round trip) a second render-blocking
stylesheet costs a round trip before anything is painted. Both sources stay readable and are
edited as before; `scripts/build_css` (or `python -m core.stylesheet`) writes the bundle, and
tests/core/test_css.py fails when the committed bundle is not the one its sources make.
"""

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

STATIC = Path(__file__).resolve().parent.parent / "static"
SOURCES = ("css/bootstrap.css", "css/portal.css")
BUNDLE = "css/site.css"
HEADER = (
    "/*! Learning Lab: Bootstrap v5.3 (MIT, static/vendor/bootstrap/LICENSE) purged to the "
    "portal's classes, then static/css/portal.css. Made by scripts/build_css: do not edit. */\n"
)

_COMMENT = re.compile(r"/\*(?!!).*?\*/", re.S)
_SPACE = re.compile(r"\s+")
# Spaces that never matter next to these characters. Not ":" (".a :hover" differs from
# ".a:hover"), not "(" or ")" (calc(1px + 2px) needs its spaces), not ">" "+" "~" in selectors
# where the space is harmless but keeps the code simple.
_AROUND = re.compile(r"\s*([{};,])\s*")


def minify(css: str) -> str:
    """Comments (but /*! licences */) and runs of whitespace out; nothing that changes meaning."""
    css = _COMMENT.sub("", css)
    css = _SPACE.sub(" ", css)
    css = _AROUND.sub(r"\1", css)
    return css.replace(";}", "}").strip()


_DECLARED = re.compile(r"(?<=[{;])(--[\w-]+):[^;{}]*;?")


def drop_unread_properties(css: str) -> str:
    """Custom properties declared but read nowhere (`var(--bs-indigo)` never appears): Bootstrap
    declares some hundred colours and sizes the portal never uses. Declarations only; a
    property someone reads stays wherever it is declared."""
    while True:  # a property read only by a dropped declaration is unread too
        read = set(re.findall(r"var\(\s*(--[\w-]+)", css))
        pruned = _DECLARED.sub(lambda m, read=read: m.group(0) if m.group(1) in read else "", css)
        if pruned == css:
            return css
        css = pruned


def bundle_text() -> str:
    parts = [minify((STATIC / source).read_text(encoding="utf-8")) for source in SOURCES]
    # The purged Bootstrap carries its own /*! header: the bundle has one for both.
    parts[0] = re.sub(r"^/\*!.*?\*/", "", parts[0], flags=re.S).strip()
    css = drop_unread_properties("\n".join(parts)).replace(";}", "}")
    # Rules left with nothing in them (all their declarations were unread properties).
    css = re.sub(r"(?<=[{}\n])[^{}@]+\{\}", "", css)
    css = re.sub(r"@media[^{}]*\{\}", "", css)
    return HEADER + css + "\n"


def write() -> Path:
    target = STATIC / BUNDLE
    target.write_text(bundle_text(), encoding="utf-8")
    return target


# --- On pages --------------------------------------------------------------------------------

# A browser that holds the stylesheet says so with this cookie (its value: the bundle's version).
COOKIE = "ll_css"
COOKIE_AGE = 30 * 24 * 60 * 60


@lru_cache(maxsize=1)
def _bundle() -> tuple[str, str]:
    """The bundle's text and version (a short hash of it), read once per process: a file of the
    release, the same in every process."""
    text = (STATIC / BUNDLE).read_text(encoding="utf-8")
    return text, hashlib.sha256(text.encode()).hexdigest()[:12]


def current_version() -> str:
    return _bundle()[1]


def stylesheet_tags(request) -> str:
    """What a page's <head> says about styles. A browser that has the stylesheet (the cookie names
    this version) links it: it comes from the cache. A first visit gets it inline, so the page is
    painted without waiting a round trip for it, and a prefetch puts the file in the cache for the
    next page; StylesheetCookieMiddleware then sets the cookie."""
    text, version = _bundle()
    href = static(BUNDLE)
    if request is not None and request.COOKIES.get(COOKIE) == version:
        return format_html('<link rel="stylesheet" href="{}">', href)
    if request is not None:
        request.stylesheet_inlined = version
    nonce = getattr(request, "csp_nonce", "") if request is not None else ""
    return format_html(
        '<style nonce="{}">{}</style>\n  <link rel="prefetch" href="{}" as="style">',
        nonce,
        # The release's own stylesheet, never anyone's input; tests/core/test_css.py checks it
        # holds no "</" (it could not end the <style> element).
        mark_safe(text),  # noqa: S308  # nosec B308 B703
        href,
    )


class StylesheetCookieMiddleware:
    """After a page that carried the stylesheet inline, remember that the browser now fetches
    (prefetches) the file, so its next pages link it instead of carrying it again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        version = getattr(request, "stylesheet_inlined", None)
        if version:
            response.set_cookie(
                COOKIE, version, max_age=COOKIE_AGE, samesite="Lax", secure=request.is_secure()
            )
        return response


if __name__ == "__main__":
    path = write()
    print(f"{path.relative_to(STATIC.parent)}: {path.stat().st_size} bytes")
