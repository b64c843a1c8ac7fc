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
