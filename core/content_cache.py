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
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
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


# Bumped by this process: a request's snapshot (below) taken before a bump is read again.
_bumps = 0


def _bump_keys(keys: list[str]) -> None:
    global _bumps
    _bumps += 1
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
    # Told the class of a signed-in person once it is known (partners remembers on the user
    # that a community class means a community member, sparing the menu a query).
    "seen_as": lambda user, name: None,
    # What else a signed-in person's whole page depends on beyond their class (accounts: the
    # menu's Administration link, which follows a team member's own permissions).
    "signature": lambda user: f"person:{user.pk}",
}


def provide(name: str, function) -> None:
    """An app's answer to one of core's questions (`next_change`, `viewer_class`, `seen_as`),
    set in its AppConfig.ready: activities knows when activities change by the clock, partners
    who may see which organisations."""
    if name not in _provided:
        raise KeyError(name)
    _provided[name] = function


def _current_boundary(key: str, boundary: int | None) -> int:
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
    return _viewer_class(user, partners_version, person_version(user), None)


def _viewer_class(user, partners_version: int, own_version: int, kept) -> str:
    key = _VIEWER.format(user.pk, partners_version, own_version)
    name = kept if kept is not None else cache.get(key)
    if name is None:
        name = _provided["viewer_class"](user)
        cache.set(key, name, ENTRY_SECONDS)
    _provided["seen_as"](user, name)
    return name


class Snapshot:
    """What one request reads of the versions, once: the topics' versions and the person's own
    (one round trip to the cache), then the time boundary and the viewer's class (a second)."""

    def __init__(self, request):
        self.bumps = _bumps
        user = request.user
        keys = [_VERSION.format(topic) for topic in TOPICS]
        if user.is_authenticated:
            keys.append(_PERSON.format(user.pk))
        values = dict(zip(keys, _read(keys), strict=True))
        self.versions = {topic: values[_VERSION.format(topic)] for topic in TOPICS}
        self.person = values.get(_PERSON.format(user.pk)) if user.is_authenticated else None
        boundary_key = _BOUNDARY.format(self.versions[ACTIVITIES])
        viewer_key = (
            _VIEWER.format(user.pk, self.versions[PARTNERS], self.person)
            if user.is_authenticated
            else None
        )
        kept = cache.get_many([key for key in (boundary_key, viewer_key) if key])
        self._boundary = (boundary_key, kept.get(boundary_key))
        self.viewer = (
            _viewer_class(user, self.versions[PARTNERS], self.person, kept.get(viewer_key))
            if user.is_authenticated
            else "visitor"
        )

    @cached_property
    def boundary(self) -> int:
        # Worked out (a few index lookups) only for pages that show activities.
        return _current_boundary(*self._boundary)


def snapshot(request) -> Snapshot:
    kept = getattr(request, "_content_versions", None)
    if kept is None or kept.bumps != _bumps:
        kept = request._content_versions = Snapshot(request)
    return kept


# --- Keys ----------------------------------------------------------------------------------

_RELEASE_PARTS = (
    ("accounts", "*.py"),
    ("activities", "*.py"),
    ("config", "*.py"),
    ("convenings", "*.py"),
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
    request, name: str, topics=TOPICS, *, viewer: str | None = None, extra=(), address=True
) -> str:
    """The key of what `name` shows `viewer` (by default: the person asking's class) at this
    address (or anywhere: `address=False`), now."""
    state = snapshot(request)
    parts = [
        release(),
        name,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        str(getattr(request, "timezone_known", False)),
        state.viewer if viewer is None else viewer,
        request.get_host(),
        request.get_full_path() if address else "",
        *(str(state.versions[topic]) for topic in topics),
        *map(str, extra),
    ]
    if ACTIVITIES in topics:
        parts.append(str(state.boundary))
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
    return Fragment(key_for(request, name, topics, extra=extra))


@dataclass
class Wanted:
    """A value `kept_values` reads: `build(found so far)` when the cache lacks it. Shared by
    everyone who sees the same (the default), or the person's own (`personal`), kept under
    their own version then."""

    name: str
    build: Callable
    extra: tuple = ()
    personal: bool = False
    topics: tuple = TOPICS


def _value_key(request, wanted: Wanted) -> str:
    viewer = None
    if wanted.personal:
        viewer = f"person:{request.user.pk}:{snapshot(request).person}"
    return key_for(
        request, wanted.name, wanted.topics, viewer=viewer, extra=wanted.extra, address=False
    )


def kept_values(request, wanted: dict[str, Wanted]) -> dict:
    """Several kept values in one round trip to the cache; the missing ones built in order
    (a build gets what was found or built before it) and kept. None is never kept."""
    keys = {label: _value_key(request, item) for label, item in wanted.items()}
    found = cache.get_many(list(keys.values()))
    values = {}
    for label, item in wanted.items():
        if keys[label] in found:
            values[label] = found[keys[label]]
            continue
        values[label] = item.build(values)
        if values[label] is not None:
            cache.set(keys[label], values[label], ENTRY_SECONDS)
    return values


def shared_value(request, name: str, build, topics=TOPICS, *, extra=()):
    """`build()` (a read that depends only on what the viewer may see), kept for everyone who
    sees the same: for example the choices of a filter form."""
    wanted = Wanted(name, lambda _found: build(), extra=extra, topics=topics)
    return kept_values(request, {name: wanted})[name]


def personal_value(request, name: str, build, topics=TOPICS):
    """`build()`, a read about the person asking (their roles, say), kept under their own
    version and the topics' versions."""
    wanted = Wanted(name, lambda _found: build(), personal=True, topics=topics)
    return kept_values(request, {name: wanted})[name]


# Per-person slots in shared text: <!--slot:NAME:ARG-->shared default<!--/slot-->.
_SLOT = re.compile(r"<!--slot:([\w-]+):(\d+)-->(.*?)<!--/slot-->", re.S)
_SLOT_FILLERS: dict[str, tuple] = {}
# The CSRF token of a kept page's forms, put back for each request (its own, masked anew).
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_TOKEN_MARK = "__ll_csrf_token__"  # noqa: S105  # nosec B105  (a placeholder, not a secret)


def slot_filler(name: str, *, personal: bool = False):
    """Register `function(request, ids) -> {id: html}`: what the slots called `name` show the
    person asking. Ids without an entry keep the shared default, except in `personal` slots,
    whose text is the person's own: never kept (a kept page holds them empty), always made."""

    def register(function):
        _SLOT_FILLERS[name] = (function, personal)
        return function

    return register


def personalise(request, html: str) -> str:
    """`html` with each slot filled for the person asking (one query per kind of slot), and
    its forms signed with the person's CSRF token (also those of the parts filled in)."""
    if "<!--slot:" in html:
        wanted: dict[str, set[int]] = {}
        for match in _SLOT.finditer(html):
            wanted.setdefault(match.group(1), set()).add(int(match.group(2)))
        filled = {
            name: _SLOT_FILLERS[name][0](request, ids) if name in _SLOT_FILLERS else {}
            for name, ids in wanted.items()
        }
        html = _SLOT.sub(lambda m: filled[m.group(1)].get(int(m.group(2)), m.group(3)), html)
    if _TOKEN_MARK in html:
        html = html.replace(_TOKEN_MARK, get_token(request))
    return html


def shareable(html: str) -> str:
    """`html` as it may be kept for others: personal slots emptied, CSRF tokens marked."""
    html = _TOKEN.sub(rf"\g<1>{_TOKEN_MARK}\g<2>", html)
    if "<!--slot:" not in html:
        return html

    def empty(match):
        personal = _SLOT_FILLERS.get(match.group(1), (None, True))[1]
        return (
            f"<!--slot:{match.group(1)}:{match.group(2)}--><!--/slot-->"
            if personal
            else match.group(0)
        )

    return _SLOT.sub(empty, html)


def personalise_response(request, response):
    """The page `response` filled for the person asking (see `personalise`)."""
    if (
        not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and (b"<!--slot:" in response.content or _TOKEN_MARK.encode() in response.content)
    ):
        response.content = personalise(request, response.content.decode()).encode()
    return response


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
    return f"{user.pk}:{snapshot(request).person}:{csrf}"


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


def _kept_response(request, key: str):
    kept = cache.get("page:" + key)
    if kept is None:
        return None
    body = kept["body"]
    if kept["type"].startswith("text/html") and not kept.get("final"):
        body = personalise(request, body.decode()).encode()
    response = HttpResponse(body, content_type=kept["type"])
    for header, value in kept["headers"].items():
        response[header] = value
    response[HEADER] = "hit"
    return response


def _keep(key: str, response, *, final: bool = False) -> None:
    """Keep `response` for others: as it is when it is `final` (a visitor's page: every visitor
    gets the same, slots filled alike), else as `shareable` makes it."""
    body = response.content
    if response["Content-Type"].startswith("text/html") and not final:
        body = shareable(body.decode()).encode()
    cache.set(
        "page:" + key,
        {
            "body": body,
            "final": final,
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
    whole_for_people: bool = True,
    personal_etag: bool = True,
):
    """For a GET page, feed or calendar: an ETag from its key, a 304 when the browser already
    holds that, and the whole response from the shared cache, the person's own parts (slots,
    CSRF tokens) filled in for each request.

    Kept whole for visitors; for people signed in too unless `whole_for_people=False` (a page
    with per-person parts that are not slots: then only its ETag), and for everyone alike when
    the response is `same_for_everyone` (the public feeds). `personal_etag=False` for pages
    whose signed-in version shows things no topic version follows (the My Lab home): made
    afresh each time for people signed in. A page (`html`) is kept and answered 304 only for a
    returning browser (a first visit carries the stylesheet inline under its own CSP nonce),
    never with a message waiting; a response is kept only when it is a 200 that set no cookie
    and showed no message, and (for visitors) used no CSRF token."""

    def decorator(view):
        def run(request, *args, **kwargs):
            return personalise_response(request, view(request, *args, **kwargs))

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if (
                request.method not in ("GET", "HEAD")
                or _messages_waiting(request)
                or (html and not _has_stylesheet(request))
            ):
                return run(request, *args, **kwargs)
            signed_in = request.user.is_authenticated and not same_for_everyone
            if signed_in and not personal_etag:
                return run(request, *args, **kwargs)
            whole = not signed_in or whole_for_people
            viewer = "everyone" if same_for_everyone else None
            extra = sorted(kwargs.items())
            if signed_in:
                extra.append(_provided["signature"](request.user))
            key = key_for(request, name, topics, viewer=viewer, extra=extra)
            etag = _etag(key, _personal_tag(request) if signed_in else "")
            if _not_modified(request, etag):
                return _finish(HttpResponseNotModified(), etag)
            if whole:
                kept = _kept_response(request, key)
                if kept is not None:
                    return _finish(kept, etag)
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or _messages_shown(request):
                return personalise_response(request, response)
            if whole:
                if not _may_keep(request, response, signed_in):
                    return personalise_response(request, response)
                if not signed_in:
                    # Every visitor gets the same: kept with its slots filled, once.
                    response = personalise_response(request, response)
                _keep(key, response, final=not signed_in)
                if not signed_in:
                    return _finish(response, etag)
            return _finish(personalise_response(request, response), etag)

        return wrapped

    return decorator


def person_response(request, name: str, person, make_response, topics=TOPICS):
    """A response made for `person` whoever asks (a calendar feed opened by its secret address):
    kept and answered 304 under the person's own version."""
    key = key_for(request, name, topics, viewer=f"person:{person.pk}:{person_version(person)}")
    etag = _etag(key, "")
    if _not_modified(request, etag):
        return _finish(HttpResponseNotModified(), etag)
    response = _kept_response(request, key)
    if response is None:
        response = make_response()
        if response.status_code != 200:
            return response
        _keep(key, response)
    return _finish(response, etag)


def _may_keep(request, response, signed_in: bool) -> bool:
    """A visitor's page that used a CSRF token carries one browser's (visitors' pages have no
    forms that need one); a signed-in page's tokens are marked and made anew (`shareable`)."""
    return not (
        (request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not signed_in)
        or response.cookies
        or getattr(request, "stylesheet_inlined", None)
    )
