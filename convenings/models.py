from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from activities.models import Activity
from convenings.enums import ConveningState, SessionKind
from core.validators import stored_range_q, validate_date_in_range, validate_single_line
from stories.models import Story

TITLE_LIMIT = 200
SUMMARY_LIMIT = 5000
OUTCOMES_LIMIT = 20000


class Convening(models.Model):
    """The Lab's gathering (the annual convening): a programme of sessions, one registration
    per person, and afterwards an archive. Content is edited in the admin; its state changes
    only in convenings.services.set_state."""

    title = models.CharField(_("title"), max_length=TITLE_LIMIT, validators=[validate_single_line])
    summary = models.TextField(
        _("summary"), blank=True, validators=[MaxLengthValidator(SUMMARY_LIMIT)]
    )
    outcomes = models.TextField(
        _("outcomes"),
        blank=True,
        validators=[MaxLengthValidator(OUTCOMES_LIMIT)],
        help_text=_("What the convening decided and learned, for the archive."),
    )
    original_language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    online = models.BooleanField(_("online"), default=False)
    starts_on = models.DateField(_("first day"), validators=[validate_date_in_range])
    ends_on = models.DateField(_("last day"), validators=[validate_date_in_range])
    state = models.CharField(
        _("state"), max_length=16, choices=ConveningState.choices, default=ConveningState.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("convening")
        verbose_name_plural = _("convenings")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="convening_ends_after_start"
            ),
            models.CheckConstraint(
                condition=stored_range_q("starts_on", dates=True), name="convening_starts_in_range"
            ),
            models.CheckConstraint(
                condition=stored_range_q("ends_on", dates=True), name="convening_ends_in_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def where(self) -> str:
        """ "Oaxaca, Mexico", "Online", or "Nairobi, Kenya · online too"."""
        place = ", ".join(
            part for part in (self.city, self.country.name if self.country else "") if part
        )
        if self.online:
            return _("%(place)s · online too") % {"place": place} if place else _("Online")
        return place

    @property
    def is_archived(self) -> bool:
        return self.state == ConveningState.ARCHIVED

    @property
    def is_draft(self) -> bool:
        return self.state == ConveningState.DRAFT


class ConveningSession(models.Model):
    """One session of a convening's programme: an activity (its time, time zone, place or
    link, languages, interpretation, hosts, capacity, reminders and calendar are the
    activity's own), with its kind and its order among sessions that start together."""

    convening = models.ForeignKey(
        Convening, verbose_name=_("convening"), on_delete=models.CASCADE, related_name="sessions"
    )
    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="convening_session",
    )
    kind = models.CharField(
        _("kind"), max_length=32, choices=SessionKind.choices, default=SessionKind.PLENARY
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["activity__starts_at", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.convening} · {self.activity}"


class ConveningRegistration(models.Model):
    """A person's one registration for a convening, with the sessions they chose. Their place
    at each session is the session's activity registration (capacity, waiting list,
    reminders): convenings.services.save_registration keeps both in step."""

    convening = models.ForeignKey(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="convening_registrations"
    )
    sessions = models.ManyToManyField(
        ConveningSession, verbose_name=_("sessions"), related_name="chosen_by", blank=True
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("convening registration")
        verbose_name_plural = _("convening registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["convening", "user"], name="convenings_registration_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.convening}"


class ConveningStory(models.Model):
    """A partner story kept in a convening's archive (shown only to those who may read it)."""

    convening = models.ForeignKey(
        Convening, verbose_name=_("convening"), on_delete=models.CASCADE, related_name="story_links"
    )
    story = models.ForeignKey(
        Story, verbose_name=_("story"), on_delete=models.CASCADE, related_name="convening_links"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("convening story")
        verbose_name_plural = _("convening stories")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["convening", "story"], name="convenings_story_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.convening} · {self.story}"
