from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ResourceKind(models.TextChoices):
    DOCUMENT = "document", pgettext_lazy("resource type", "Document")
    TOOLKIT = "toolkit", pgettext_lazy("resource type", "Toolkit")
    CURRICULUM = "curriculum", pgettext_lazy("resource type", "Curriculum")
    TRAINER = "trainer", pgettext_lazy("resource type", "Trainer resource")
    RECORDING = "recording", pgettext_lazy("resource type", "Recording")
    LINK = "link", pgettext_lazy("resource type", "Link")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    PUBLIC_DOMAIN = "public-domain", _("Public domain")
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")


class ResourceVisibility(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("resource visibility", "Anyone")
    COMMUNITY = "community", pgettext_lazy("resource visibility", "The Learning Lab community")
    ORGANISATION = (
        "organisation",
        pgettext_lazy("resource visibility", "Only the organisations that made it"),
    )
