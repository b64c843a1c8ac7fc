from datetime import datetime
from functools import lru_cache

from django import template
from django.utils import timezone, translation
from django.utils.html import format_html

from core import dates
from core.content import WRITTEN_IN
from core.i18n import url_in_language
from core.languages import language_name, language_name_in_sentence
from core.timezones import zone_label

register = template.Library()


def _zone_name() -> str:
    return zone_label(timezone.get_current_timezone_name())


@register.filter
def written_in(code: str | None) -> str:
    """ "Originally written in Spanish." for a person's text (a note, a reason, a suggestion)
    stored with the language it was written in, when that is not the page's language; "" when
    it is, or is not known: `{% if note.language|written_in %}`."""
    if not code or code not in WRITTEN_IN or code == translation.get_language():
        return ""
    return str(WRITTEN_IN[code])


@register.filter
def when(value: datetime | None) -> str:
    """A moment in the viewer's time zone, with its weekday and the zone named for people:
    "Monday, March 1, 2027, 12:00 PM (Kathmandu time)", "lundi 1 mars 2027 à 12:00 (heure de
    Katmandou)", in a <time> element that static/js/timezone.js may rewrite on a first visit."""
    if value is None:
        return ""
    return format_html(
        '<time datetime="{}" data-local>{} ({})</time>',
        value.isoformat(),
        dates.moment_text(value),
        _zone_name(),
    )


@register.filter
def period(start: datetime | None, end: datetime | None = None) -> str:
    """`{{ activity.starts_at|period:activity.ends_at }}` in the viewer's time zone, named at
    the end: "lundi 6 mai 2031, 14:00 – 16:00 (heure de Dakar)" within one day there, "lundi
    1 mars 2027 à 12:00 – mercredi 3 mars 2027 à 20:00 (UTC)" over several. One <time> holds
    the start; its `data-end` gives the end to static/js/timezone.js."""
    if start is None:
        return ""
    if end is None:
        return when(start)
    return format_html(
        '<time datetime="{}" data-local data-end="{}">{} ({})</time>',
        start.isoformat(),
        end.isoformat(),
        dates.period_text(start, end),
        _zone_name(),
    )


@register.filter
def period_text(start: datetime | None, end: datetime | None = None) -> str:
    """Plain text for emails, without the zone (the email names it): "lundi 1 mars 2027 à
    12:00 – mercredi 3 mars 2027 à 20:00" or "lundi 6 mai 2031, 14:00 – 16:00"."""
    if start is None:
        return ""
    return dates.period_text(start, end)


@register.filter
def moment(value: datetime | None) -> str:
    """Plain text of one moment, without the zone: "lundi 6 mai 2031 à 14:00"."""
    return "" if value is None else dates.moment_text(value)


@register.filter
def day(value) -> str:
    """A day with its weekday: "Tuesday, May 6, 2031", "martes, 6 de mayo de 2031"."""
    return "" if value is None or value == "" else dates.day_text(value)


@register.filter
def days(start, end=None) -> str:
    """A range of days: "Mon, Mar 1 – Wed, Mar 3, 2027"; a single day as `day` says it."""
    if start is None or start == "":
        return ""
    return dates.days_text(start, end or None)


@register.simple_tag
def zone_name() -> str:
    """The viewer's time zone named for people: "Dakar time", "hora de Guatemala"."""
    return _zone_name()


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
            names = [language_name_in_sentence(code) for code in codes]
        else:
            names = [language_name(code) for code in codes]
    return ", ".join(names)


@register.simple_tag(takes_context=True)
def stylesheet(context) -> str:
    """The page's stylesheet: inline on a first visit, linked once the browser has it."""
    from core.stylesheet import stylesheet_tags

    return stylesheet_tags(context.get("request"))


@register.simple_tag(takes_context=True)
def page_in_language(context, code: str) -> str:
    """The address of this page in the language `code` (its language prefix changed, also on a
    "not found" page, whose address resolves to nothing)."""
    request = context.get("request")
    if request is None:
        return ""
    here = request.get_full_path()
    there = url_in_language(here, code)
    if there == here:
        current = translation.get_language_from_path(request.path_info)
        if current:
            there = f"/{code}/" + here[len(current) + 2 :]
    return there
