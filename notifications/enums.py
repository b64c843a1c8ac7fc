from django.db import models
from django.utils.translation import gettext_lazy as _


class Preference(models.TextChoices):
    """What a person can switch on or off; each notification kind belongs to one."""

    REMINDERS = "reminders", _("Reminders before activities I registered for")
    ACTIVITY_UPDATES = "activity_updates", _("Changes to and cancellations of my activities")
    WAITING_LIST = "waiting_list", _("A place opening up for me on a waiting list")
    PROPOSALS = "proposals", _("News about my proposals and recommendations")
    RECOMMENDATIONS = "recommendations", _("Decisions on recommendations I support")
    AGENDA = "agenda", _("Working Group agendas (for its members)")
    SURVEYS = "surveys", _("Surveys that open for me, and one reminder")
    # --- Partner-led activities (issue 16)
    HOSTING = "hosting", _("For activities I host: the team's answers, suggestions and decisions")
    # --- The Working Group decides (issue 16) ---
    DECISIONS = "decisions", _("Decisions the Working Group takes (for its members)")
    # --- Partner stories (issue 17) ---
    STORIES = "stories", _("The team's suggestions on my stories, and their publication")
    # --- Peer mentoring (issue 18) ---
    MENTORING = "mentoring", _("Peer mentoring: requests to me, answers and introductions")


class Kind(models.TextChoices):
    REMINDER = "reminder", _("Activity reminder")
    HOST_REMINDER = "host_reminder", _("Activity reminder for hosts")
    ACTIVITY_CHANGED = "activity_changed", _("Activity changed")
    ACTIVITY_CANCELLED = "activity_cancelled", _("Activity cancelled")
    PLACE_AVAILABLE = "place_available", _("Place available")
    PROPOSAL_UPDATE = "proposal_update", _("Proposal update")
    RECOMMENDATION_DECIDED = "recommendation_decided", _("Recommendation decided")
    AGENDA_PUBLISHED = "agenda_published", _("Agenda published")
    FOLLOW_UP_DONE = "follow_up_done", _("Follow-up of a recommendation done")
    SURVEY_OPEN = "survey_open", _("Survey open")
    SURVEY_REMINDER = "survey_reminder", _("Survey reminder")
    # --- Partner-led activities (issue 16)
    ACTIVITY_HELD_BACK = "activity_held_back", _("Activity held back")
    ACTIVITY_RELEASED = "activity_released", _("Activity released")
    SUPPORT_ANSWERED = "support_answered", _("Support request answered")
    SUGGESTION_RECEIVED = "suggestion_received", _("Suggestion from the team")
    # --- The Working Group decides (issue 16) ---
    DECISION_OPENED = "decision_opened", _("Working Group decision opened")
    DECISION_REMINDER = "decision_reminder", _("Working Group decision: reminder")
    DECISION_RESULT = "decision_result", _("Working Group decision: result")
    # --- Partner stories (issue 17) ---
    STORY_SUGGESTION = "story_suggestion", _("Suggestion on a story")
    STORY_PUBLISHED = "story_published", _("Story published")
    # --- Peer mentoring (issue 18) ---
    MENTORING_REQUEST = "mentoring_request", _("Mentoring request")
    MENTORING_ACCEPTED = "mentoring_accepted", _("Mentoring accepted: an introduction")
    MENTORING_DECLINED = "mentoring_declined", _("Mentoring declined")
    MENTORING_ENDED = "mentoring_ended", _("Mentoring ended: the feedback survey")


PREFERENCE_OF = {
    Kind.REMINDER: Preference.REMINDERS,
    Kind.HOST_REMINDER: Preference.REMINDERS,
    Kind.ACTIVITY_CHANGED: Preference.ACTIVITY_UPDATES,
    Kind.ACTIVITY_CANCELLED: Preference.ACTIVITY_UPDATES,
    Kind.PLACE_AVAILABLE: Preference.WAITING_LIST,
    Kind.PROPOSAL_UPDATE: Preference.PROPOSALS,
    Kind.RECOMMENDATION_DECIDED: Preference.RECOMMENDATIONS,
    Kind.AGENDA_PUBLISHED: Preference.AGENDA,
    Kind.FOLLOW_UP_DONE: Preference.RECOMMENDATIONS,
    Kind.SURVEY_OPEN: Preference.SURVEYS,
    Kind.SURVEY_REMINDER: Preference.SURVEYS,
    # --- Partner-led activities (issue 16)
    Kind.ACTIVITY_HELD_BACK: Preference.HOSTING,
    Kind.ACTIVITY_RELEASED: Preference.HOSTING,
    Kind.SUPPORT_ANSWERED: Preference.HOSTING,
    Kind.SUGGESTION_RECEIVED: Preference.HOSTING,
    # --- The Working Group decides (issue 16) ---
    Kind.DECISION_OPENED: Preference.DECISIONS,
    Kind.DECISION_REMINDER: Preference.DECISIONS,
    Kind.DECISION_RESULT: Preference.DECISIONS,
    # --- Partner stories (issue 17) ---
    Kind.STORY_SUGGESTION: Preference.STORIES,
    Kind.STORY_PUBLISHED: Preference.STORIES,
    # --- Peer mentoring (issue 18) ---
    Kind.MENTORING_REQUEST: Preference.MENTORING,
    Kind.MENTORING_ACCEPTED: Preference.MENTORING,
    Kind.MENTORING_DECLINED: Preference.MENTORING,
    Kind.MENTORING_ENDED: Preference.MENTORING,
}


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    CLAIMED = "claimed", _("Handed to a worker")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped: too late")
    CANCELLED = "cancelled", _("Cancelled")
