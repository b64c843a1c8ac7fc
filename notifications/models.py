"""Every email the portal sends about activities, proposals and surveys is a Delivery row.

The database is the source of truth; Celery only does the work. Beat claims due rows
(`select_for_update(skip_locked=True)`, a claim token, a lease) and hands each to a send task;
a row is sent under its claim token only, marked sent right after, and a claim whose lease ran
out goes back to pending. The unique `key` makes "one delivery per (registration, reminder)"
(and per notice) a database rule; the Message-ID is fixed per delivery, so even a worker killed
between the SMTP server's acceptance and the database update produces a duplicate that mail
software recognises as the same message.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.enums import DeliveryStatus, Kind, Preference


def default_offsets() -> list[int]:
    return list(settings.REMINDER_OFFSETS_MINUTES)


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    # Preference values switched off; empty means everything on.
    disabled = models.JSONField(default=list, blank=True)
    # Minutes before an activity's start at which reminders go out.
    reminder_offsets = models.JSONField(default=default_offsets, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)

    def wants(self, preference: Preference) -> bool:
        return preference not in self.disabled


class Delivery(models.Model):
    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    # By name, not import: notifications sits below activities (see docs/architecture.md).
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    registration = models.ForeignKey(
        "activities.Registration",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    # The proposal log entry, meeting or survey the notice is about.
    ref_id = models.PositiveBigIntegerField(null=True, blank=True)
    offset_minutes = models.PositiveIntegerField(null=True, blank=True)
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(
        _("state"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    claim_token = models.UUIDField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Bumped when a reminder is re-armed for a new time: part of the Message-ID.
    generation = models.PositiveIntegerField(default=1)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-due_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["status", "lease_until"]),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def can_retry(self) -> bool:
        """A failed email may be tried again by staff (notifications.services.retry)."""
        return self.status == DeliveryStatus.FAILED

    def message_id(self, domain: str) -> str:
        return f"<ll-delivery-{self.pk}-{self.generation}@{domain}>"
