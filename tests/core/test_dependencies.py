"""Dependencies point down: each app imports only the apps below it.

Every `import` and `from ... import` of every .py file of our apps is read with `ast`, at module
level and inside functions alike (a lazy import is still a dependency), and checked against the
table below. A new edge fails with the file and line that adds it: move the code to the app that
owns it (a page gathering from many apps belongs to `portal`), or, when the edge is genuinely
needed, add it here with the reason.
"""

import ast
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

# Ours, bottom to top. `portal` and `config` sit on top and may import anything.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "accounts": {"core"},
    "partners": {"accounts", "core"},
    # notifications is below the domains that send notices: they call notify() and arm(), and
    # register their email builders (notifications.registry). Delivery names Activity and
    # Registration by string, not by import.
    "notifications": {"accounts", "core"},
    "activities": {"notifications", "partners", "accounts", "core"},
    "feedback": {"activities", "notifications", "partners", "accounts", "core"},
    "workinggroup": {"activities", "notifications", "partners", "accounts", "core"},
    # Learning questions gather what the community learned: activities (and their materials)
    # and the Working Group's outcomes.
    "learning": {"activities", "workinggroup", "notifications", "partners", "accounts", "core"},
    # The library merges in activity materials (read through activities' selectors and served
    # by activities' own material view) and names partner organisations as makers.
    "resources": {"activities", "partners", "accounts", "core"},
    # Partner stories: written by members of organisations, their authors emailed.
    "stories": {"notifications", "partners", "accounts", "core"},
    # Campaigns gather activities, stories and resources (read through their selectors) and name
    # the partner organisation running one.
    "campaigns": {"activities", "stories", "resources", "partners", "accounts", "core"},
    # The convening: its sessions are activities (places, reminders, calendars are theirs) and
    # its archive links partner stories. Activities learn of it only through a template tag
    # on the activity page (convenings.templatetags.convening_tags), as of campaigns.
    "convenings": {"activities", "stories", "partners", "accounts", "core"},
    # People's profiles: themes are partners' focus areas, their organisations shown through
    # partners' Traces; photos re-encoded by stories.images.
    "people": {"stories", "partners", "accounts", "core"},
    # A region's page gathers its partners, coming activities and people (read through their
    # selectors).
    "regions": {"people", "activities", "partners", "accounts", "core"},
    # Peer mentoring: suggestions from people's profiles (people.selectors decides who sees
    # whom), sessions are private activities, the ended are asked in a feedback survey (an
    # audience it provides to feedback), emails through notifications.
    "mentoring": {
        "people",
        "activities",
        "feedback",
        "notifications",
        "partners",
        "accounts",
        "core",
    },
}
TOP = {"portal", "config"}
OURS = set(ALLOWED) | TOP


def _imported_apps(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def _edges():
    for app in sorted(OURS):
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            relative = path.relative_to(BASE_DIR).as_posix()
            tree = ast.parse(path.read_text(), filename=relative)
            for line, imported in _imported_apps(tree):
                if imported in OURS and imported != app:
                    yield app, imported, f"{relative}:{line}"


def test_every_app_imports_only_the_apps_below_it():
    offending = [
        f"{where}: {app} imports {imported}"
        for app, imported, where in _edges()
        if app not in TOP and imported not in ALLOWED[app]
    ]

    assert offending == []


def test_the_table_names_every_app():
    apps = {
        path.parent.name
        for path in BASE_DIR.glob("*/apps.py")
        if path.parent.name in {app.split(".")[0] for app in settings.INSTALLED_APPS}
    }

    assert apps - OURS == set()


def test_lazy_imports_are_seen():
    tree = ast.parse("def f():\n    from partners.models import Organisation\n")

    assert list(_imported_apps(tree)) == [(2, "partners")]
