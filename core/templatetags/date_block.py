"""The date block of a card: weekday, day and month of a moment, in the viewer's time zone and
language, from CLDR through Babel ("sáb. / 1 / may", "sam. / 1 / mai")."""

from datetime import datetime

from babel.dates import format_date
from django import template
from django.utils import timezone
from django.utils.html import format_html

from core import dates

register = template.Library()


@register.simple_tag
def date_block(value: datetime | None) -> str:
    """Hidden from screen readers: the card says the full date and time in words beside it."""
    if value is None:
        return ""
    local = timezone.localtime(value).date()
    locale = dates._active_locale()
    return format_html(
        '<div class="date-block" aria-hidden="true"><span class="date-block-weekday">{}</span>'
        '<span class="date-block-day">{}</span><span class="date-block-month">{}</span></div>',
        format_date(local, "ccc", locale=locale),
        format_date(local, "d", locale=locale),
        format_date(local, "LLL", locale=locale),
    )
