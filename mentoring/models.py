"""Peer mentoring: a person asks a peer for mentoring on a topic; accepted, the request is the
mentoring relationship, with its sessions (private activities) until either ends it.

The message of a request is private to the two people: the team never reads it (not in the
admin, not in the figures, not in logs); the team's page counts requests only."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from core.validators import validate_multi_line
from mentoring.enums import RequestState
from partners.models import FocusArea
from people.models import Skill

MESSAGE_LIMIT = 2000
NOTE_LIMIT = 1000


class MentoringRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="mentoring_asked",
    )
    peer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("peer"),
        on_delete=models.CASCADE,
        related_name="mentoring_received",
    )
    theme = models.ForeignKey(
        FocusArea,
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    skill = models.ForeignKey(
        Skill,
        verbose_name=_("skill"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.TextField(
        _("message"),
        blank=True,
        validators=[MaxLengthValidator(MESSAGE_LIMIT), validate_multi_line],
    )
    message_language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # The language the two share (a CLDR code, as on profiles), or empty: with interpretation.
    language = models.CharField(_("language"), max_length=12, blank=True)
    interpretation_ok = models.BooleanField(_("interpretation is fine"), default=False)
    state = models.CharField(
        _("state"), max_length=16, choices=RequestState.choices, default=RequestState.REQUESTED
    )
    decline_note = models.TextField(
        _("note"), blank=True, validators=[MaxLengthValidator(NOTE_LIMIT), validate_multi_line]
    )
    decline_note_language = models.CharField(max_length=8, choices=settings.LANGUAGES, blank=True)
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("mentoring request")
        verbose_name_plural = _("mentoring requests")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["state", "requested_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(theme__isnull=False) | Q(skill__isnull=False),
                name="mentoring_request_has_topic",
            ),
            models.CheckConstraint(
                condition=~Q(requester=models.F("peer")), name="mentoring_request_not_self"
            ),
            # One open request from a person to a peer at a time.
            models.UniqueConstraint(
                fields=["requester", "peer"],
                condition=Q(state="requested"),
                name="mentoring_one_open_request",
            ),
        ]

    def __str__(self) -> str:
        # Never the message: the admin and logs show who and when only.
        return f"#{self.pk} · {self.get_state_display()}"

    @property
    def topic(self):
        return self.skill or self.theme

    @property
    def is_open(self) -> bool:
        return self.state == RequestState.REQUESTED

    @property
    def is_active(self) -> bool:
        return self.state == RequestState.ACCEPTED

    def other(self, user) -> "settings.AUTH_USER_MODEL":
        return self.peer if user.pk == self.requester_id else self.requester


class MentoringSession(models.Model):
    """One session of a mentoring relationship: a private peer-mentoring activity for the two."""

    relationship = models.ForeignKey(
        MentoringRequest, on_delete=models.CASCADE, related_name="sessions"
    )
    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="mentoring_session"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ["activity__starts_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.relationship_id} · {self.activity_id}"
