from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StoryState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("story state", "draft")
    IN_REVIEW = "in_review", pgettext_lazy("story state", "in review")
    PUBLISHED = "published", pgettext_lazy("story state", "published")
    WITHDRAWN = "withdrawn", pgettext_lazy("story state", "withdrawn")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone (public, after the team's review)")
    COMMUNITY = "community", _("The Learning Lab community only")


class Action(models.TextChoices):
    SUBMIT = "submit", _("send for review")
    PUBLISH = "publish", _("publish")
    SUGGEST = "suggest", _("send back with suggestions")
    WITHDRAW = "withdraw", _("withdraw")
    REDRAFT = "redraft", _("make a draft again")
