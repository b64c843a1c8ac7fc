import uuid
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.validators import stored_range_q, validate_date_in_range
from partners.enums import MembershipRole, Region, Visibility
from partners.validators import validate_http_url, validate_whatsapp_group_link


def logo_upload_to(instance, filename: str) -> str:
    # A random name: a logo's address must not reveal or guess an organisation.
    return f"logos/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class FocusArea(models.Model):
    """A theme partners work on; a managed list, translated (modeltranslation)."""

    slug = models.SlugField(_("short name in links"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


class WorkingLanguage(models.Model):
    """A language an organisation works in (Wolof, K'iche', Kiswahili, ...), name translated."""

    code = models.SlugField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("working language")
        verbose_name_plural = _("working languages")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A partner organisation of the Learning Lab."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in links"), max_length=80, unique=True)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    city = models.CharField(_("city"), max_length=120, blank=True)
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focus areas"), blank=True, related_name="organisations"
    )
    working_languages = models.ManyToManyField(
        WorkingLanguage,
        verbose_name=_("working languages"),
        blank=True,
        related_name="organisations",
    )
    description = models.TextField(_("description"), blank=True)
    mission = models.TextField(_("mission"), blank=True)
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1850), MaxValueValidator(2100)],
    )
    logo = models.ImageField(_("logo"), upload_to=logo_upload_to, blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])
    whatsapp_group_url = models.URLField(
        _("community WhatsApp group"),
        blank=True,
        validators=[validate_whatsapp_group_link],
        help_text=_("Only signed-in community members ever see this link."),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    joined_on = models.DateField(
        _("joined the Learning Lab"),
        default=timezone.localdate,
        validators=[validate_date_in_range],
    )
    on_working_group = models.BooleanField(_("sits on the Working Group"), default=False)
    visibility = models.CharField(
        _("who can see this organisation"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.COMMUNITY,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organisations",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=stored_range_q("joined_on", dates=True),
                name="organisation_joined_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["visibility", "name"]),
            models.Index(Lower("name"), name="partners_org_name_lower"),
        ]

    def __str__(self) -> str:
        return self.name


SOCIAL_PLATFORMS = {
    "facebook.com": "Facebook",
    "instagram.com": "Instagram",
    "x.com": "X",
    "twitter.com": "X",
    "linkedin.com": "LinkedIn",
    "youtube.com": "YouTube",
    "tiktok.com": "TikTok",
}


class SocialLink(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="social_links"
    )
    url = models.URLField(_("link"), validators=[validate_http_url])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("social media link")
        verbose_name_plural = _("social media links")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.url

    @property
    def label(self) -> str:
        host = urlsplit(self.url).netloc.lower().removeprefix("www.").removeprefix("m.")
        return SOCIAL_PLATFORMS.get(host, host)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    created_at = models.DateTimeField(_("member since"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="partners_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"

    @property
    def is_lead(self) -> bool:
        return self.role == MembershipRole.LEAD


class OrganisationInvitation(models.Model):
    """What an invitation into an organisation adds to a portal invitation: the organisation and
    the role. The link, its expiry and its single use are `accounts.Invitation`'s; accepting it
    adds the membership (`partners.invitations`)."""

    invitation = models.OneToOneField(
        "accounts.Invitation",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="organisation_invitation",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("to join organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(
        _("role in the organisation"),
        max_length=16,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
    )

    class Meta:
        verbose_name = _("invitation to an organisation")
        verbose_name_plural = _("invitations to an organisation")

    def __str__(self) -> str:
        return f"{self.invitation} · {self.organisation}"
