"""Checks every piece of input goes through before it can be stored or sent: dates within a sane
range, local times that exist exactly once, and text without invisible control characters.

Why: a date of 31 December 9999 in Pacific/Pago_Pago is stored as year 10000 UTC, which
PostgreSQL keeps but psycopg cannot read back, so every page listing it answered 500; a carriage
return in a title made every email about it fail with BadHeaderError. One definition here, used
by forms (field validators), services (ApplicationError) and models (CheckConstraint).
"""

import datetime
import re
import unicodedata
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.timezones import get_zone

# --- Dates ------------------------------------------------------------------------------------

# What people may type, as a local date in any time zone: activities, meetings, registration
# deadlines, survey dates, preferred dates of proposals, the day an organisation joined. The
# Lab started after 2000; nothing is planned past 2100. Far from both ends of what Python,
# SQLite and PostgreSQL can represent, so no time zone arithmetic can overflow.
MIN_YEAR = 2000
MAX_YEAR = 2100
MIN_DATE = datetime.date(MIN_YEAR, 1, 1)
MAX_DATE = datetime.date(MAX_YEAR, 12, 31)
# The stored instants (UTC) and stored dates the database accepts: the range above widened by
# two days, so a local time at either end, in any zone (UTC-12 to UTC+14), always fits.
MIN_STORED_DATE = MIN_DATE - datetime.timedelta(days=2)
MAX_STORED_DATE = MAX_DATE + datetime.timedelta(days=2)
MIN_STORED = datetime.datetime.combine(MIN_STORED_DATE, datetime.time(), tzinfo=datetime.UTC)
MAX_STORED = datetime.datetime.combine(MAX_STORED_DATE, datetime.time(), tzinfo=datetime.UTC)


def date_out_of_range_message() -> str:
    return _("Choose a date between %(first)s and %(last)s.") % {
        "first": formats.date_format(MIN_DATE, "DATE_FORMAT"),
        "last": formats.date_format(MAX_DATE, "DATE_FORMAT"),
    }


def is_in_range(value: datetime.date | datetime.datetime | None) -> bool:
    """True when the date (or the date of the datetime, as written in its own zone) lies within
    MIN_YEAR..MAX_YEAR. None is in range: emptiness is for `required` to judge."""
    return value is None or MIN_YEAR <= value.year <= MAX_YEAR


def validate_date_in_range(value: datetime.date | datetime.datetime | None) -> None:
    """Form and model field validator: refuse a date before MIN_YEAR or after MAX_YEAR."""
    if not is_in_range(value):
        raise ValidationError(date_out_of_range_message(), code="date_out_of_range")


def _fits_storage(value: datetime.date | datetime.datetime) -> bool:
    if isinstance(value, datetime.datetime):
        # Compared as instants: no zone arithmetic that could overflow near year 1 or 9999.
        moment = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
        return MIN_STORED <= moment <= MAX_STORED
    return MIN_STORED_DATE <= value <= MAX_STORED_DATE


def validate_stored_range(value: datetime.date | datetime.datetime | None) -> None:
    """Model field validator: the value fits the database's CheckConstraint (the typed range
    widened by two days, see MIN_STORED). The admin, which has no zone to read a time in,
    refuses what the database would refuse instead of answering 500."""
    if value is not None and not _fits_storage(value):
        raise ValidationError(date_out_of_range_message(), code="date_out_of_range")


def moment_in_range(value: datetime.datetime | None, zone_name: str = "UTC") -> bool:
    """For services: True when `value` (aware; a naive one is read in `zone_name`) falls on a
    date between MIN_YEAR and MAX_YEAR in the zone `zone_name`. None is in range."""
    if value is None:
        return True
    # An unknown zone name is the model's validator's to refuse; here it reads as UTC.
    zone = get_zone(zone_name) or datetime.UTC
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return _fits_storage(value) and is_in_range(value.astimezone(zone))


def stored_range_q(field: str, *, dates: bool = False) -> Q:
    """The condition of a CheckConstraint keeping `field` within the stored range (a NULL
    passes: an optional date stays optional)."""
    low, high = (MIN_STORED_DATE, MAX_STORED_DATE) if dates else (MIN_STORED, MAX_STORED)
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high})


def local_moment(value: datetime.datetime, zone_name: str) -> datetime.datetime:
    """The wall-clock time `value` (naive, as typed) read in the zone `zone_name`, as an aware
    datetime. Refuses (ValidationError) a time the clocks skip in that zone (a daylight-saving
    gap) and a time they show twice (the hour repeated when they go back): a person chooses
    another time rather than the portal silently picking one for them."""
    validate_date_in_range(value)
    zone = ZoneInfo(zone_name)
    naive = value.replace(tzinfo=None)
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    params = {
        "time": formats.time_format(naive.time(), "TIME_FORMAT"),
        "date": formats.date_format(naive.date(), "DATE_FORMAT"),
        "zone": zone_name,
    }
    if first.utcoffset() == second.utcoffset():
        return first
    # Round-tripping through UTC moves a time in a gap out of it; a time in the fold comes back.
    if first.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValidationError(
            _(
                "%(time)s does not exist on %(date)s in %(zone)s: the clocks go forward. "
                "Choose another time."
            ),
            code="nonexistent_time",
            params=params,
        )
    raise ValidationError(
        _(
            "%(time)s happens twice on %(date)s in %(zone)s: the clocks go back. "
            "Choose another time."
        ),
        code="ambiguous_time",
        params=params,
    )


# --- Text -------------------------------------------------------------------------------------

# Characters that change how the text around them is read without being seen: line and
# paragraph separators, and the bidirectional embeddings, overrides and isolates
# ("Trojan Source"). The marks U+200E/U+200F stay allowed: right-to-left writing needs them.
INVISIBLE_FORMATTING = frozenset(
    ["\u2028", "\u2029", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
)
MULTI_LINE_ALLOWED = frozenset("\n\r\t")  # browsers send a textarea's line breaks as CR LF


def _is_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc"  # C0, DEL and C1


def has_control_characters(value: str, *, multi_line: bool = False) -> bool:
    if multi_line:
        return any(_is_control(c) and c not in MULTI_LINE_ALLOWED for c in value)
    return any(_is_control(c) or c in INVISIBLE_FORMATTING for c in value)


def validate_single_line(value: str) -> None:
    """Titles, names, subjects, labels: one line of visible text (they end up in email
    headers, calendar lines and CSV cells, where a line break or an override does harm)."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(
            _(
                "Write this on a single line, without line breaks, tabs or invisible "
                "control characters."
            ),
            code="control_characters",
        )


def validate_multi_line(value: str) -> None:
    """Longer texts may hold line breaks and tabs, but no other control character."""
    if isinstance(value, str) and has_control_characters(value, multi_line=True):
        raise ValidationError(
            _("This text contains invisible control characters. Remove them and try again."),
            code="control_characters",
        )


def single_line(value: str) -> str:
    """`value` with every control or invisible formatting character replaced by a space and
    runs of spaces collapsed: for text from older rows that reaches an email header."""
    cleaned = "".join(" " if _is_control(c) or c in INVISIBLE_FORMATTING else c for c in str(value))
    # Only ordinary spaces are collapsed: a no-break space belongs to French punctuation.
    return re.sub(" {2,}", " ", cleaned).strip(" ")


def multi_line(value: str) -> str:
    """`value` with line breaks as LF only and every other control character but tab removed:
    for longer text from older rows that reaches a calendar file or an email."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if not _is_control(c) or c in "\n\t")


# --- Order and size ---------------------------------------------------------------------------


def ends_after_start_message() -> str:
    return _("The activity must end after it starts.")


def ends_after_start(starts, ends) -> bool:
    """True when both are given and `ends` comes after `starts` (or either is missing: that is
    for `required` to judge)."""
    return starts is None or ends is None or ends > starts


def validate_file_size(file, *, limit: int, message: str, code: str) -> None:
    """Refuse an upload over `limit` bytes; `message` takes %(size)s and %(limit)s in MB."""
    if file.size > limit:
        raise ValidationError(
            message,
            code=code,
            params={"size": f"{file.size / 1_000_000:.1f}", "limit": f"{limit / 1_000_000:.0f}"},
        )
