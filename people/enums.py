from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProfileVisibility(models.TextChoices):
    COMMUNITY = "community", _("The Learning Lab community")
    ORGANISATION = "organisation", _("Only the people of my own organisation")


class LanguageLevel(models.TextChoices):
    BASIC = "basic", pgettext_lazy("language level", "basic")
    WORKING = "working", pgettext_lazy("language level", "working")
    FLUENT = "fluent", pgettext_lazy("language level", "fluent")
    FIRST = "first", pgettext_lazy("language level", "first language")
