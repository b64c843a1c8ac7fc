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
    IN_DECISION = (
        "in_decision",
        pgettext_lazy("proposal state", "Being decided by the Working Group"),
    )
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("proposal state", "Changes requested")
    APPROVED = "approved", pgettext_lazy("proposal state", "Approved")
    DECLINED = "declined", pgettext_lazy("proposal state", "Declined")
    MERGED = "merged", pgettext_lazy("proposal state", "Merged with another item")
    HIDDEN = "hidden", pgettext_lazy("proposal state", "Hidden")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal state", "Withdrawn")

    # State groups, set after the class (members do not exist inside its body). Each rule of the
    # flow names a group here instead of re-listing states.
    OPEN: frozenset  # waiting for a decision: the Working Group may decide it, or staff merge it
    QUEUE: frozenset  # what the team works through (the moderation queue by default)
    PUBLIC: frozenset  # what the community sees, on the overview and the item's page
    PRIVATE: frozenset  # only the proposer and the organisation's leads (and staff) see these
    EDITABLE: frozenset  # the proposer may change the text
    TRANSLATABLE: frozenset  # language versions may still be added
    DISCUSSABLE: frozenset  # comments (and support of a recommendation) are open


S = ItemState
ItemState.OPEN = frozenset({S.SUBMITTED, S.ON_AGENDA})
ItemState.QUEUE = frozenset({S.SUBMITTED, S.ON_AGENDA, S.IN_DECISION, S.CHANGES_REQUESTED})
ItemState.PUBLIC = frozenset(
    {
        S.SUBMITTED,
        S.ON_AGENDA,
        S.IN_DECISION,
        S.CHANGES_REQUESTED,
        S.APPROVED,
        S.DECLINED,
        S.MERGED,
    }
)
ItemState.PRIVATE = frozenset({S.DRAFT, S.WITHDRAWN})
ItemState.EDITABLE = frozenset({S.DRAFT, S.CHANGES_REQUESTED})
ItemState.TRANSLATABLE = frozenset({S.DRAFT, S.SUBMITTED, S.ON_AGENDA, S.CHANGES_REQUESTED})
ItemState.DISCUSSABLE = ItemState.QUEUE
del S


class Action(models.TextChoices):
    """What can happen to an item; each is a transition in workinggroup.services.TRANSITIONS.
    APPROVE, DECLINE, SEND_BACK and NO_DECISION are the results of a Working Group decision
    (workinggroup.decisions): nobody takes them by hand."""

    SUBMIT = "submit", _("Submit")
    WITHDRAW = "withdraw", _("Withdraw")
    PUT_ON_AGENDA = "put_on_agenda", _("Put on a meeting agenda")
    APPROVE = "approve", _("Approve")
    REQUEST_CHANGES = "request_changes", _("Ask for changes")
    DECLINE = "decline", _("Decline")
    MERGE = "merge", _("Merge into another item")
    HIDE = "hide", _("Hide as abusive")
    OPEN_DECISION = "open_decision", _("Open a decision of the Working Group")
    CANCEL_DECISION = "cancel_decision", _("Cancel the decision")
    SEND_BACK = "send_back", _("Send back with the objections")
    NO_DECISION = "no_decision", _("No decision: too few members took part")


class DecisionMethod(models.TextChoices):
    """How the Working Group decides an item."""

    CONSENT = "consent", _("By consent")
    VOTE = "vote", _("By vote")


class Stance(models.TextChoices):
    """A member's position in a decision: consent or object (consent), yes, no or abstain (vote)."""

    CONSENT = "consent", pgettext_lazy("stance", "I consent")
    OBJECT = "object", pgettext_lazy("stance", "I object")
    YES = "yes", pgettext_lazy("stance", "Yes")
    NO = "no", pgettext_lazy("stance", "No")
    ABSTAIN = "abstain", pgettext_lazy("stance", "I abstain")

    BY_METHOD: dict  # the stances of each method, in the order a form offers them


Stance.BY_METHOD = {
    DecisionMethod.CONSENT: (Stance.CONSENT, Stance.OBJECT),
    DecisionMethod.VOTE: (Stance.YES, Stance.NO, Stance.ABSTAIN),
}


class RoundOutcome(models.TextChoices):
    PASSED = "passed", pgettext_lazy("decision outcome", "Agreed")
    OBJECTED = "objected", pgettext_lazy("decision outcome", "Objected to: sent back for changes")
    REJECTED = "rejected", pgettext_lazy("decision outcome", "Not agreed")
    NO_QUORUM = "no_quorum", pgettext_lazy("decision outcome", "Nothing decided: no quorum")
    CANCELLED = "cancelled", pgettext_lazy("decision outcome", "Cancelled by the facilitator")


class MeetingState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("agenda state", "Draft agenda")
    PUBLISHED = "published", pgettext_lazy("agenda state", "Published")


class Decision(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    NOT_AGREED = "not_agreed", _("Not agreed")
    DEFERRED = "deferred", _("Deferred to a later meeting")
    NOTED = "noted", _("Discussed, no decision needed")


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("follow-up status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("follow-up status", "In progress")
    DONE = "done", pgettext_lazy("follow-up status", "Done")
