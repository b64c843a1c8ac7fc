import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validators import validate_multi_line, validate_single_line
from partners.enums import Region
from partners.models import FocusArea
from people.enums import LanguageLevel, ProfileVisibility
from people.validators import validate_language_code

INTRODUCTION_LIMIT = 2000
ALT_LIMIT = 300


def photo_upload_to(instance, filename: str) -> str:
    # A random name: a photo's address must not reveal whose it is.
    return f"people/{uuid.uuid4().hex}.jpg"


class Skill(models.Model):
    """Something a person can offer or is looking for (fundraising, safeguarding, ...): a managed
    list, translated (modeltranslation)."""

    slug = models.SlugField(_("short name in links"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """What a person tells the community about themselves. Created the first time they open
    their profile (people.services.profile_of): a person without one is not in the directory.
    Who sees it is decided only by people.selectors.profiles_visible_to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    themes = models.ManyToManyField(
        FocusArea, verbose_name=_("what I work on"), blank=True, related_name="profiles"
    )
    skills_offered = models.ManyToManyField(
        Skill, verbose_name=_("what I can offer"), blank=True, related_name="offered_by"
    )
    skills_sought = models.ManyToManyField(
        Skill, verbose_name=_("what I am looking for"), blank=True, related_name="sought_by"
    )
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        validators=[MaxLengthValidator(INTRODUCTION_LIMIT), validate_multi_line],
    )
    original_language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    photo = models.ImageField(
        _("photo"),
        upload_to=photo_upload_to,
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(default=0)
    photo_height = models.PositiveIntegerField(default=0)
    photo_alt = models.CharField(
        _("description of the photo"),
        max_length=ALT_LIMIT,
        blank=True,
        validators=[validate_single_line],
    )
    visibility = models.CharField(
        _("who sees my profile"),
        max_length=16,
        choices=ProfileVisibility.choices,
        default=ProfileVisibility.COMMUNITY,
    )
    # Only for members of hidden organisations: listed to the community, never with the
    # organisation (see people.selectors).
    listed_if_hidden = models.BooleanField(_("list me in the people directory"), default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        ordering = ["user__display_name", "pk"]
        indexes = [models.Index(fields=["region", "visibility"])]

    def __str__(self) -> str:
        return str(self.user.display_name)


class ProfileLanguage(models.Model):
    """A language a person speaks, and how well."""

    profile = models.ForeignKey(
        Profile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(_("language"), max_length=12, validators=[validate_language_code])
    level = models.CharField(
        _("how well"), max_length=8, choices=LanguageLevel.choices, default=LanguageLevel.WORKING
    )

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="people_language_once"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.level})"
