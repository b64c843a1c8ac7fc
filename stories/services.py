"""Every write of partner stories: writing, editing, photos, the review and publication state
machine (one function, `transition`), the team's suggestions and moderation."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import languages
from notifications import services as notifications
from notifications.enums import Kind
from partners.models import Organisation
from partners.selectors import organisations_of
from stories import images, permissions
from stories.enums import Action, Audience, StoryState
from stories.exceptions import StoryError
from stories.models import Story, StoryPhoto, StorySuggestion

MAX_PHOTOS = 12


def _stale() -> StoryError:
    return StoryError(
        _("This story changed since you opened the page. Reload it and try again."),
        status_code=409,
    )


def _locked(story: Story, version: int | None) -> Story:
    """The story's row, locked; refuses (409) a page rendered from another version."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if version is None or story.version != version:
        raise _stale()
    return story


@transaction.atomic
def write_story(
    *,
    by: User,
    organisation: Organisation,
    language: str,
    title: str,
    body: str,
    audience: str = Audience.PUBLIC,
    anonymous: bool = False,
) -> Story:
    """A new draft by `by` for `organisation` (one they belong to), in `language`."""
    permissions.ensure_can_write(by)
    if not organisations_of(user=by).filter(pk=organisation.pk).exists():
        raise StoryError(_("Write stories for an organisation you belong to."))
    story = Story(
        organisation=organisation,
        original_language=language,
        audience=audience,
        anonymous=anonymous,
    )
    setattr(story, f"title_{language}", title.strip())
    setattr(story, f"body_{language}", body.strip())
    story.full_clean()
    story.save()
    story.authors.add(by)
    return story


@transaction.atomic
def update_story(
    *,
    story: Story,
    by: User,
    version: int | None,
    texts: dict[str, str],
    audience: str | None = None,
    anonymous: bool | None = None,
) -> Story:
    """Change the language versions (`title_es`, `body_fr`, ...) and, for its authors, who may
    read it and whether it names them. The version in the language it was written in cannot be
    emptied; a page older than the story is refused (409)."""
    permissions.ensure_can_edit(by, story)
    story = _locked(story, version)
    permissions.ensure_can_edit(by, story)
    for name, value in texts.items():
        if name in languages.per_language("title") + languages.per_language("body"):
            setattr(story, name, (value or "").strip())
    if not (getattr(story, f"title_{story.original_language}") or "").strip():
        raise StoryError(_("The story needs a title in the language it was written in."))
    if permissions.is_author(by, story) and story.state == StoryState.DRAFT:
        if audience is not None:
            story.audience = audience
        if anonymous is not None:
            story.anonymous = anonymous
    story.version += 1
    story.full_clean()
    story.save()
    return story


@transaction.atomic
def add_photo(*, story: Story, by: User, upload, alt_text: str) -> StoryPhoto:
    """A photo, re-encoded without its metadata (stories.images), with its description."""
    permissions.ensure_can_edit(by, story)
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not alt_text.strip():
        raise StoryError(_("Describe the photo for people who cannot see it."))
    if story.photos.count() >= MAX_PHOTOS:
        raise StoryError(_("A story has at most %(count)s photos.") % {"count": MAX_PHOTOS})
    content = images.reencode(upload)
    photo = StoryPhoto(story=story, alt_text=alt_text.strip())
    photo.image.save(content.name, content, save=False)
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def remove_photo(*, photo: StoryPhoto, by: User) -> None:
    permissions.ensure_can_edit(by, photo.story)
    photo.image.delete(save=False)
    photo.delete()


@dataclass(frozen=True)
class Rule:
    sources: frozenset
    target: str


TRANSITIONS = {
    Action.SUBMIT: Rule(frozenset({StoryState.DRAFT}), StoryState.IN_REVIEW),
    Action.PUBLISH: Rule(frozenset({StoryState.DRAFT, StoryState.IN_REVIEW}), StoryState.PUBLISHED),
    Action.SUGGEST: Rule(frozenset({StoryState.IN_REVIEW}), StoryState.DRAFT),
    Action.WITHDRAW: Rule(
        frozenset({StoryState.IN_REVIEW, StoryState.PUBLISHED}), StoryState.WITHDRAWN
    ),
    Action.REDRAFT: Rule(frozenset({StoryState.WITHDRAWN}), StoryState.DRAFT),
}


@transaction.atomic
def transition(
    *,
    story: Story,
    action: str,
    by: User,
    version: int | None,
    message: str = "",
    message_language: str | None = None,
) -> Story:
    """Move `story` by `action`. Refuses, with a translated 4xx, an action not allowed from the
    current state, by this person, or from a page older than the story (`version`; None only
    for demo data and scripts). Two people acting at once: the row lock makes the second see the
    first's result and be refused.

    A public story is sent for review by its authors and published by the team, who may send it
    back with a suggestion instead; a community-only story is published by its authors. A story
    by a hidden organisation is sent or published only when its authors chose not to name it.

    Side effects: a suggestion is kept (with the language it is written in, by default the
    story's: the authors'), and and each author
    is emailed in their own language when the team suggests or publishes (after commit)."""
    if action not in TRANSITIONS:
        raise StoryError(_("This request was not understood. Go back and try again."))
    rule = TRANSITIONS[action]
    story = (
        Story.objects.select_for_update().get(pk=story.pk)
        if version is None
        else _locked(story, version)
    )
    permissions.ensure_can_act(by, story, action)
    sources = rule.sources
    if action == Action.PUBLISH and story.audience == Audience.PUBLIC:
        sources = frozenset({StoryState.IN_REVIEW})
    if story.state not in sources:
        raise StoryError(
            _("“%(action)s” is not possible while the story is “%(state)s”.")
            % {"action": Action(action).label, "state": story.get_state_display()},
            status_code=409,
        )
    publishing = action in (Action.SUBMIT, Action.PUBLISH)
    if publishing and permissions.needs_anonymity(story) and not story.anonymous:
        raise StoryError(
            _(
                "Your organisation is hidden: its stories are published only without naming "
                "it or you. Choose “without naming us” first."
            )
        )
    suggestion = None
    if action == Action.SUGGEST:
        if not message.strip():
            raise StoryError(_("Write your suggestion for the authors: they will read it."))
        suggestion = StorySuggestion(
            story=story,
            written_by=by,
            language=message_language or story.original_language,
            text=message.strip(),
        )
        suggestion.full_clean()
        suggestion.save()
    story.state = rule.target
    if action == Action.PUBLISH:
        story.published_at = story.published_at or timezone.now()
    story.version += 1
    story.save(update_fields=["state", "published_at", "version", "updated_at"])
    if suggestion is not None:
        # The email reads the suggestion (ref_id), in the language it was written in.
        _notify_authors(
            story, Kind.STORY_SUGGESTION, f"story-suggestion:{suggestion.pk}", by, suggestion.pk
        )
    elif action == Action.PUBLISH:
        key = f"story-published:{story.pk}:{story.version}"
        _notify_authors(story, Kind.STORY_PUBLISHED, key, by, story.pk)
    return story


def _notify_authors(story: Story, kind: str, key: str, by: User, ref_id: int) -> None:
    """Each active author but the one acting, once (the key), after the change commits."""
    for author in story.authors.filter(is_active=True).select_related("notification_settings"):
        if author.pk == by.pk:
            continue
        notifications.notify(user=author, kind=kind, key=f"{key}:{author.pk}", ref_id=ref_id)


@transaction.atomic
def moderate(*, story: Story, by: User, hide: bool, reason: str = "") -> Story:
    """The team hides a story from everyone but its authors and the team (with the reason,
    which the authors read), or shows it again."""
    permissions.ensure_can_moderate(by)
    if hide and not reason.strip():
        raise StoryError(_("Say why the story is hidden: its authors will read it."))
    story = Story.objects.select_for_update().get(pk=story.pk)
    story.hidden_by_staff = hide
    story.hidden_reason = reason.strip() if hide else ""
    story.version += 1
    story.full_clean()
    story.save(update_fields=["hidden_by_staff", "hidden_reason", "version", "updated_at"])
    return story
