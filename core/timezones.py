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


def zone_label(name: str) -> str:
    """A zone named for people, in the active language, from CLDR's city names: "Dakar time",
    "hora de Guatemala", "heure de Port-d’Espagne"; "UTC" stays "UTC"."""
    from django.utils import translation

    return _zone_label(name, translation.get_language() or "en")


@lru_cache(maxsize=2048)
def _zone_label(name: str, language: str) -> str:
    from babel import Locale
    from babel.dates import get_timezone_location
    from django.utils import translation

    zone = get_zone(name)
    if zone is None or name == "UTC":
        return "UTC"
    locale = Locale.parse(translation.to_locale(language))
    city = get_timezone_location(zone, locale=locale, return_city=True)
    with translation.override(language):
        return str(_("%(city)s time") % {"city": city})
