from datetime import datetime

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

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


@register.simple_tag
def translated(instance, field: str):
    """{% translated organisation "description" as description %}: see core.content."""
    from core.content import translated_text

    return translated_text(instance, field)


@register.simple_tag
def language_names(codes) -> str:
    """Portal language codes as names in the viewer's language: "English, French"."""
    from django.utils.translation import get_language_info, gettext

    if isinstance(codes, str):
        codes = [codes]
    return ", ".join(gettext(get_language_info(code)["name"]) for code in codes)
