from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.content import translated_text
from core.i18n import absolute_url_for
from stories import sharing
from stories.selectors import public_feed


class PublicStoriesFeed(Feed):
    """Public stories of the Learning Lab's partners, newest first, as Atom, in the language of
    its address (an untranslated story says the language it is written in)."""

    feed_type = Atom1Feed
    title = _("Learning Lab: partner stories")
    subtitle = _("Stories of the Learning Lab's partner organisations about their work.")

    def link(self):
        return reverse("stories:list")

    def items(self):
        # One anonymous reader for the whole feed: what it may see is read once (traces_for).
        self.reader = AnonymousUser()
        return public_feed(limit=50)

    def item_title(self, item):
        return translated_text(item, "title").text

    def item_description(self, item):
        body = translated_text(item, "body")
        text = f"{sharing.byline(item, self.reader)}\n\n{body.text}"
        if body.is_fallback:
            return f"{body.notice}\n\n{text}"
        return text

    def item_link(self, item):
        return absolute_url_for("stories:story", get_language(), pk=item.pk)

    def item_guid(self, item):
        return f"story-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
