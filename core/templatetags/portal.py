from datetime import datetime
from functools import lru_cache

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import pgettext_lazy

from core.languages import language_name

register = template.Library()


@register.filter
def when(value: datetime | None) -> str:
    """A moment in the viewer's time zone, with the zone named: "Nov. 24, 2026, 12:15 a.m.
    (Asia/Kathmandu)", wrapped in a machine-readable <time> element."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    zone = timezone.get_current_timezone_name().replace("_", " ")
    return format_html(
        '<time datetime="{}">{} ({})</time>',
        value.isoformat(),
        formats.date_format(local, "DATETIME_FORMAT"),
        zone,
    )


def _period_parts(start: datetime, end: datetime | None) -> tuple[str, str]:
    """Start and end as text in the viewer's time zone: the end with its date only when it
    falls on another day there (a retreat over three days, a call past midnight)."""
    local_start = timezone.localtime(start)
    first = formats.date_format(local_start, "DATETIME_FORMAT")
    if end is None:
        return first, ""
    local_end = timezone.localtime(end)
    same_day = local_end.date() == local_start.date()
    return first, formats.date_format(local_end, "TIME_FORMAT" if same_day else "DATETIME_FORMAT")


@register.filter
def period(start: datetime | None, end: datetime | None = None) -> str:
    """`{{ activity.starts_at|period:activity.ends_at }}`, in the viewer's time zone, named
    after the start as `when` does: "March 1, 2027, noon (UTC) – March 3, 2027, 8 p.m." over
    several days, "May 6, 2031, 2 p.m. (UTC) – 4 p.m." within one; both ends in <time>."""
    if start is None:
        return ""
    _first, last = _period_parts(start, end)
    if not last:
        return when(start)
    return format_html('{} – <time datetime="{}">{}</time>', when(start), end.isoformat(), last)


@register.filter
def period_text(start: datetime | None, end: datetime | None = None) -> str:
    """Plain text for emails, without the zone (the email names it): "March 1, 2027, noon –
    March 3, 2027, 8 p.m." or "May 6, 2031, 2 p.m. – 4 p.m."."""
    if start is None:
        return ""
    first, last = _period_parts(start, end)
    return f"{first} – {last}" if last else first


@register.simple_tag
def translated(instance, field: str):
    """{% translated organisation "description" as description %}: see core.content."""
    from core.content import translated_text

    return translated_text(instance, field)


@register.simple_tag
def language_names(codes, in_sentence: bool = True) -> str:
    """Portal language codes as names in the viewer's language: "English, French" (or, inside
    a Spanish or French sentence, "inglés, francés": language names are not capitalised there)."""
    from django.utils.translation import get_language

    if isinstance(codes, str):
        codes = [codes]
    return _language_names(tuple(codes), get_language(), in_sentence)


@lru_cache(maxsize=256)
def _language_names(codes: tuple, language: str, in_sentence: bool) -> str:
    from django.utils import translation

    with translation.override(language):
        if in_sentence:
            names = [str(_NAMES[code]) for code in codes]
        else:
            names = [language_name(code) for code in codes]
    return ", ".join(names)


# Lower-case inside a sentence in Spanish and French; translators see the context.
_NAMES = {
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "es": pgettext_lazy("language name inside a sentence", "Spanish"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
}
