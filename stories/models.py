import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation
from stories.enums import Audience, StoryState

TITLE_LIMIT = 200
TEXT_LIMIT = 20000
ALT_LIMIT = 300
MESSAGE_LIMIT = 5000


def photo_upload_to(instance, filename: str) -> str:
    # A random name: a photo's address must not reveal its story or its organisation.
    return f"stories/{uuid.uuid4().hex}.jpg"


class Story(models.Model):
    """A story a partner writes about its work, in the language it was written in, with the
    translations its authors or the team add. Its state changes only in stories.services."""

    title = models.CharField(_("title"), max_length=TITLE_LIMIT)
    body = models.TextField(_("story"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    original_language = models.CharField(_("written in"), max_length=8, choices=settings.LANGUAGES)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="stories",
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("authors"), related_name="stories"
    )
    audience = models.CharField(
        _("who may read it"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC
    )
    # Chosen by the authors: the story names neither its organisation nor its authors, only
    # "a partner in <region>". Required for an organisation hidden from the readers.
    anonymous = models.BooleanField(_("without naming us"), default=False)
    state = models.CharField(
        _("state"), max_length=16, choices=StoryState.choices, default=StoryState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    hidden_by_staff = models.BooleanField(_("hidden by the team"), default=False)
    hidden_reason = models.TextField(
        _("why it is hidden"), blank=True, validators=[MaxLengthValidator(MESSAGE_LIMIT)]
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "audience", "-published_at"])]

    def __str__(self) -> str:
        return self.title


class StorySuggestion(models.Model):
    """A message from the team to the authors, in the language it was written in (append-only:
    the authors read it and decide what to change)."""

    story = models.ForeignKey(
        Story, verbose_name=_("story"), on_delete=models.PROTECT, related_name="suggestions"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.CharField(_("written in"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("suggestion"), validators=[MaxLengthValidator(MESSAGE_LIMIT)])
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.story_id}: {self.text[:40]}"


class StoryPhoto(models.Model):
    """A photo of a story, re-encoded on upload (no metadata, no location), with its alt text in
    the story's language."""

    story = models.ForeignKey(
        Story, verbose_name=_("story"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("photo"), upload_to=photo_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("description for people who cannot see it"), max_length=ALT_LIMIT)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.alt_text
