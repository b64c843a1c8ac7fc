"""What a story says of who wrote it, and its link's preview (Open Graph tags) for messaging
apps. An anonymous story says "A partner in <region>"; a story is named with its organisation
only through the same rule as every page (partners.selectors.traces_for). A community-only
story's preview is the portal's own: its link, pasted anywhere, says nothing of it."""

from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext

from accounts.models import User
from core.content import translated_text
from partners.enums import Region
from partners.selectors import traces_for
from stories.enums import Audience, StoryState
from stories.models import Story

PREVIEW_EXCERPT_CHARS = 160


@dataclass
class Preview:
    """A link's preview, as core.templatetags.social reads it (the same three fields as an
    activity's)."""

    title: str
    description: str
    url: str


def region_label(story: Story) -> str:
    try:
        region = Region(story.organisation.region).label
    except ValueError:
        return gettext("A partner organisation")
    return gettext("A partner in %(region)s") % {"region": region}


def byline(story: Story, viewer: User | None) -> str:
    """Who the story is by, as `viewer` (None: anyone) may read it."""
    if story.anonymous:
        return region_label(story)
    if traces_for(viewer).shows_organisation(story.organisation):
        return story.organisation.name
    return gettext("A partner organisation")


def preview_for(*, story: Story, url: str) -> Preview | None:
    """The preview of a published public story: its title and the start of its text."""
    if (
        story.audience != Audience.PUBLIC
        or story.state != StoryState.PUBLISHED
        or story.hidden_by_staff
    ):
        return None
    body = translated_text(story, "body").text
    excerpt = Truncator(" ".join(body.split())).chars(PREVIEW_EXCERPT_CHARS)
    return Preview(
        title=translated_text(story, "title").text,
        description=f"{byline(story, None)} · {excerpt}",
        url=url,
    )
