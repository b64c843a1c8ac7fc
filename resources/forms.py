from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from activities.validators import validate_material_file
from core import languages
from core.forms import SafeTextMixin
from partners.enums import Region
from partners.models import FocusArea
from resources.enums import Licence, ResourceKind, ResourceVisibility
from resources.models import SUMMARY_LIMIT, TITLE_LIMIT, Resource


class ResourceForm(SafeTextMixin, forms.Form):
    """A resource: its texts in each language (the one it was written in required), what it
    is, who made it, who may see it, and a file or a link per language."""

    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    kind = forms.ChoiceField(label=_("Type"), choices=ResourceKind.choices)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=FocusArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.MultipleChoiceField(
        label=_("Regions"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Made by"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)
    visibility = forms.ChoiceField(
        label=_("Who may see it"),
        choices=ResourceVisibility.choices,
        initial=ResourceVisibility.COMMUNITY,
    )
    # The version the edit page was rendered with (409 when the resource changed since).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, makers, resource: Resource | None = None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.resource = resource
        self.fields["organisations"].queryset = makers
        for code in languages.codes():
            self.fields[f"title_{code}"] = forms.CharField(max_length=TITLE_LIMIT, required=False)
            self.fields[f"summary_{code}"] = forms.CharField(
                max_length=SUMMARY_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"file_{code}"] = forms.FileField(
                required=False, validators=[validate_material_file]
            )
            self.fields[f"link_{code}"] = forms.URLField(
                max_length=500, required=False, assume_scheme="https"
            )
            if resource is not None:
                self.fields[f"remove_{code}"] = forms.BooleanField(required=False)
        languages.label_per_language(
            self,
            [
                ("title", gettext("Title")),
                ("summary", gettext("Summary")),
                ("file", gettext("File (PDF, office document or text)")),
                ("link", gettext("Or a link")),
            ],
        )
        if resource is not None:
            for code in languages.codes():
                self.fields[f"remove_{code}"].label = languages.field_label(
                    gettext("Remove the file or link"), code
                )
            self.initial.update(
                {
                    "language": resource.original_language,
                    "kind": resource.kind,
                    "themes": list(resource.themes.all()),
                    "regions": resource.region_list,
                    "organisations": list(resource.organisations.all()),
                    "licence": resource.licence,
                    "visibility": resource.visibility,
                    "version": resource.version,
                }
            )
            for code in languages.codes():
                self.initial[f"title_{code}"] = getattr(resource, f"title_{code}") or ""
                self.initial[f"summary_{code}"] = getattr(resource, f"summary_{code}") or ""
        else:
            del self.fields["version"]
            if user is not None:
                self.initial.setdefault("language", user.language)

    def clean(self):
        data = super().clean()
        language = data.get("language")
        if language and not (data.get(f"title_{language}") or "").strip():
            self.add_error(
                f"title_{language}",
                gettext("Give the title in the language the resource is written in."),
            )
        for code in languages.codes():
            if data.get(f"file_{code}") and data.get(f"link_{code}"):
                self.add_error(
                    f"link_{code}", gettext("Give a file or a link for each language, not both.")
                )
        return data

    def texts(self) -> dict[str, str]:
        return {
            name: (self.cleaned_data.get(name) or "").strip()
            for field in ("title", "summary")
            for name in languages.per_language(field)
        }

    def uploads(self) -> dict[str, dict]:
        """Per language: {"file": an upload or None, "link": "" or a URL, "remove": bool}."""
        return {
            code: {
                "file": self.cleaned_data.get(f"file_{code}"),
                "link": self.cleaned_data.get(f"link_{code}") or "",
                "remove": bool(self.cleaned_data.get(f"remove_{code}")),
            }
            for code in languages.codes()
        }


class LibraryFilterForm(SafeTextMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("Any region")), *Region.choices]
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any type")), *ResourceKind.choices]
    )
    language = forms.ChoiceField(
        label=_("Available in"),
        required=False,
        choices=[("", _("Any language")), *settings.LANGUAGES],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", gettext("Any theme")),
            *((area.slug, area.name) for area in FocusArea.objects.all()),
        ]


class ModerationForm(SafeTextMixin, forms.Form):
    hide = forms.TypedChoiceField(
        choices=[("yes", _("Hide")), ("no", _("Show again"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(
        label=_("Why it is hidden (the team only)"),
        required=False,
        max_length=SUMMARY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
