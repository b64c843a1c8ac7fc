from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from activities.calendars import activity_url
from activities.selectors import public_upcoming
from core.content import translated_text


class PublicActivitiesFeed(Feed):
    """Upcoming public activities (webinars and other open events), as Atom."""

    feed_type = Atom1Feed
    title = _("Learning Lab: upcoming public events")
    subtitle = _("Webinars and other events of the Learning Lab that anyone can join.")

    def link(self):
        return reverse("activities:list")

    def items(self):
        return public_upcoming(limit=50)

    def item_title(self, item):
        return translated_text(item, "title").text

    def item_description(self, item):
        """The summary in the reader's language, or the original saying which language it is in."""
        description = translated_text(item, "description")
        if description.is_fallback:
            return f"{description.notice}\n\n{description.text}"
        return description.text

    def item_link(self, item):
        return activity_url(item, get_language())

    def item_guid(self, item):
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
