from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActivityType(models.TextChoices):
    CALL = "call", _("Learning Lab call")
    WEBINAR = "webinar", _("Webinar")
    RETREAT = "retreat", _("Retreat")
    CONVENING = "convening", _("Convening")
    PEER_MENTORING = "peer_mentoring", _("Peer mentoring")
    GROUP_DISCUSSION = "group_discussion", _("Virtual group discussion")
    COMMUNITY_BUILDING = "community_building", _("Community-building session")
    COLLABORATIVE_PRODUCT = "collaborative_product", _("Collaborative product")


class ActivityFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class Audience(models.TextChoices):
    COMMUNITY = "community", _("Learning Lab community")
    PUBLIC = "public", _("Public: anyone can see it and sign up")


class ActivityStatus(models.TextChoices):
    """The life of an activity. Partners' proposals start as DRAFT or PROPOSED (moderated in the
    Working Group flow); only SCHEDULED activities take registrations."""

    DRAFT = "draft", pgettext_lazy("activity status", "Draft")
    PROPOSED = "proposed", pgettext_lazy("activity status", "Proposed")
    SCHEDULED = "scheduled", pgettext_lazy("activity status", "Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("activity status", "Cancelled")
    COMPLETED = "completed", pgettext_lazy("activity status", "Completed")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Registered")
    WAITLISTED = "waitlisted", pgettext_lazy("registration status", "On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


class MaterialKind(models.TextChoices):
    RECORDING = "recording", _("Recording")
    SLIDES = "slides", _("Slides")
    NOTES = "notes", _("Notes")
    OTHER = "other", _("Other")
