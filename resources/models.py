import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activities.validators import validate_material_file
from core.validators import validate_single_line
from partners.enums import Region
from partners.models import FocusArea, Organisation
from resources.enums import Licence, ResourceKind, ResourceVisibility

TITLE_LIMIT = 200
SUMMARY_LIMIT = 3000


def resource_upload_to(instance, filename: str) -> str:
    """A random name (the title never reaches the storage: it may name a hidden partner)."""
    return f"resources/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class Resource(models.Model):
    """A document, toolkit, curriculum, trainer resource, recording or link in the library, with
    its title and summary in the portal's languages and one file or link per language."""

    title = models.CharField(_("title"), max_length=TITLE_LIMIT, validators=[validate_single_line])
    summary = models.TextField(
        _("summary"), blank=True, validators=[MaxLengthValidator(SUMMARY_LIMIT)]
    )
    original_language = models.CharField(_("written in"), max_length=8, choices=settings.LANGUAGES)
    kind = models.CharField(_("type"), max_length=16, choices=ResourceKind.choices)
    themes = models.ManyToManyField(
        FocusArea, verbose_name=_("themes"), blank=True, related_name="resources"
    )
    # Region codes between commas (",latin_america,south_asia,"), so a filter matches one whole
    # code: Region.choices, as partners use them.
    regions = models.CharField(_("regions"), max_length=300, blank=True, default="")
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("made by"), blank=True, related_name="resources"
    )
    licence = models.CharField(_("licence"), max_length=32, choices=Licence.choices)
    visibility = models.CharField(
        _("who may see it"),
        max_length=16,
        choices=ResourceVisibility.choices,
        default=ResourceVisibility.COMMUNITY,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_by_staff = models.BooleanField(_("hidden by the team"), default=False)
    hidden_reason = models.TextField(
        _("why it is hidden"), blank=True, validators=[MaxLengthValidator(SUMMARY_LIMIT)]
    )
    # Each save adds one: an edit page sends the version it was rendered from (409 when stale).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def region_list(self) -> list[str]:
        return [code for code in self.regions.split(",") if code]

    @property
    def region_names(self) -> list[str]:
        labels = dict(Region.choices)
        return [str(labels[code]) for code in self.region_list if code in labels]

    @property
    def file_languages(self) -> list[str]:
        """The languages it has a file or link in (read from the prefetched files)."""
        return [file.language for file in self.files.all()]

    @staticmethod
    def join_regions(codes) -> str:
        codes = [code for code in codes if code]
        return f",{','.join(codes)}," if codes else ""


class ResourceFile(models.Model):
    """The resource in one language: a file (kept through Django's storage under a random name)
    or a link (a recording, a website)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    file = models.FileField(
        _("file"), upload_to=resource_upload_to, blank=True, validators=[validate_material_file]
    )
    link = models.URLField(_("link"), blank=True, max_length=500)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("resource file")
        verbose_name_plural = _("resource files")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "language"], name="resource_one_per_language"
            ),
            models.CheckConstraint(
                condition=(Q(link="") & ~Q(file="")) | (~Q(link="") & Q(file="")),
                name="resource_file_link_or_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} ({self.language})"
