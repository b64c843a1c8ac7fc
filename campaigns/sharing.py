"""A campaign's dates in the viewer's language, its link's preview (Open Graph tags) and the
.ics feed of campaign dates. Neither the preview nor the feed names who runs a campaign: they
are read by anyone the link reaches, and a hidden organisation is named to nobody there."""

import datetime
from dataclasses import dataclass

from babel.dates import format_skeleton
from django.utils import translation
from django.utils.text import Truncator
from icalendar import Calendar, Event

from campaigns.enums import CampaignAudience
from campaigns.models import Campaign
from core import dates
from core.content import translated_text
from core.i18n import absolute_url_for
from core.validators import multi_line, single_line

PREVIEW_EXCERPT_CHARS = 160
PRODID = "-//Learning Lab//Learning Lab portal campaigns//EN"


@dataclass
class Preview:
    """A link's preview, as core.templatetags.social reads it."""

    title: str
    description: str
    url: str


def dates_text(campaign: Campaign) -> str:
    """ "Wednesday, November 25 – Thursday, December 10, 2026", as CLDR says it in the active
    language."""
    return dates.days_text(campaign.starts_on, campaign.ends_on)


def month_text(day: datetime.date) -> str:
    """ "November 2026", "noviembre de 2026", "novembre 2026"."""
    locale = translation.to_locale(translation.get_language() or "en")
    return format_skeleton("yMMMM", day, locale=locale)


def preview_for(*, campaign: Campaign, url: str) -> Preview | None:
    """The preview of a public campaign: its title, dates and the start of its call to action."""
    if campaign.audience != CampaignAudience.PUBLIC:
        return None
    call = (
        translated_text(campaign, "call_to_action").text
        or translated_text(campaign, "summary").text
    )
    excerpt = Truncator(" ".join(call.split())).chars(PREVIEW_EXCERPT_CHARS)
    description = dates_text(campaign) + (f" · {excerpt}" if excerpt else "")
    return Preview(title=translated_text(campaign, "title").text, description=description, url=url)


def calendar_for(campaigns, *, name: str, language: str) -> bytes:
    """An iCalendar file of all-day events, one per campaign (DTEND is the day after the last,
    as RFC 5545 says for all-day events). UID is the campaign's own, so an edit updates it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", single_line(name))
    for campaign in campaigns:
        url = absolute_url_for("campaigns:detail", language, slug=campaign.slug)
        event = Event()
        event.add("uid", f"campaign-{campaign.pk}@learning-lab")
        event.add("summary", single_line(translated_text(campaign, "title", language).text))
        event.add("dtstart", campaign.starts_on)
        event.add("dtend", campaign.ends_on + datetime.timedelta(days=1))
        event.add("dtstamp", campaign.updated_at)
        event.add("sequence", campaign.version)
        event.add("transp", "TRANSPARENT")
        call = translated_text(campaign, "call_to_action", language).text
        event.add("description", multi_line(f"{call}\n\n{url}".strip()))
        event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()
