"""What an activity's link says when someone shares it: the WhatsApp message and the preview
(Open Graph tags) that messaging apps and social sites show.

Both are read for a viewer, through the same rule as the page: the hosts' time zone only when
the viewer may see every host (activities.selectors.hosts_zone_for), so a hidden host's zone
never leaves in a message. A community activity's preview is the portal's own: its link, pasted
anywhere, says nothing of it.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext

from accounts.models import User
from activities.enums import ActivityStatus, Audience
from activities.models import Activity
from activities.selectors import hosts_zone_for
from core.content import translated_text
from core.i18n import absolute_url_for
from core.templatetags.portal import language_names, period_text
from core.timezones import zone_label

PREVIEW_EXCERPT_CHARS = 160


def when_text(activity: Activity, viewer: User | None) -> str:
    """When the activity happens, in the hosts' zone if `viewer` may see every host, else in
    UTC, with the zone named for people: "Tuesday, May 6, 2031, 2:00 PM – 4:00 PM (Dakar
    time)". A message is read far from the page: the reader's own zone is unknown."""
    # The hosts fetched once for the page: its own "hosts' time" reads them from here too.
    prefetch_related_objects([activity], "host_organisations")
    zone = hosts_zone_for(activity=activity, user=viewer) or "UTC"
    with timezone.override(zone):
        when = period_text(activity.starts_at, activity.ends_at)
        return f"{when} ({zone_label(zone)})"


def languages_text(activity: Activity) -> str:
    """ "Held in English · Interpretation into French", as the activity's page says it."""
    text = f"{gettext('Held in')} {language_names(activity.spoken_language_list)}"
    if activity.interpretation_language_list:
        names = language_names(activity.interpretation_language_list)
        text += f" · {gettext('Interpretation into')} {names}"
    return text


def page_url(activity: Activity) -> str:
    """The activity's address on the portal (settings.SITE_URL), in the active language."""
    return absolute_url_for("activities:detail", pk=activity.pk)


def share_text(*, activity: Activity, viewer: User | None) -> str:
    """The message "Share on WhatsApp" prepares for `viewer` to send, in the active language:
    the title (in that language, or the one it was written in), a word if it is cancelled,
    when, the languages spoken and interpreted, for a community activity that only partners
    can open the link, and the link."""
    lines = [translated_text(activity, "title").text]
    if activity.status == ActivityStatus.CANCELLED:
        lines.append(gettext("This activity has been cancelled."))
    lines += [when_text(activity, viewer), languages_text(activity)]
    if activity.audience != Audience.PUBLIC:
        lines.append(gettext("Only partners can open this link."))
    lines.append(page_url(activity))
    return "\n".join(lines)


def whatsapp_url(text: str) -> str:
    """WhatsApp's link that opens a chat with `text` ready to send."""
    return "https://wa.me/?text=" + quote(text, safe="")


@dataclass
class Sharing:
    """The share block of an activity's page."""

    page_url: str
    whatsapp_url: str
    community_only: bool


def sharing_for(*, activity: Activity, viewer: User | None) -> Sharing | None:
    """What `viewer` may share of an activity they see: nothing of a draft (its link leads
    nowhere for anyone else), else its link and the WhatsApp message."""
    if activity.status not in ActivityStatus.LISTED:
        return None
    return Sharing(
        page_url=page_url(activity),
        whatsapp_url=whatsapp_url(share_text(activity=activity, viewer=viewer)),
        community_only=activity.audience != Audience.PUBLIC,
    )


@dataclass
class Preview:
    """A link's preview (templates/includes/social_tags.html)."""

    title: str
    description: str
    url: str


def preview_for(*, activity: Activity, viewer: User | None) -> Preview | None:
    """The preview of a public, published activity's link: its title; when (as in
    `share_text`), the languages and the start of its description. None for any other
    activity, whose page then shows only the portal's own preview."""
    if activity.audience != Audience.PUBLIC or activity.status not in ActivityStatus.LISTED:
        return None
    parts = []
    if activity.status == ActivityStatus.CANCELLED:
        parts.append(gettext("This activity has been cancelled."))
    parts += [when_text(activity, viewer), languages_text(activity)]
    excerpt = " ".join(translated_text(activity, "description").text.split())
    if excerpt:
        parts.append(Truncator(excerpt).chars(PREVIEW_EXCERPT_CHARS))
    return Preview(
        title=translated_text(activity, "title").text,
        description=" · ".join(parts),
        url=page_url(activity),
    )
