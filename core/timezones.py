"""The time zones a person can choose, and turning a name into a zone safely."""

import unicodedata
import zoneinfo
from functools import lru_cache
from importlib import resources
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The picker's groups, by the first part of a zone's name. Antarctic research stations are left
# out to keep the list short; their zones still validate.
_REGIONS = {
    "Africa": pgettext_lazy("time zone region", "Africa"),
    "America": pgettext_lazy("time zone region", "Americas"),
    "Asia": pgettext_lazy("time zone region", "Asia"),
    "Atlantic": pgettext_lazy("time zone region", "Atlantic Ocean"),
    "Australia": pgettext_lazy("time zone region", "Australia"),
    "Europe": pgettext_lazy("time zone region", "Europe"),
    "Arctic": pgettext_lazy("time zone region", "Europe"),
    "Indian": pgettext_lazy("time zone region", "Indian Ocean"),
    "Pacific": pgettext_lazy("time zone region", "Pacific"),
}


@lru_cache(maxsize=1)
def all_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _zone_tab() -> str:
    """tzdata's zone.tab: one line per current zone, with its country (the `tzdata` package is
    pinned through icalendar; the system's copy is the fallback)."""
    try:
        return (resources.files("tzdata.zoneinfo") / "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return Path("/usr/share/zoneinfo/zone.tab").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def current_zones() -> dict[str, str]:
    """Every current zone people choose from, with its country code: {"Africa/Dakar": "SN"}.
    No links or legacy names (Africa/Asmera, US/Eastern, Etc/GMT+5)."""
    zones = {}
    for line in _zone_tab().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        country, _coordinates, name, *_comment = line.split("\t")
        if name.split("/")[0] in _REGIONS and name in all_timezones():
            zones[name] = country
    return zones


def canonical_zone(name: str) -> str:
    """The current name of a zone stored under an old one ("US/Eastern" is "America/New_York",
    "Africa/Asmera" is "Africa/Asmara", per CLDR), or `name` itself."""
    from babel.core import get_global

    current = get_global("zone_aliases").get(name, name)
    return current if current in current_zones() or current == "UTC" else name


def _sort_key(label: str) -> str:
    """Sort "Ürümqi" with the U's and "Éfaté" with the E's, whatever the language."""
    return unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().casefold()


def timezone_choices() -> list:
    """The picker, in the active language: UTC, then one group per region, each zone named by
    its CLDR city and country, sorted as read: [("UTC", "UTC"), ("Africa", [("Africa/Dakar",
    "Dakar (Senegal)"), ...]), ...]. A callable, so a form asks for it in its viewer's language."""
    from django.utils import translation

    return _timezone_choices(translation.get_language() or "en")


@lru_cache(maxsize=8)
def _timezone_choices(language: str) -> list:
    from babel import Locale
    from babel.dates import get_timezone_location
    from django.utils import translation

    locale = Locale.parse(translation.to_locale(language))
    groups: dict[str, list[tuple[str, str]]] = {}
    for name, country in current_zones().items():
        city = get_timezone_location(zoneinfo.ZoneInfo(name), locale=locale, return_city=True)
        country_name = locale.territories.get(country, country)
        label = city if city == country_name else f"{city} ({country_name})"
        with translation.override(language):
            region = str(_REGIONS[name.split("/")[0]])
        groups.setdefault(region, []).append((name, label))
    return [
        ("UTC", "UTC"),
        *(
            (region, sorted(zones, key=lambda zone: _sort_key(zone[1])))
            for region, zones in sorted(groups.items(), key=lambda group: _sort_key(group[0]))
        ),
    ]


@lru_cache(maxsize=1)
def _old_names() -> dict[str, str]:
    """{current zone: its old names, space-separated}: what some browsers still report
    (Chromium says "Asia/Katmandu", "Asia/Calcutta")."""
    from babel.core import get_global

    names: dict[str, list[str]] = {}
    for old, current in get_global("zone_aliases").items():
        if current in current_zones():
            names.setdefault(current, []).append(old)
    return {current: " ".join(sorted(old)) for current, old in names.items()}


class ZoneSelect(forms.Select):
    """Each option carries the zone's old names (`data-also`), so static/js/timezone.js can
    choose it for a browser that reports an old name."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        also = _old_names().get(value)
        if also:
            option["attrs"]["data-also"] = also
        return option


class ZoneChoiceField(forms.ChoiceField):
    """A time zone from the grouped picker. It accepts any known zone name, so a person or an
    activity stored under an old name (Africa/Asmera) keeps it: shown under its current name
    when it has one, else as an option of its own; and it is saved under the current name."""

    widget = ZoneSelect

    def __init__(self, **kwargs):
        super().__init__(choices=timezone_choices, **kwargs)

    def valid_value(self, value) -> bool:
        return value in all_timezones()

    def to_python(self, value) -> str:
        value = super().to_python(value)
        return canonical_zone(value) if value in all_timezones() else value

    def prepare_value(self, value):
        if not isinstance(value, str) or value not in all_timezones():
            return value
        current = canonical_zone(value)
        if current not in current_zones() and current != "UTC":
            self.choices = [*timezone_choices(), (current, zone_label(current))]
        return current


def get_zone(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone called `name`, or None when it is empty or not a known zone name."""
    if not name or name not in all_timezones():
        return None
    return zoneinfo.ZoneInfo(name)


def validate_timezone(value: str) -> None:
    if value not in all_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


# Other names of UTC (a browser may report "Etc/UTC"): CLDR has no city for them, and "heure de
# UTC" reads badly; they are all "UTC".
UTC_NAMES = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"}
    | {"GMT", "Etc/GMT", "Etc/GMT0", "GMT0", "Etc/GMT+0", "GMT+0", "Etc/GMT-0", "GMT-0"}
    | {"Etc/Greenwich", "Greenwich"}
)


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
    if zone is None or name in UTC_NAMES:
        return "UTC"
    locale = Locale.parse(translation.to_locale(language))
    city = get_timezone_location(zone, locale=locale, return_city=True)
    with translation.override(language):
        return str(_("%(city)s time") % {"city": city})
