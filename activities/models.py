import secrets
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.enums import (
    ActivityFormat,
    ActivityStatus,
    ActivityType,
    Audience,
    LedBy,
    LogAction,
    MaterialKind,
    RegistrationStatus,
    SuggestionState,
    SupportKind,
    SupportState,
)
from core import languages
from core.timezones import validate_timezone
from core.tokens import hash_token
from core.validators import (
    stored_range_q,
    validate_multi_line,
    validate_single_line,
    validate_stored_range,
)
from partners.models import FocusArea, Organisation


def validate_language_codes(value: str) -> None:
    codes = [code for code in value.split(",") if code]
    if any(code not in languages.codes() for code in codes) or len(set(codes)) != len(codes):
        raise ValidationError(_("Choose among English, Spanish and French."))


def material_upload_to(instance, filename: str) -> str:
    return f"materials/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class LanguageListsMixin:
    """`spoken_languages` and `interpretation_languages` ("en,fr") as lists of codes."""

    @property
    def spoken_language_list(self) -> list[str]:
        return [code for code in self.spoken_languages.split(",") if code]

    @property
    def interpretation_language_list(self) -> list[str]:
        return [code for code in self.interpretation_languages.split(",") if code]


class Activity(LanguageListsMixin, models.Model):
    """Something the Learning Lab does together: a call, a webinar, a retreat, ...

    Languages are stored as comma-separated portal language codes ("en,fr"): three possible
    values, filtered with a plain `contains`, the same on SQLite and PostgreSQL.
    """

    type = models.CharField(_("type"), max_length=32, choices=ActivityType.choices)
    # One line: titles end up in email subjects and calendar lines (the admin refuses too).
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    original_language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    host_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("host organisations"), related_name="hosted_activities"
    )
    host_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hosts"),
        related_name="hosted_activities",
        blank=True,
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("topics"), related_name="activities", blank=True
    )
    spoken_languages = models.CharField(
        _("languages spoken"), max_length=8, validators=[validate_language_codes]
    )
    interpretation_languages = models.CharField(
        _("interpretation into"),
        max_length=8,
        blank=True,
        validators=[validate_language_codes],
    )
    starts_at = models.DateTimeField(_("starts"), validators=[validate_stored_range])
    ends_at = models.DateTimeField(_("ends"), validators=[validate_stored_range])
    timezone = models.CharField(
        _("time zone of the hosts"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    format = models.CharField(
        _("format"), max_length=16, choices=ActivityFormat.choices, default=ActivityFormat.ONLINE
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Shown only to registered people and hosts."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_deadline = models.DateTimeField(
        _("registration closes"), null=True, blank=True, validators=[validate_stored_range]
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.COMMUNITY
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT
    )
    cancellation_reason = models.TextField(_("why it was cancelled"), blank=True)
    led_by = models.CharField(_("led by"), max_length=16, choices=LedBy.choices, default=LedBy.TEAM)
    # The status a held-back activity goes back to when the team releases it.
    held_back_from = models.CharField(
        max_length=16, choices=ActivityStatus.choices, blank=True, editable=False
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(
        default=0, editable=False, help_text="Calendar revision, bumped on every change."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["status", "audience", "starts_at"]),
            models.Index(fields=["ends_at"]),
            # The next start and registration deadline after now (selectors.next_change: when
            # kept pages go stale by the clock) are read from these.
            models.Index(fields=["starts_at"], name="activity_starts_at"),
            models.Index(fields=["registration_deadline"], name="activity_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="activity_ends_after_start"
            ),
            # Year 10000 UTC is storable by PostgreSQL but unreadable by psycopg: one such row
            # made every page listing it answer 500 (core/validators.py has the range).
            models.CheckConstraint(
                condition=stored_range_q("starts_at"), name="activity_starts_in_range"
            ),
            models.CheckConstraint(
                condition=stored_range_q("ends_at"), name="activity_ends_in_range"
            ),
            models.CheckConstraint(
                condition=stored_range_q("registration_deadline"),
                name="activity_deadline_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.status == ActivityStatus.CANCELLED

    @property
    def is_held_back(self) -> bool:
        return self.status == ActivityStatus.HELD_BACK

    @property
    def is_partner_led(self) -> bool:
        return self.led_by == LedBy.PARTNERS

    @property
    def is_unpublished(self) -> bool:
        """Not listed yet: only its hosts and the team see it."""
        return self.status not in ActivityStatus.LISTED

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC

    @property
    def is_private(self) -> bool:
        return self.audience == Audience.PRIVATE

    @property
    def meets_in_person(self) -> bool:
        return self.format != ActivityFormat.ONLINE

    @property
    def meets_online(self) -> bool:
        return self.format != ActivityFormat.IN_PERSON


class Registration(models.Model):
    """One person's place (or waiting-list spot) at an activity. Cancelling keeps the row."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    interpretation_language = models.CharField(
        _("interpretation into"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    question = models.TextField(_("question for the hosts"), blank=True)
    # When the person last asked for a place: the waiting list is served in this order.
    requested_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "user"], name="activities_registration_unique"
            ),
        ]
        indexes = [models.Index(fields=["activity", "status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.activity}"

    @property
    def is_waitlisted(self) -> bool:
        return self.status == RegistrationStatus.WAITLISTED


class Material(models.Model):
    """What remains after an activity: a recording link, slides, notes."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=16, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    link = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=material_upload_to, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["kind", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(link="") & ~Q(file="")) | (~Q(link="") & Q(file="")),
                name="material_link_or_file",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CalendarToken(models.Model):
    """The secret in a person's personal calendar feed address. Only its hash is stored;
    making a new one revokes the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(24)
        return token, hash_token(token)


# The longest texts of the support and suggestion exchanges.
DETAILS_LIMIT = 2000
NOTE_LIMIT = 1000


def _text(label, limit: int, **kwargs):
    return models.TextField(
        label, validators=[MaxLengthValidator(limit), validate_multi_line], **kwargs
    )


class SupportRequest(models.Model):
    """Logistics the hosts ask the Learning Lab for (interpretation, a room or a link, a budget
    line): the team confirms or declines each with a note, and the hosts see the answer."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="support_requests"
    )
    kind = models.CharField(_("what is needed"), max_length=32, choices=SupportKind.choices)
    details = _text(_("details"), DETAILS_LIMIT, blank=True)
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=16, choices=SupportState.choices, default=SupportState.OPEN
    )
    note = _text(_("the team's note"), NOTE_LIMIT, blank=True)
    note_language = models.CharField(max_length=8, choices=settings.LANGUAGES, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["requested_at", "pk"]
        indexes = [models.Index(fields=["state", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.activity}"

    @property
    def is_open(self) -> bool:
        return self.state == SupportState.OPEN

    @property
    def is_confirmed(self) -> bool:
        return self.state == SupportState.CONFIRMED


class Suggestion(models.Model):
    """A suggestion from the team to an activity's hosts, who accept or dismiss it. It never
    changes the activity by itself: the hosts do, if they accept it."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="suggestions")
    text = _text(_("suggestion"), DETAILS_LIMIT)
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=16, choices=SuggestionState.choices, default=SuggestionState.OPEN
    )
    reply = _text(_("the hosts' reply"), NOTE_LIMIT, blank=True)
    reply_language = models.CharField(max_length=8, choices=settings.LANGUAGES, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]

    @property
    def is_open(self) -> bool:
        return self.state == SuggestionState.OPEN


class ActivityLog(models.Model):
    """What the team did to an activity's standing (held back, released), by whom, why and
    when. Append-only, in the database itself (migration 0006's triggers)."""

    # PROTECT: the log is never changed, so neither the activity nor the person can go.
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="log")
    action = models.CharField(_("action"), max_length=16, choices=LogAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = _text(_("reason"), NOTE_LIMIT)
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("activity log entry")
        verbose_name_plural = _("activity log")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.activity}"
