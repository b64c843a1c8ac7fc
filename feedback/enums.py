from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyKind(models.TextChoices):
    SURVEY = "survey", _("Survey")
    TEMPLATE = "template", _("Template for activity surveys")
    BOX = "box", _("Feedback box")


class SurveyAudience(models.TextChoices):
    PARTNERS = "partners", _("All partner members")
    WORKING_GROUP = "working_group", _("The Working Group")
    ACTIVITY = "activity", _("The people registered for one activity")
    # Provided by the app that knows who they are (mentoring), see feedback.permissions.
    PEER_MENTORING = "peer_mentoring", _("Everyone whose peer mentoring has ended")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale from 1 to 5")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    TEXT = "text", _("Free text")
