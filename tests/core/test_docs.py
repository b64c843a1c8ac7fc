"""The README is the operator's manual: every setting the code reads is in its table."""

import re
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def _variables_read_by(path: Path) -> set[str]:
    source = path.read_text()
    return set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]+)"', source)) | set(
        re.findall(r'os\.environ\.get\(\s*"([A-Z][A-Z0-9_]+)"', source)
    )


def test_every_environment_variable_is_documented():
    used = _variables_read_by(BASE_DIR / "config" / "settings.py") | _variables_read_by(
        BASE_DIR / "config" / "gunicorn.py"
    )
    readme = (BASE_DIR / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", readme, flags=re.MULTILINE))

    assert len(used) > 20
    assert used - documented == set()


def test_compose_variables_are_documented():
    compose = (BASE_DIR / "docker-compose.yml").read_text()
    readme = (BASE_DIR / "README.md").read_text()
    required = set(re.findall(r"\$\{([A-Z][A-Z0-9_]+):\?", compose))

    assert {"SECRET_KEY", "POSTGRES_PASSWORD", "SITE_ADDRESS"} <= required
    assert {name for name in required if f"`{name}`" not in readme} == set()
