from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignKind(models.TextChoices):
    INTERNATIONAL = "international", pgettext_lazy("campaign kind", "International day or campaign")
    PARTNER = "partner", pgettext_lazy("campaign kind", "Partner campaign")


class CampaignAudience(models.TextChoices):
    PUBLIC = "public", _("Everyone (public)")
    COMMUNITY = "community", _("The Learning Lab community only")


class ItemKind(models.TextChoices):
    """What a partner tags to a campaign."""

    ACTIVITY = "activity", pgettext_lazy("campaign item", "Activity")
    STORY = "story", pgettext_lazy("campaign item", "Story")
    RESOURCE = "resource", pgettext_lazy("campaign item", "Resource")
