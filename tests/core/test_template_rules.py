"""Templates get booleans from permissions and models: they never compare a status, state or kind
with a string, so a rule lives where a newcomer looks for it (issue 12)."""

import re
from pathlib import Path

from django.conf import settings

COMPARISON = re.compile(r"\.(?:status|state|kind|format|audience|role)\s*(?:==|!=)\s*[\"']")


def test_no_template_compares_a_status_with_a_string():
    root = Path(settings.BASE_DIR) / "templates"
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if COMPARISON.search(line)
    ]

    assert found == []
