"""Fuzzing every form of the portal: whatever is posted, never a 5xx, and a refused post
changes nothing already saved.

The forms are found, not listed: each page of the permission matrix is opened as each role
allowed to open it, and every POST form on it is read (its inputs, selects and textareas);
Hypothesis then posts hostile values for those names as a role that may post there: very long
text, control characters, bidirectional overrides, emoji and combining marks, lone surrogates
(sent as raw bytes), impossible and extreme dates, daylight-saving gaps, huge and negative
numbers, fields missing or sent twice. The admin's activity forms are fuzzed too.
"""

import datetime
import traceback
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urlsplit

import pytest
from django.apps import apps
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import StaffFactory
from tests.hardening.test_permission_matrix import MATRIX, OK, ROLES, world  # noqa: F401

PROJECT_APPS = (
    "accounts",
    "partners",
    "activities",
    "feedback",
    "workinggroup",
    "notifications",
    "campaigns",
    "convenings",
    "people",
    "mentoring",
)
ADMIN_ROLE = "admin"

settings.register_profile(
    "fuzz",
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE_TEXT = [
    "x" * 12_000,
    "Title\r\nBcc: victim@example.org",
    "tab\there",
    "nul\x00byte",
    "bell\x07 and C1 \x85",
    "line\u2028separator\u2029",
    "invoice\u202egnp.exe",
    "\u2066isolate\u2069 \u202aembedding\u202c",
    "🌍🏳️‍🌈👩🏽‍🔬",
    "e\u0301\u0301\u0301 Z\u0336\u0337\u0338",
    "مرحبا بالعالم",
    "\ud800 lone \udfff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "",
    " ",
]
HOSTILE_DATES = [
    "0001-01-01",
    "0001-01-01T00:00",
    "9999-12-31",
    "9999-12-31T23:59",
    "2026-03-29T02:30",
    "2026-10-25T02:30",
    "2026-02-30",
    "2026-02-30T10:00",
    "2100-12-31T23:59",
    "1999-12-31",
    "2026-13-01",
    "0000-01",
    "9999-12",
]
HOSTILE_NUMBERS = [str(10**30), "-1", "0", "-0", "1e308", "NaN", "Infinity", "9" * 5000, "0x10"]
HOSTILE = HOSTILE_TEXT + HOSTILE_DATES + HOSTILE_NUMBERS
TIME_ZONES = ["Europe/Paris", "Pacific/Pago_Pago", "Pacific/Kiritimati", "Not/AZone", ""]


class FormReader(HTMLParser):
    """The POST forms of a page: action, and each field with the values the page offers."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag in ("input", "textarea", "select") and name and name != "csrfmiddlewaretoken":
            if attrs.get("type") == "file":
                return
            offered = self._form["fields"].setdefault(name, [])
            if tag == "input" and attrs.get("value") is not None:
                offered.append(attrs["value"])
            if tag == "select":
                self._select = name
        if tag == "option" and self._select and attrs.get("value") is not None:
            self._form["fields"][self._select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "form":
            self._form = None


def _project_models():
    return [model for label in PROJECT_APPS for model in apps.get_app_config(label).get_models()]


def _snapshot() -> dict:
    """Every row of every project table, as plain values."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in _project_models()
    }


def _view_name(path: str) -> str:
    match = resolve(path)
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def _is_project_action(path: str) -> bool:
    try:
        return _view_name(path) in MATRIX
    except Resolver404:
        return False


def _discover(client, places) -> dict[str, dict]:
    """action path -> {"fields": {name: offered values}, "roles": [roles that saw the form]}"""
    targets: dict[str, dict] = {}
    for name, (method, kwargs, _data, expected) in MATRIX.items():
        if method != "get":
            continue
        url = reverse(name, kwargs={key: places[value] for key, value in kwargs.items()})
        for role in ROLES:
            if expected[role] != OK:
                continue
            client.logout()
            if places["users"][role] is not None:
                client.force_login(places["users"][role])
            response = client.get(url)
            if "html" not in response.get("Content-Type", ""):
                continue
            reader = FormReader()
            reader.feed(response.content.decode())
            for form in reader.forms:
                action = urlsplit(form["action"]).path or url
                if not _is_project_action(action):
                    continue
                target = targets.setdefault(action, {"fields": {}, "roles": []})
                for field, offered in form["fields"].items():
                    target["fields"].setdefault(field, []).extend(offered)
                if role not in target["roles"]:
                    target["roles"].append(role)
    return targets


def _value_for(field: str, offered: list[str]):
    hostile = st.sampled_from(HOSTILE)
    choices = [st.sampled_from(offered)] if offered else []
    if field in ("timezone", "tz"):
        choices.append(st.sampled_from(TIME_ZONES))
    return st.one_of(
        *choices,
        hostile,
        st.text(max_size=50),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
    )


@st.composite
def _payload(draw, fields: dict[str, list[str]]):
    """(name, value) pairs: each field sent once, left out, or sent two or three times."""
    pairs = []
    for field, offered in sorted(fields.items()):
        times = draw(st.sampled_from([1, 1, 1, 0, 2, 3]))
        pairs.extend((field, draw(_value_for(field, offered))) for _ in range(times))
    if draw(st.booleans()):
        pairs.append((draw(st.sampled_from(["unexpected", "q999999", "pk"])), "1"))
    return pairs


def _encoded(pairs) -> bytes:
    """URL-encoded by hand: a lone surrogate becomes the bytes a broken client would send."""
    return "&".join(
        quote_from_bytes(key.encode("utf-8", "surrogatepass"))
        + "="
        + quote_from_bytes(value.encode("utf-8", "surrogatepass"))
        for key, value in pairs
    ).encode()


def _error(response) -> str:
    """Where the view failed: the exception and the project line it came through."""
    if not getattr(response, "exc_info", None):
        return ""
    _type, error, trace = response.exc_info
    frames = [f for f in traceback.extract_tb(trace) if "/.venv/" not in f.filename]
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    return f"{type(error).__name__}: {str(error)[:120]} at {where}"


def _short(pairs) -> list[tuple[str, str]]:
    return [
        (key, value if len(value) < 60 else f"{value[:20]}...({len(value)})")
        for key, value in pairs
    ]


def _fuzz(client, url: str, fields: dict, users: dict, roles: list[str], fixed=()) -> list[tuple]:
    """Post fuzzed payloads to `url` (plus the `fixed` pairs, sent as the page offered them);
    returns the outcomes that broke a promise, each with the payload that did it."""
    broken = []
    # An exception in a view must come back as the 500 it would be for a visitor.
    client.raise_request_exception = False

    @settings(settings.get_profile("fuzz"))
    @given(role=st.sampled_from(roles), pairs=_payload(fields))
    def attack(role, pairs):
        client.logout()
        client.force_login(users[role])
        before = _snapshot()
        response = client.post(
            url,
            data=_encoded([*fixed, *pairs]),
            content_type="application/x-www-form-urlencoded",
        )
        if response.status_code >= 500:
            broken.append((url, role, response.status_code, _error(response), _short(pairs)))
        elif response.status_code >= 400 and _snapshot() != before:
            broken.append((url, role, f"{response.status_code}, data changed", _short(pairs)))

    attack()
    return broken


SHARDS = 4  # every form is fuzzed in one of these, so parallel test processes share the work


@pytest.mark.django_db
@pytest.mark.parametrize("shard", range(SHARDS))
def test_fuzzing_every_form_never_errors_and_refusals_change_nothing(client, world, shard):  # noqa: F811
    targets = _discover(client, world)
    users = {role: user for role, user in world["users"].items() if user is not None}
    broken = []

    # Shared out by view, not by address: addresses carry ids, which differ between databases.
    views = sorted({_view_name(url) for url in targets})
    mine = set(views[shard::SHARDS])
    assert mine, views
    for url, target in sorted(targets.items()):
        if _view_name(url) not in mine:
            continue
        roles = [role for role in target["roles"] if role in users]
        if roles and target["fields"]:
            broken += _fuzz(client, url, target["fields"], users, roles)

    assert len(targets) >= 15, sorted(targets)
    assert broken == []


@pytest.mark.django_db
def test_fuzzing_the_admin_activity_forms_never_errors(client, world):  # noqa: F811
    admin = StaffFactory(is_superuser=True)
    client.force_login(admin)
    broken = []
    for url in (
        "/en/admin/activities/activity/add/",
        f"/en/admin/activities/activity/{world['activity']}/change/",
    ):
        reader = FormReader()
        reader.feed(client.get(url).content.decode())
        [form] = [form for form in reader.forms if "title_en" in form["fields"]]
        # The activity's own fields and its relations are fuzzed (hostile ids included: see
        # core.adminsafety); the inline formsets (registrations, materials) are sent as the
        # page offered them, and attacked in test_admin_refuses_hostile_ids_in_relations.
        own = {name: offered for name, offered in form["fields"].items() if "-" not in name}
        fixed = [
            (name, value)
            for name, offered in form["fields"].items()
            if name not in own
            for value in offered[:1]
        ]
        broken += _fuzz(client, url, own, {ADMIN_ROLE: admin}, [ADMIN_ROLE], fixed)

    assert broken == []


def test_the_fuzz_profile_is_fixed_for_ci():
    profile = settings.get_profile("fuzz")

    assert (profile.max_examples, profile.deadline, profile.derandomize) == (20, None, True)
    assert datetime.date(2026, 3, 29).isoformat() in " ".join(HOSTILE_DATES)


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", ["abc", "99999999999999999999999", "-1", "1.5", "\x00"])
def test_admin_refuses_hostile_ids_in_relations(client, world, hostile):  # noqa: F811
    client.force_login(StaffFactory(is_superuser=True))
    url = f"/en/admin/activities/activity/{world['activity']}/change/"
    reader = FormReader()
    reader.feed(client.get(url).content.decode())
    [form] = [form for form in reader.forms if "title_en" in form["fields"]]
    data = {name: offered[:1] for name, offered in form["fields"].items()}
    data["host_people"] = [hostile]
    data["registrations-TOTAL_FORMS"] = ["1"]
    data["registrations-0-user"] = [hostile]
    data["registrations-0-status"] = ["confirmed"]

    response = client.post(url, data)

    assert response.status_code == 200  # the admin's way of showing form errors
    assert "Please correct the errors below." in response.content.decode()
