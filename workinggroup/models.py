from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.enums import ActivityFormat, ActivityType, Audience
from activities.models import Activity, LanguageListsMixin, validate_language_codes
from core.timezones import validate_timezone
from core.validators import stored_range_q, validate_stored_range
from partners.models import Organisation
from workinggroup.enums import (
    Action,
    Decision,
    DecisionMethod,
    FollowUpStatus,
    ItemKind,
    ItemState,
    MeetingState,
    RoundOutcome,
    Stance,
)

TEXT_LIMIT = 5000
GROUP_RESULTS = frozenset({Action.APPROVE, Action.SEND_BACK, Action.DECLINE, Action.NO_DECISION})


class Item(LanguageListsMixin, models.Model):
    """Something partners put before the Working Group: an activity proposal or a
    recommendation. Its state changes only through workinggroup.services.transition()."""

    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    state = models.CharField(
        _("state"), max_length=24, choices=ItemState.choices, default=ItemState.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), validators=[MaxLengthValidator(TEXT_LIMIT)])
    original_language = models.CharField(_("written in"), max_length=8, choices=settings.LANGUAGES)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="working_group_items",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="working_group_items",
    )
    # Activity proposals only.
    activity_type = models.CharField(
        _("type of activity"), max_length=32, choices=ActivityType.choices, blank=True
    )
    proposed_hosts = models.ManyToManyField(
        Organisation,
        verbose_name=_("proposed host organisations"),
        blank=True,
        related_name="proposed_items",
    )
    preferred_start = models.DateField(
        _("preferred date, or from"), null=True, blank=True, validators=[validate_stored_range]
    )
    preferred_end = models.DateField(
        _("until"), null=True, blank=True, validators=[validate_stored_range]
    )
    spoken_languages = models.CharField(
        _("languages"), max_length=8, blank=True, validators=[validate_language_codes]
    )
    interpretation_languages = models.CharField(
        _("interpretation wanted into"),
        max_length=8,
        blank=True,
        validators=[validate_language_codes],
    )
    format = models.CharField(
        _("format"), max_length=16, choices=ActivityFormat.choices, blank=True
    )
    audience = models.CharField(
        _("expected audience"), max_length=16, choices=Audience.OPEN_CHOICES, blank=True
    )
    support_needed = models.TextField(
        _("support needed from the Learning Lab team"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_LIMIT)],
    )
    # Outcomes.
    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_items",
    )
    # Bumped on every change: a form carries it, so acting on a stale page is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("Working Group item")
        verbose_name_plural = _("Working Group items")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(preferred_end__isnull=True)
                | Q(preferred_start__isnull=True)
                | Q(preferred_end__gte=models.F("preferred_start")),
                name="item_preferred_range_in_order",
            ),
            # Dates within core.validators' range (see Activity for why).
            models.CheckConstraint(
                condition=stored_range_q("preferred_start", dates=True),
                name="item_preferred_start_in_range",
            ),
            models.CheckConstraint(
                condition=stored_range_q("preferred_end", dates=True),
                name="item_preferred_end_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_proposal(self) -> bool:
        return self.kind == ItemKind.PROPOSAL

    @property
    def is_recommendation(self) -> bool:
        return self.kind == ItemKind.RECOMMENDATION


class Support(models.Model):
    """One person's support for a recommendation (at most one each; withdrawable)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="workinggroup_support_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.item}"


class Comment(models.Model):
    """A comment on an item, or on a meeting's draft agenda (Working Group members)."""

    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"), validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=False, meeting__isnull=True)
                | Q(item__isnull=True, meeting__isnull=False),
                name="comment_on_item_or_meeting",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:50]


class Meeting(models.Model):
    starts_at = models.DateTimeField(_("date and time"), validators=[validate_stored_range])
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    state = models.CharField(
        _("agenda"), max_length=16, choices=MeetingState.choices, default=MeetingState.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The method of the decisions opened for this meeting's items, unless chosen per item.
    decision_method = models.CharField(
        _("the Working Group decides"),
        max_length=16,
        choices=DecisionMethod.choices,
        default=DecisionMethod.CONSENT,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Working Group meeting")
        verbose_name_plural = _("Working Group meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=stored_range_q("starts_at"), name="meeting_starts_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.starts_at:%Y-%m-%d}"


class AgendaEntry(models.Model):
    """A line of a meeting's agenda: an item from the queue, or a free item (title only)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField()
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_entries"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    discussed = models.BooleanField(_("discussed"), default=False)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    outcome_notes = models.TextField(
        _("notes"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)]
    )

    class Meta:
        verbose_name = _("agenda entry")
        verbose_name_plural = _("agenda entries")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title or str(self.item)


class ModerationLog(models.Model):
    """Append-only record of every moderation action. Rows are never changed or deleted (the
    database refuses it: see migration 0002)."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="log")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=24, choices=ItemState.choices)
    to_state = models.CharField(_("to"), max_length=24, choices=ItemState.choices)
    message = models.TextField(
        _("message to the proposer"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)]
    )
    private_note = models.TextField(
        _("note for the team only"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)]
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    # Set when the step is a Working Group decision's (opened, result, cancelled): the log then
    # says the Working Group decided, not the person who facilitated.
    decision_round = models.ForeignKey(
        "DecisionRound",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="log_entries",
    )

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.item}"

    @property
    def by_working_group(self) -> bool:
        """The result of a decision of the Working Group (not of the person who facilitated)."""
        return self.decision_round_id is not None and self.action in GROUP_RESULTS


class FollowUp(models.Model):
    """Something the Lab does about an approved recommendation: what, who is responsible, by
    when, and how far it is. Shown to the community on the item's page and on "What we heard";
    its supporters and proposer hear when it is done."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.TextField(_("what we will do"), validators=[MaxLengthValidator(1000)])
    # Free text typed by the team ("The Learning Lab team", "Regional coordinators"): never a
    # link to a person or an organisation, so no hidden organisation can be named by it.
    owner = models.CharField(_("who is responsible"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    due_on = models.DateField(
        _("planned for"), null=True, blank=True, validators=[validate_stored_range]
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=stored_range_q("due_on", dates=True), name="followup_due_in_range"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:50]


class DecisionRound(models.Model):
    """One decision of the Working Group on an item, by consent or by vote: opened by a
    facilitator (staff) until `closes_at`, then closed exactly once (by the beat task, or early
    by a facilitator once every member counted took a position) with its outcome applied to the
    item through workinggroup.services.transition(). In a meeting or between meetings alike."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="decision_rounds")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decision_rounds",
    )
    method = models.CharField(_("method"), max_length=16, choices=DecisionMethod.choices)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes"), validators=[validate_stored_range])
    # Active Working Group members when it opened; a vote needs `quorum` of them to take part.
    members_counted = models.PositiveIntegerField(_("members counted"))
    quorum = models.PositiveIntegerField(_("quorum"), null=True, blank=True)
    # Where the item goes back to when nothing is decided (no quorum, cancelled).
    returns_to = models.CharField(max_length=24, choices=ItemState.choices, blank=True)
    # A proposal: when the activity is held if it passes (what the members decide on).
    starts_at = models.DateTimeField(
        _("activity starts"), null=True, blank=True, validators=[validate_stored_range]
    )
    ends_at = models.DateTimeField(
        _("activity ends"), null=True, blank=True, validators=[validate_stored_range]
    )
    timezone = models.CharField(
        _("time zone of the activity"), max_length=64, blank=True, validators=[validate_timezone]
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=RoundOutcome.choices, blank=True
    )
    took_part = models.PositiveIntegerField(_("members who took part"), default=0)

    class Meta:
        verbose_name = _("Working Group decision")
        verbose_name_plural = _("Working Group decisions")
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["closed_at", "closes_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(closed_at__isnull=True),
                name="decision_one_open_round_per_item",
            ),
            models.CheckConstraint(
                condition=stored_range_q("closes_at"), name="decision_closes_in_range"
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opened_at")),
                name="decision_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} · {self.item}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def is_consent(self) -> bool:
        return self.method == DecisionMethod.CONSENT

    @property
    def is_cancelled(self) -> bool:
        return self.outcome == RoundOutcome.CANCELLED


class Position(models.Model):
    """A Working Group member's position in a decision: one per member, changeable while the
    decision is open. `recorded_by` is the facilitator who recorded what the member said in a
    call (None when the member answered themselves)."""

    decision_round = models.ForeignKey(
        DecisionRound, on_delete=models.CASCADE, related_name="positions"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decision_positions"
    )
    stance = models.CharField(_("position"), max_length=16, choices=Stance.choices)
    reason = models.TextField(_("reason"), blank=True, validators=[MaxLengthValidator(2000)])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["updated_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision_round", "member"], name="decision_one_position_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()} · {self.decision_round}"

    @property
    def is_objection(self) -> bool:
        return self.stance in (Stance.OBJECT, Stance.NO)
