"""The time zones a person can choose, and turning a name into a zone safely."""

import zoneinfo
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_LEGACY_PREFIXES = ("Etc/", "SystemV/", "US/", "Canada/", "Brazil/", "Chile/", "Mexico/")


@lru_cache(maxsize=1)
def all_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@lru_cache(maxsize=1)
def timezone_choices() -> list[tuple[str, str]]:
    """Canonical 'Region/City' zones plus UTC, sorted, labelled with spaces for underscores."""
    names = sorted(
        name
        for name in all_timezones()
        if "/" in name and not name.startswith(_LEGACY_PREFIXES) and name[0].isupper()
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


def get_zone(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone called `name`, or None when it is empty or not a known zone name."""
    if not name or name not in all_timezones():
        return None
    return zoneinfo.ZoneInfo(name)


def validate_timezone(value: str) -> None:
    if value not in all_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})
