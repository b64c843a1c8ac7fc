from django.conf import settings
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from campaigns.enums import CampaignAudience, CampaignKind
from core.validators import validate_date_in_range, validate_multi_line, validate_single_line
from partners.models import Organisation
from partners.validators import validate_http_url
from resources.models import Resource
from stories.models import Story

TITLE_LIMIT = 200
SUMMARY_LIMIT = 3000
CALL_LIMIT = 1000
HASHTAG_LIMIT = 60
# Words of the campaigns' own addresses, which a campaign's slug may not take.
RESERVED_SLUGS = frozenset({"new", "calendar"})

validate_hashtag = RegexValidator(
    r"^#?\w+\Z",
    _("A hashtag is one word of letters, digits or underscores, with or without “#”."),
    code="hashtag",
)


class Campaign(models.Model):
    """A campaign (16 Days of Activism, International Day of the Girl, a partner's own) with its
    dates and a call to action in the portal's languages; activities, stories and resources are
    tagged to it (CampaignActivity, CampaignStory, CampaignResource). Changed only through
    campaigns.services."""

    title = models.CharField(_("title"), max_length=TITLE_LIMIT, validators=[validate_single_line])
    summary = models.TextField(
        _("summary"),
        blank=True,
        validators=[MaxLengthValidator(SUMMARY_LIMIT), validate_multi_line],
    )
    call_to_action = models.TextField(
        _("call to action"),
        blank=True,
        validators=[MaxLengthValidator(CALL_LIMIT), validate_multi_line],
    )
    original_language = models.CharField(_("written in"), max_length=8, choices=settings.LANGUAGES)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CampaignKind.choices)
    # The partner organisation running a partner campaign (named only to those who may see it).
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
    )
    starts_on = models.DateField(_("starts on"), validators=[validate_date_in_range])
    ends_on = models.DateField(_("ends on"), validators=[validate_date_in_range])
    hashtag = models.CharField(
        _("hashtag"), max_length=HASHTAG_LIMIT, blank=True, validators=[validate_hashtag]
    )
    link = models.URLField(_("link"), max_length=500, blank=True, validators=[validate_http_url])
    audience = models.CharField(
        _("who may see it"),
        max_length=16,
        choices=CampaignAudience.choices,
        default=CampaignAudience.PUBLIC,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Each save adds one: an edit page sends the version it was rendered from (409 when stale).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="campaign_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(kind=CampaignKind.INTERNATIONAL) | Q(organisation__isnull=False),
                name="campaign_partner_has_organisation",
            ),
        ]
        indexes = [models.Index(fields=["audience", "starts_on", "ends_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def hashtag_text(self) -> str:
        return f"#{self.hashtag.lstrip('#')}" if self.hashtag else ""


class _Link(models.Model):
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        abstract = True


class CampaignActivity(_Link):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="activity_links")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="campaign_links")

    class Meta:
        verbose_name = _("campaign activity")
        verbose_name_plural = _("campaign activities")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "activity"], name="campaign_activity_once")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: activity {self.activity_id}"


class CampaignStory(_Link):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="story_links")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="campaign_links")

    class Meta:
        verbose_name = _("campaign story")
        verbose_name_plural = _("campaign stories")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "story"], name="campaign_story_once")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: story {self.story_id}"


class CampaignResource(_Link):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="resource_links")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="campaign_links")

    class Meta:
        verbose_name = _("campaign resource")
        verbose_name_plural = _("campaign resources")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "resource"], name="campaign_resource_once")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: resource {self.resource_id}"
