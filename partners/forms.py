from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core import languages
from core.forms import SafeTextMixin, SaneDateField
from partners.enums import VISIBILITY_HELP, MembershipRole, Region, Visibility
from partners.models import FocusArea, Organisation, WorkingLanguage
from partners.services import PROFILE_FIELDS, STAFF_FIELDS
from partners.validators import validate_http_url, validate_logo

MAX_SOCIAL_LINKS = 8


class LogoField(forms.ImageField):
    """An image field that refuses an oversized file before decoding it, and accepts only
    the formats the portal re-encodes (PNG, JPEG, WebP)."""

    def to_python(self, data):
        if data is not None and getattr(data, "size", 0) > settings.LOGO_MAX_BYTES:
            validate_logo(data)  # raises the translated "too large" error
        result = super().to_python(data)
        if result is not None:
            validate_logo(result)
        return result


def _https_by_default(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class OrganisationForm(SafeTextMixin, forms.ModelForm):
    """The profile as a lead edits it; staff also see the fields only the team sets."""

    logo = LogoField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG or WebP. It is resized and its hidden metadata removed."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    working_languages = forms.ModelMultipleChoiceField(
        label=_("Working languages"),
        queryset=WorkingLanguage.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    social_links = forms.CharField(
        label=_("Social media"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One link per line, for example https://www.facebook.com/your-page"),
    )

    class Meta:
        model = Organisation
        formfield_callback = _https_by_default
        fields = [*PROFILE_FIELDS, *STAFF_FIELDS, "focus_areas", "working_languages"]
        field_classes = {"joined_on": SaneDateField}
        widgets = {
            "visibility": forms.RadioSelect,
            "joined_on": forms.DateInput(attrs={"type": "date"}),
            **{
                f"{field}_{code}": forms.Textarea(attrs={"rows": 4, "lang": code})
                for field in ("description", "mission")
                for code in languages.codes()
            },
        }
        help_texts = {
            "name": _("As your organisation is known, in any language."),
            "city": _("Leave it empty if naming the city could put anyone at risk."),
            "year_founded": _("For example 2012."),
            "contact_email": _(
                "An address for the organisation rather than a person, if you have one."
            ),
        }

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            for name in STAFF_FIELDS:
                del self.fields[name]
        languages.label_per_language(
            self, (("description", _("Description")), ("mission", _("Mission")))
        )
        self.fields["visibility"].choices = [
            (
                value,
                pgettext("label: text", "%(label)s: %(text)s")
                % {"label": label, "text": VISIBILITY_HELP[value]},
            )
            for value, label in Visibility.choices
        ]
        self.fields["region"].choices = [("", "---------"), *Region.choices]
        self.fields["country"].choices = [("", "---------"), *countries]
        if self.instance.pk:
            self.initial["social_links"] = "\n".join(
                link.url for link in self.instance.social_links.all()
            )

    def location_fields(self) -> list:
        """Country, region and city, for the "Where" section (the city is the editor's own
        organisation's: a template names it through this, not by its trace of a name)."""
        return [self["country"], self["region"], self["city"]]

    def text_versions(self) -> list[dict]:
        """The description and mission of each language, the page's language first; the
        others folded unless they hold text or an error."""
        return languages.text_versions(self, ("description", "mission"), get_language())

    def clean_social_links(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["social_links"].splitlines()]
        links = [line for line in lines if line]
        if len(links) > MAX_SOCIAL_LINKS:
            raise ValidationError(
                _("Add at most %(count)s links."), params={"count": MAX_SOCIAL_LINKS}
            )
        validate = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                validate(link)
                validate_http_url(link)
            except ValidationError:
                raise ValidationError(
                    _("“%(link)s” is not a valid web address."), params={"link": link}
                ) from None
        return links

    def logo_change(self):
        """What the service should do with the logo: a new file, False to remove, None."""
        if self.cleaned_data.get("logo"):
            return self.cleaned_data["logo"]
        if self.cleaned_data.get("remove_logo"):
            return False
        return None


class MemberInvitationForm(SafeTextMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)
    language = forms.ChoiceField(
        label=_("Language of the invitation email"), choices=settings.LANGUAGES
    )


class MemberRoleForm(SafeTextMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class DirectoryFilterForm(SafeTextMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    focus = forms.ChoiceField(label=_("Focus area"), required=False)
    language = forms.ChoiceField(label=_("Working language"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Any"))]
        region_labels = dict(Region.choices)
        self.fields["region"].choices = everything + [
            (code, region_labels[code]) for code in choices["regions"] if code in region_labels
        ]
        self.fields["country"].choices = everything + sorted(
            ((code, countries.name(code)) for code in choices["countries"]),
            key=lambda item: item[1],
        )
        self.fields["focus"].choices = everything + [
            (area.slug, area.name) for area in choices["focus_areas"]
        ]
        self.fields["language"].choices = everything + [
            (language.code, language.name) for language in choices["languages"]
        ]
