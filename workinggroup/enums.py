from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ItemKind(models.TextChoices):
    PROPOSAL = "proposal", _("Activity proposal")
    RECOMMENDATION = "recommendation", _("Recommendation")


class ItemState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("proposal state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("proposal state", "Submitted")
    ON_AGENDA = "on_agenda", pgettext_lazy("proposal state", "On the Working Group agenda")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("proposal state", "Changes requested")
    APPROVED = "approved", pgettext_lazy("proposal state", "Approved")
    DECLINED = "declined", pgettext_lazy("proposal state", "Declined")
    MERGED = "merged", pgettext_lazy("proposal state", "Merged with another item")
    HIDDEN = "hidden", pgettext_lazy("proposal state", "Hidden")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal state", "Withdrawn")


class Action(models.TextChoices):
    """What can happen to an item; each is a transition in workinggroup.services.TRANSITIONS."""

    SUBMIT = "submit", _("Submit")
    WITHDRAW = "withdraw", _("Withdraw")
    PUT_ON_AGENDA = "put_on_agenda", _("Put on a meeting agenda")
    APPROVE = "approve", _("Approve")
    REQUEST_CHANGES = "request_changes", _("Ask for changes")
    DECLINE = "decline", _("Decline")
    MERGE = "merge", _("Merge into another item")
    HIDE = "hide", _("Hide as abusive")


class MeetingState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("agenda state", "Draft agenda")
    PUBLISHED = "published", pgettext_lazy("agenda state", "Published")


class Decision(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    NOT_AGREED = "not_agreed", _("Not agreed")
    DEFERRED = "deferred", _("Deferred to a later meeting")
    NOTED = "noted", _("Discussed, no decision needed")
