"""Rendered pages and fragments kept in the shared cache (Redis in production, so every web
process uses what any of them rendered), and the version keys that make them go stale.

Nothing here expires by time alone. A cached page or fragment is found under a key made of
everything its text depends on:

- the release (a fingerprint of the code, templates, catalogues and the settings pages show);
- the **content versions** of the topics it shows (`ACTIVITIES`, `PARTNERS`): numbers in the
  cache, bumped by the services that change the content and by model signals (core.apps wires
  them, so the admin and the shell bump them too), right away and again after the commit;
- the **time boundary**: the next instant at which an activity starts, ends or closes its
  registration, so a page that says "upcoming" or "register" is not kept past it;
- the language, the viewer's time zone (and whether it is their own), the address asked for;
- what the viewer may see (`viewer_class`): visitor, signed in without an organisation, the
  community (with the hidden organisations they belong to, which only they may see), or staff.

Per-person parts (my registration on a card, the registration box, the menu) are never in a
shared entry: pages render them for each request around the cached parts, or fill them into
the cached text (`personalise`).

Conditional requests: the same keys, with the person's own version for signed-in pages, give
each page an ETag, so a browser that asks again gets "304 Not Modified" when nothing it may see
changed (`conditional_page`).
"""

import hashlib
import re
import time
from functools import lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, quote_etag

ACTIVITIES = "activities"
PARTNERS = "partners"
TOPICS = (ACTIVITIES, PARTNERS)

# Entries are dead once a version moves on; this only lets the cache reclaim the memory of
# dead ones sooner (Redis also evicts the least recently used, see docker-compose.yml).
ENTRY_SECONDS = 24 * 60 * 60

_VERSION = "cv:topic:{}"
_PERSON = "cv:person:{}"
_BOUNDARY = "cv:boundary:{}"
_VIEWER = "cv:viewer:{}:{}:{}"

HEADER = "X-Page-Cache"


# --- Versions ------------------------------------------------------------------------------


def _start_value() -> int:
    # A version key lost (evicted, flushed) starts again from the clock, never from 1: old
    # entries made under small numbers can never be mistaken for new ones.
    return time.time_ns()


def _read(keys: list[str]) -> list[int]:
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _start_value(), None)
        found.update(cache.get_many(missing))
    return [found.get(key, 0) for key in keys]


def versions(*topics: str) -> tuple[int, ...]:
    return tuple(_read([_VERSION.format(topic) for topic in topics]))


def person_version(user) -> int:
    return _read([_PERSON.format(user.pk)])[0]


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there (never read, or evicted): any fresh value is new
        cache.add(key, _start_value(), None)


def _bump_keys(keys: list[str]) -> None:
    for key in keys:
        _incr(key)


def bump(*topics: str, people=()) -> None:
    """The content of `topics` (and what `people`, users or ids, see of their own) changed.

    Bumped now, so the rest of this request and anyone reading before the commit stops
    using old entries, and again after the commit: a page rendered from the old rows between
    the two bumps is stored under the middle number, which nobody asks for afterwards."""
    keys = [_VERSION.format(topic) for topic in topics]
    keys += [_PERSON.format(getattr(person, "pk", person)) for person in people if person]
    if not keys:
        return
    _bump_keys(keys)
    transaction.on_commit(lambda: _bump_keys(keys))


# --- Time ----------------------------------------------------------------------------------


# What the apps above tell core (core imports none of them): see `provide`.
_provided = {
    # The next instant (epoch seconds) at which content changes by the clock; 0: none ahead.
    "next_change": lambda now: 0,
    # What a person may see of shared content, as a short name. Until an app says better,
    # everyone signed in is their own class (nothing shared between people).
    "viewer_class": lambda user: f"person:{user.pk}" if user.is_authenticated else "visitor",
}


def provide(name: str, function) -> None:
    """An app's answer to one of core's questions (`next_change`, `viewer_class`), set in its
    AppConfig.ready: activities knows when activities change by the clock, partners who may
    see which organisations."""
    if name not in _provided:
        raise KeyError(name)
    _provided[name] = function


def time_boundary() -> int:
    """The current period between two changes of activity content by the clock."""
    (version,) = versions(ACTIVITIES)
    key = _BOUNDARY.format(version)
    boundary = cache.get(key)
    now = timezone.now()
    if boundary is None or (boundary and boundary <= now.timestamp()):
        boundary = _provided["next_change"](now)
        cache.set(key, boundary, ENTRY_SECONDS)
    return boundary


# --- Who is looking ------------------------------------------------------------------------


def viewer_class(user) -> str:
    """What `user` may see of shared content, as a short name: everyone with the same name sees
    the same lists, cards and pages. Partners provides it (partners.selectors.viewer_class),
    kept per person under their own version and the partners version."""
    if not user.is_authenticated:
        return "visitor"
    (partners_version,) = versions(PARTNERS)
    key = _VIEWER.format(user.pk, partners_version, person_version(user))
    name = cache.get(key)
    if name is None:
        name = _provided["viewer_class"](user)
        cache.set(key, name, ENTRY_SECONDS)
    return name


# --- Keys ----------------------------------------------------------------------------------

_RELEASE_PARTS = (
    ("accounts", "*.py"),
    ("activities", "*.py"),
    ("config", "*.py"),
    ("core", "*.py"),
    ("feedback", "*.py"),
    ("notifications", "*.py"),
    ("partners", "*.py"),
    ("portal", "*.py"),
    ("workinggroup", "*.py"),
    ("templates", "*.html"),
    ("locale", "*.mo"),
    ("static/css", "site.css"),
    ("static/js", "*.js"),
)


@lru_cache(maxsize=1)
def release() -> str:
    """A fingerprint of what renders pages: a new release never serves the old one's entries.
    RELEASE from the environment when the deployment names its releases; else the files."""
    named = getattr(settings, "RELEASE", "")
    digest = hashlib.sha256(named.encode())
    if not named:
        base = Path(settings.BASE_DIR)
        for folder, pattern in _RELEASE_PARTS:
            for path in sorted((base / folder).rglob(pattern)):
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    for name in ("SITE_URL", "OPEN_SIGNUP", "LANGUAGES", "DEBUG"):
        digest.update(repr(getattr(settings, name, None)).encode())
    return digest.hexdigest()[:16]


def key_for(
    request, name: str, topics=TOPICS, *, viewer: str, extra=(), address: bool = True
) -> str:
    """The key of what `name` shows `viewer` at this address (or anywhere: `address=False`), now."""
    parts = [
        release(),
        name,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        str(getattr(request, "timezone_known", False)),
        viewer,
        request.get_host(),
        request.get_full_path() if address else "",
        *map(str, versions(*topics)),
        *map(str, extra),
    ]
    if ACTIVITIES in topics:
        parts.append(str(time_boundary()))
        parts.append(timezone.localdate().isoformat())
    return name + ":" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


# --- Fragments -----------------------------------------------------------------------------


class Fragment:
    """A part of a page kept for everyone who sees it the same way: the view makes it (with
    `fragment`) and the template shows it with {% cached_fragment %}, which renders and stores
    it when the cache did not have it."""

    def __init__(self, key: str):
        self.key = key
        self.html = cache.get(key)

    @property
    def cached(self) -> bool:
        return self.html is not None

    def store(self, html: str) -> None:
        self.html = html
        cache.set(self.key, html, ENTRY_SECONDS)


def fragment(request, name: str, topics=TOPICS, *, extra=()) -> Fragment:
    return Fragment(key_for(request, name, topics, viewer=viewer_class(request.user), extra=extra))


def shared_value(request, name: str, build, topics=TOPICS):
    """`build()` (a read that depends only on what the viewer may see), kept for everyone who
    sees the same: for example the choices of a filter form."""
    key = key_for(request, name, topics, viewer=viewer_class(request.user), address=False)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, ENTRY_SECONDS)
    return value


# Per-person slots in shared text: <!--slot:NAME:ARG-->shared default<!--/slot-->.
_SLOT = re.compile(r"<!--slot:(\w+):(\d+)-->(.*?)<!--/slot-->", re.S)
_SLOT_FILLERS = {}


def slot_filler(name: str):
    """Register `function(request, ids) -> {id: html}`: what the slots called `name` show the
    person asking (ids without an entry keep the shared default)."""

    def register(function):
        _SLOT_FILLERS[name] = function
        return function

    return register


def personalise(request, html: str) -> str:
    """`html` with each slot filled for the person asking (one query per kind of slot)."""
    if "<!--slot:" not in html:
        return html
    wanted: dict[str, set[int]] = {}
    for match in _SLOT.finditer(html):
        wanted.setdefault(match.group(1), set()).add(int(match.group(2)))
    filled = {
        name: _SLOT_FILLERS[name](request, ids) if name in _SLOT_FILLERS else {}
        for name, ids in wanted.items()
    }
    return _SLOT.sub(
        lambda m: filled[m.group(1)].get(int(m.group(2)), m.group(3)),
        html,
    )


# --- Whole pages and conditional requests --------------------------------------------------


def _messages_waiting(request) -> bool:
    if "messages" in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return bool(
        settings.SESSION_COOKIE_NAME in request.COOKIES
        and session is not None
        and session.get("_messages")
    )


def _messages_shown(request) -> bool:
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and getattr(storage, "used", False))


def _has_stylesheet(request) -> bool:
    from core.stylesheet import COOKIE, current_version

    return request.COOKIES.get(COOKIE) == current_version()


def _personal_tag(request) -> str:
    """What a signed-in page's ETag adds for the person: their id and own version (their
    registrations, roles, profile), and the CSRF cookie the page's forms are signed with."""
    user = request.user
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    return f"{user.pk}:{person_version(user)}:{csrf}"


def _etag(key: str, personal: str) -> str:
    return quote_etag(hashlib.sha256(f"{key}|{personal}".encode()).hexdigest()[:32])


def _not_modified(request, etag: str) -> bool:
    sent = request.headers.get("If-None-Match")
    return bool(sent) and (etag in parse_etags(sent) or sent.strip() == "*")


def _finish(response, etag: str | None):
    if etag is not None:
        response["ETag"] = etag
    # Ask again every time, but a repeat visit costs a 304 with no body: the page depends on
    # the viewer's cookies (zone, session), so no shared cache may keep it.
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ("Cookie",))
    return response


def _kept_response(key: str):
    kept = cache.get("page:" + key)
    if kept is None:
        return None
    response = HttpResponse(kept["body"], content_type=kept["type"])
    for header, value in kept["headers"].items():
        response[header] = value
    response[HEADER] = "hit"
    return response


def _keep(key: str, response) -> None:
    cache.set(
        "page:" + key,
        {
            "body": response.content,
            "type": response["Content-Type"],
            "headers": {
                header: response[header]
                for header in ("Content-Disposition", "Content-Language")
                if response.has_header(header)
            },
        },
        ENTRY_SECONDS,
    )
    response[HEADER] = "miss"


def conditional_page(
    name: str,
    topics=TOPICS,
    *,
    html: bool = True,
    same_for_everyone: bool = False,
    personal_etag: bool = True,
):
    """For a GET page, feed or calendar: an ETag from its key, a 304 when the browser already
    holds that, and the whole response from the shared cache for visitors (for everyone when
    the response is `same_for_everyone`, as the public feeds are).

    `personal_etag=False` for pages whose signed-in version shows things no topic version
    follows (the My Lab home): those are made afresh each time for people signed in. A page
    (`html`) is kept and answered 304 only for a returning browser (a first visit carries the
    stylesheet inline under its own CSP nonce), never with a message waiting; a response is
    kept only when it is a 200 that used no CSRF token (that would be one browser's), set no
    cookie and showed no message."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if (
                request.method not in ("GET", "HEAD")
                or _messages_waiting(request)
                or (html and not _has_stylesheet(request))
            ):
                return view(request, *args, **kwargs)
            whole = same_for_everyone or not request.user.is_authenticated
            if not whole and not personal_etag:
                return view(request, *args, **kwargs)
            viewer = "everyone" if same_for_everyone else viewer_class(request.user)
            key = key_for(request, name, topics, viewer=viewer, extra=sorted(kwargs.items()))
            etag = _etag(key, "" if whole else _personal_tag(request))
            if _not_modified(request, etag):
                return _finish(HttpResponseNotModified(), etag)
            if whole:
                kept = _kept_response(key)
                if kept is not None:
                    return _finish(kept, etag)
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or _messages_shown(request):
                return response
            if whole:
                if not _may_keep(request, response):
                    return response
                _keep(key, response)
            return _finish(response, etag)

        return wrapped

    return decorator


def person_response(request, name: str, person, make_response, topics=TOPICS):
    """A response made for `person` whoever asks (a calendar feed opened by its secret address):
    kept and answered 304 under the person's own version."""
    key = key_for(request, name, topics, viewer=f"person:{person.pk}:{person_version(person)}")
    etag = _etag(key, "")
    if _not_modified(request, etag):
        return _finish(HttpResponseNotModified(), etag)
    response = _kept_response(key)
    if response is None:
        response = make_response()
        if response.status_code != 200:
            return response
        _keep(key, response)
    return _finish(response, etag)


def _may_keep(request, response) -> bool:
    return not (
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or response.cookies
        or getattr(request, "stylesheet_inlined", None)
    )
