from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import languages
from core.forms import SafeTextMixin
from partners.enums import Region
from partners.models import FocusArea, WorkingLanguage
from people.enums import LanguageLevel, ProfileVisibility
from people.models import ALT_LIMIT, INTRODUCTION_LIMIT, Profile, Skill
from people.validators import known_codes, spoken_language_name

LANGUAGE_ROWS = 5
HIDDEN_HELP = _(
    "Your organisation is hidden: only its members and the Learning Lab team know it exists. "
    "If you tick this, other partners can find you in the people directory, with your profile "
    "but never with your organisation's name, city or anything else about it. If you do not, "
    "only your colleagues and the team see your profile."
)


def language_choices(profile: Profile | None) -> list[tuple[str, str]]:
    """The portal's languages, the working languages partners listed and whatever the person
    already chose: a short list that loads fast on a phone (the team adds working languages)."""
    codes = set(languages.codes()) | set(WorkingLanguage.objects.values_list("code", flat=True))
    if profile is not None and profile.pk:
        codes |= {language.code for language in profile.languages.all()}
    codes &= known_codes()
    named = sorted(((code, spoken_language_name(code)) for code in codes), key=lambda c: c[1])
    return [("", "—"), *named]


class ProfileForm(SafeTextMixin, forms.Form):
    """Everything of a profile but the photo; the languages as a fixed number of rows (a
    language and a level each), so it works without JavaScript."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    themes = forms.ModelMultipleChoiceField(
        label=_("What I work on"),
        queryset=FocusArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills_offered = forms.ModelMultipleChoiceField(
        label=_("What I can offer"),
        queryset=Skill.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills_sought = forms.ModelMultipleChoiceField(
        label=_("What I am looking for"),
        queryset=Skill.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    region = forms.ChoiceField(
        label=_("Region where I live"),
        choices=[("", _("I would rather not say")), *Region.choices],
        required=False,
    )
    original_language = forms.ChoiceField(
        label=_("I write my introduction in"), choices=settings.LANGUAGES
    )
    visibility = forms.ChoiceField(
        label=_("Who sees my profile"),
        choices=ProfileVisibility.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, profile: Profile, in_hidden_organisation: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        spoken = list(profile.languages.all()) if profile.pk else []
        self.initial.update(
            version=profile.version,
            themes=list(profile.themes.all()) if profile.pk else [],
            skills_offered=list(profile.skills_offered.all()) if profile.pk else [],
            skills_sought=list(profile.skills_sought.all()) if profile.pk else [],
            region=profile.region,
            original_language=profile.original_language or profile.user.language,
            visibility=profile.visibility,
        )
        for code in languages.codes():
            name = f"introduction_{code}"
            self.fields[name] = forms.CharField(
                required=False,
                max_length=INTRODUCTION_LIMIT,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
            self.initial[name] = getattr(profile, name) or ""
        languages.label_per_language(self, [("introduction", _("A short introduction"))])
        choices = language_choices(profile)
        for row in range(LANGUAGE_ROWS):
            self.fields[f"language_{row}"] = forms.ChoiceField(
                label=_("Language"), choices=choices, required=False
            )
            self.fields[f"level_{row}"] = forms.ChoiceField(
                label=_("How well"), choices=LanguageLevel.choices, required=False
            )
            if row < len(spoken):
                self.initial[f"language_{row}"] = spoken[row].code
                self.initial[f"level_{row}"] = spoken[row].level
        if in_hidden_organisation:
            self.fields["listed_if_hidden"] = forms.BooleanField(
                label=_("List me in the people directory, without my organisation"),
                required=False,
                help_text=HIDDEN_HELP,
            )
            self.initial["listed_if_hidden"] = profile.listed_if_hidden

    def language_rows(self):
        return [(self[f"language_{row}"], self[f"level_{row}"]) for row in range(LANGUAGE_ROWS)]

    def introduction_fields(self):
        return [self[f"introduction_{code}"] for code in languages.codes()]

    def spoken(self) -> list[tuple[str, str]]:
        """The chosen (language, level) pairs, each language once, in the order given."""
        seen, pairs = set(), []
        for row in range(LANGUAGE_ROWS):
            code = self.cleaned_data.get(f"language_{row}")
            if code and code not in seen:
                seen.add(code)
                level = self.cleaned_data.get(f"level_{row}") or LanguageLevel.WORKING
                pairs.append((code, level))
        return pairs

    def texts(self) -> dict[str, str]:
        return {
            f"introduction_{code}": self.cleaned_data.get(f"introduction_{code}", "")
            for code in languages.codes()
        }


class PhotoForm(SafeTextMixin, forms.Form):
    image = forms.FileField(
        label=_("Photo"), help_text=_("JPEG, PNG or WebP, under 10 MB. Its location is removed.")
    )
    alt_text = forms.CharField(
        label=_("What the photo shows"),
        max_length=ALT_LIMIT,
        help_text=_("For people who cannot see it: who and what is in it, in a sentence."),
    )


class PeopleFilterForm(SafeTextMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ChoiceField(label=_("Works on"), required=False)
    skill = forms.ChoiceField(label=_("Offers"), required=False)
    language = forms.ChoiceField(label=_("Speaks"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Any"))]
        self.fields["theme"].choices = everything + [
            (area.slug, area.name) for area in FocusArea.objects.all()
        ]
        self.fields["skill"].choices = everything + [
            (skill.slug, skill.name) for skill in Skill.objects.all()
        ]
        self.fields["language"].choices = everything + language_choices(None)[1:]
        self.fields["region"].choices = everything + list(Region.choices)
