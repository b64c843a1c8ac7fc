"""Dates and times as people read them, in the active language and the viewer's time zone.

Everything comes from CLDR through Babel (weekday and month names, the order of day and month,
12- or 24-hour clocks, the dash of a range); only the joint between a day and its time is ours
to translate, because Babel's CLDR data has no "atTime" pattern (French says "lundi 6 mai à
14:00"). A range gives the end's date only when it falls on another day in the viewer's zone.
"""

import datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_interval, format_time
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import pgettext


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    return Locale.parse(translation.to_locale(language))


def _active_locale() -> Locale:
    return _locale(translation.get_language() or settings.LANGUAGE_CODE)


def _clock(locale: Locale) -> str:
    """The time skeleton of the locale's own clock: "hm" (2:00 PM) or "Hm" (14:00)."""
    return "hm" if "h" in locale.time_formats["short"].pattern else "Hm"


def _local(value: datetime.datetime, zone: datetime.tzinfo | None) -> datetime.datetime:
    return value.astimezone(zone) if zone is not None else timezone.localtime(value)


def day_text(value: datetime.date | datetime.datetime) -> str:
    """A day with its weekday: "Tuesday, May 6, 2031", "mardi 6 mai 2031"."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return format_date(value, "full", locale=_active_locale())


def days_text(start: datetime.date, end: datetime.date | None) -> str:
    """A range of days, said as CLDR says it in the active language: "Mon, Mar 1 – Wed, Mar 3,
    2027", "lun. 1 – mer. 3 mars 2027"; one day alone with its full weekday."""
    if end is None or end == start:
        return day_text(start)
    return format_interval(start, end, "yMMMMEEEEd", locale=_active_locale())


def moment_text(value: datetime.datetime, zone: datetime.tzinfo | None = None) -> str:
    """A moment in `zone` (the viewer's by default), without the zone's name: "Monday, March 1,
    2027, 12:00 PM", "lundi 1 mars 2027 à 12:00", "lunes, 1 de marzo de 2027, 12:00"."""
    local = _local(value, zone)
    locale = _active_locale()
    return pgettext("a day, then a time of that day", "%(day)s, %(time)s") % {
        "day": format_date(local.date(), "full", locale=locale),
        "time": format_time(local, "short", tzinfo=local.tzinfo, locale=locale),
    }


def period_text(
    start: datetime.datetime, end: datetime.datetime | None, zone: datetime.tzinfo | None = None
) -> str:
    """A start and an end in `zone` (the viewer's by default): "lundi 6 mai 2031, 14:00 – 16:00"
    within one day there, "lundi 1 mars 2027 à 12:00 – mercredi 3 mars 2027 à 20:00" over
    several (a retreat, or a call that passes midnight in the viewer's zone)."""
    if end is None:
        return moment_text(start, zone)
    local_start, local_end = _local(start, zone), _local(end, zone)
    locale = _active_locale()
    if local_start.date() == local_end.date():
        times = format_interval(
            local_start, local_end, _clock(locale), tzinfo=local_start.tzinfo, locale=locale
        )
        return locale.datetime_formats["full"].format(
            times, format_date(local_start.date(), "full", locale=locale)
        )
    return locale.interval_formats[None].format(moment_text(start, zone), moment_text(end, zone))
