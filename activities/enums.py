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
    # A peer-mentoring session (mentoring/): only the people registered for it (the pair),
    # its hosts and the team see it; nobody else finds it in any list, feed or calendar.
    PRIVATE = "private", _("Private: only the people invited")


# What the forms that publish activities offer (a private activity is made by its own
# service, never chosen in a form).
Audience.OPEN_CHOICES = [
    (value, label) for value, label in Audience.choices if value != Audience.PRIVATE
]


class ActivityStatus(models.TextChoices):
    """The life of an activity: DRAFT -> SCHEDULED -> CANCELLED or COMPLETED, moved only by
    `activities.services.change_status` (the NEXT table below). Partners' proposals are
    moderated as Working Group items and arrive here scheduled; only SCHEDULED activities take
    registrations. The team may hold back a draft or a scheduled activity that breaks the
    community's rules (HELD_BACK: seen by its hosts and the team only), and release it to what
    it was."""

    DRAFT = "draft", pgettext_lazy("activity status", "Draft")
    SCHEDULED = "scheduled", pgettext_lazy("activity status", "Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("activity status", "Cancelled")
    COMPLETED = "completed", pgettext_lazy("activity status", "Completed")
    HELD_BACK = "held_back", pgettext_lazy("activity status", "Held back")


# State groups, on the enum so that no module lists them again (set after the class body: a
# tuple inside it would become a member).
# Shown in lists and pages to whoever may see the audience; a DRAFT only to its hosts and staff.
ActivityStatus.LISTED = (
    ActivityStatus.SCHEDULED,
    ActivityStatus.CANCELLED,
    ActivityStatus.COMPLETED,
)
# In calendars (a cancelled one stays, so that calendars show it cancelled).
ActivityStatus.IN_CALENDARS = (ActivityStatus.SCHEDULED, ActivityStatus.CANCELLED)
# The allowed moves: every other one is refused with a 409 (activities.permissions says who may
# make each, activities.services.change_status makes it).
ActivityStatus.NEXT = {
    ActivityStatus.DRAFT: (ActivityStatus.SCHEDULED,),
    ActivityStatus.SCHEDULED: (ActivityStatus.CANCELLED, ActivityStatus.COMPLETED),
    ActivityStatus.CANCELLED: (),
    ActivityStatus.COMPLETED: (),
}
# Held back (activities.permissions.ensure_can_hold_back): from a draft or a scheduled
# activity, and released only to the status it was held back from (Activity.held_back_from).
ActivityStatus.NEXT[ActivityStatus.DRAFT] += (ActivityStatus.HELD_BACK,)
ActivityStatus.NEXT[ActivityStatus.SCHEDULED] += (ActivityStatus.HELD_BACK,)
ActivityStatus.NEXT[ActivityStatus.HELD_BACK] = (ActivityStatus.DRAFT, ActivityStatus.SCHEDULED)


class LedBy(models.TextChoices):
    """Who leads an activity. Partner-led: its hosts decide and publish, the team supports
    (activities.permissions). Team-led: the team publishes, as before."""

    PARTNERS = "partners", _("Partners: the hosts decide and publish")
    TEAM = "team", _("The Learning Lab team")


class SupportKind(models.TextChoices):
    """What hosts may ask the Learning Lab for."""

    INTERPRETATION = "interpretation", _("Interpretation")
    ROOM_OR_LINK = "room_or_link", _("A meeting room or an online meeting link")
    BUDGET = "budget", _("A budget line")
    OTHER = "other", _("Something else")


class SupportState(models.TextChoices):
    OPEN = "open", pgettext_lazy("support request", "Waiting for the team")
    CONFIRMED = "confirmed", pgettext_lazy("support request", "Confirmed")
    DECLINED = "declined", pgettext_lazy("support request", "Declined")


class SuggestionState(models.TextChoices):
    OPEN = "open", pgettext_lazy("suggestion", "Waiting for the hosts")
    ACCEPTED = "accepted", pgettext_lazy("suggestion", "Accepted")
    DISMISSED = "dismissed", pgettext_lazy("suggestion", "Dismissed")


class LogAction(models.TextChoices):
    """What the activity log records (append-only: activities.models.ActivityLog)."""

    HELD_BACK = "held_back", _("Held back")
    RELEASED = "released", _("Released")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Registered")
    WAITLISTED = "waitlisted", pgettext_lazy("registration status", "On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


# Holding a place or a waiting-list spot.
RegistrationStatus.ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class MaterialKind(models.TextChoices):
    RECORDING = "recording", _("Recording")
    SLIDES = "slides", _("Slides")
    NOTES = "notes", _("Notes")
    OTHER = "other", _("Other")
