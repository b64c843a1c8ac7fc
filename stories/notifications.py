"""The emails notifications sends about partner stories: the team's suggestion, and the story
published. Registered with `notifications.registry`; each author reads them in their language."""

from core.content import TranslatedText, translated_text
from core.i18n import absolute_url_for
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from notifications.registry import Email, NotDue, register
from stories.enums import StoryState
from stories.models import Story, StorySuggestion


def _is_author(delivery: Delivery, story: Story) -> bool:
    return story.authors.filter(pk=delivery.user_id).exists()


def _title(story: Story, language: str) -> dict:
    title = translated_text(story, "title", language)
    return {"title": title.text, "title_notice": title.notice if title.is_fallback else ""}


@register(Kind.STORY_SUGGESTION)
def story_suggestion(delivery: Delivery, language: str) -> Email:
    suggestion = StorySuggestion.objects.select_related("story").filter(pk=delivery.ref_id).first()
    if suggestion is None or not _is_author(delivery, suggestion.story):
        raise NotDue(DeliveryStatus.CANCELLED)
    text = TranslatedText(suggestion.text, suggestion.language, suggestion.language != language)
    return Email(
        "notifications/email/story_suggestion",
        {
            **_title(suggestion.story, language),
            "suggestion": text.text,
            "suggestion_notice": text.notice if text.is_fallback else "",
            "url": absolute_url_for("stories:story", language, pk=suggestion.story_id),
        },
    )


@register(Kind.STORY_PUBLISHED)
def story_published(delivery: Delivery, language: str) -> Email:
    story = Story.objects.filter(pk=delivery.ref_id).first()
    if story is None or story.state != StoryState.PUBLISHED or not _is_author(delivery, story):
        raise NotDue(DeliveryStatus.CANCELLED)
    return Email(
        "notifications/email/story_published",
        {
            **_title(story, language),
            "url": absolute_url_for("stories:story", language, pk=story.pk),
        },
    )
