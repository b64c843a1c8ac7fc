from django import forms
from django.conf import settings
from django.core.validators import MinValueValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns.enums import CampaignAudience, CampaignKind, ItemKind
from campaigns.models import (
    CALL_LIMIT,
    HASHTAG_LIMIT,
    RESERVED_SLUGS,
    SUMMARY_LIMIT,
    TITLE_LIMIT,
    Campaign,
    validate_hashtag,
)
from core import languages
from core.forms import SafeTextMixin, SaneDateField
from partners.validators import validate_http_url

TEXTS = ("title", "summary", "call_to_action")


class CampaignForm(SafeTextMixin, forms.Form):
    """A campaign: its texts in each language (the one it is written in required), its dates,
    what kind it is and who runs it, who may see it, a hashtag and a link."""

    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        help_text=_("Letters, digits and hyphens, for the page’s address: 16-days-2026."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=CampaignKind.choices)
    organisation = forms.ModelChoiceField(
        label=_("Run by"),
        queryset=None,
        required=False,
        help_text=_("The partner organisation running a partner campaign."),
    )
    starts_on = SaneDateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = SaneDateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    hashtag = forms.CharField(
        label=_("Hashtag"), max_length=HASHTAG_LIMIT, required=False, validators=[validate_hashtag]
    )
    link = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[validate_http_url],
        help_text=_("The campaign’s own website, if it has one."),
    )
    audience = forms.ChoiceField(
        label=_("Who may see it"),
        choices=CampaignAudience.choices,
        initial=CampaignAudience.PUBLIC,
        widget=forms.RadioSelect,
    )
    # The version the edit page was rendered with (409 when the campaign changed since).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisations, campaign: Campaign | None = None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["organisation"].queryset = organisations
        for code in languages.codes():
            self.fields[f"title_{code}"] = forms.CharField(max_length=TITLE_LIMIT, required=False)
            self.fields[f"summary_{code}"] = forms.CharField(
                max_length=SUMMARY_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
            self.fields[f"call_to_action_{code}"] = forms.CharField(
                max_length=CALL_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        languages.label_per_language(
            self,
            [
                ("title", gettext("Title")),
                ("summary", gettext("Summary")),
                ("call_to_action", gettext("Call to action")),
            ],
        )
        if campaign is not None:
            del self.fields["slug"]
            self.initial.update(
                {
                    "language": campaign.original_language,
                    "kind": campaign.kind,
                    "organisation": campaign.organisation_id,
                    "starts_on": campaign.starts_on,
                    "ends_on": campaign.ends_on,
                    "hashtag": campaign.hashtag,
                    "link": campaign.link,
                    "audience": campaign.audience,
                    "version": campaign.version,
                }
            )
            for name in TEXTS:
                for field_name in languages.per_language(name):
                    self.initial[field_name] = getattr(campaign, field_name) or ""
        else:
            del self.fields["version"]
            if user is not None:
                self.initial.setdefault("language", user.language)

    def clean_slug(self):
        slug = self.cleaned_data["slug"].lower()
        if slug in RESERVED_SLUGS or Campaign.objects.filter(slug=slug).exists():
            raise forms.ValidationError(gettext("This address is taken: choose another."))
        return slug

    def clean(self):
        data = super().clean()
        language = data.get("language")
        if language and not (data.get(f"title_{language}") or "").strip():
            self.add_error(
                f"title_{language}",
                gettext("Give the title in the language the campaign is written in."),
            )
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", gettext("A campaign ends on or after the day it starts."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        values = {
            "original_language": data["language"],
            "kind": data["kind"],
            "organisation": data.get("organisation"),
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "hashtag": data.get("hashtag") or "",
            "link": data.get("link") or "",
            "audience": data["audience"],
        }
        for name in TEXTS:
            for field_name in languages.per_language(name):
                values[field_name] = (data.get(field_name) or "").strip()
        return values


class ItemForm(SafeTextMixin, forms.Form):
    """One activity, story or resource to add to a campaign or remove from it."""

    kind = forms.ChoiceField(choices=ItemKind.choices)
    item = forms.IntegerField(validators=[MinValueValidator(1)])


class CalendarForm(SafeTextMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
