from django import forms
from django.utils.translation import gettext_lazy as _

from convenings.enums import ConveningState, SessionKind
from convenings.services import MAX_SESSIONS
from core import languages
from core.content import translated_text
from core.dates import moment_text
from core.forms import SafeTextMixin


class RegistrationForm(SafeTextMixin, forms.Form):
    """The sessions a person chooses, in one submit. The checkboxes are drawn by the template,
    day by day; the choices are the sessions they may choose (and those already chosen)."""

    sessions = forms.TypedMultipleChoiceField(
        label=_("Sessions"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one session."),
            "invalid_choice": _("Choose among the sessions of this convening."),
        },
    )
    interpretation_language = forms.ChoiceField(
        label=_("I need interpretation into"),
        required=False,
        help_text=_("Asked for at every session you choose that offers it."),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "invalid_choice": _("No session offers interpretation into that language.")
        },
    )

    def __init__(self, *args, session_ids, interpretation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].choices = [(pk, str(pk)) for pk in session_ids]
        self.fields["interpretation_language"].choices = [("", _("No interpretation needed"))] + [
            (code, languages.language_name(code)) for code in interpretation
        ]

    def clean_sessions(self):
        chosen = self.cleaned_data["sessions"]
        if len(chosen) > MAX_SESSIONS:
            raise forms.ValidationError(_("Choose fewer sessions."))
        return chosen


class StateForm(SafeTextMixin, forms.Form):
    to = forms.ChoiceField(choices=ConveningState.choices)


class _ActivityChoice(forms.ModelChoiceField):
    def label_from_instance(self, activity):
        return f"{moment_text(activity.starts_at)} · {translated_text(activity, 'title').text}"


class AttachSessionForm(SafeTextMixin, forms.Form):
    activity = _ActivityChoice(label=_("Activity"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of session"), choices=SessionKind.choices)
    order = forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=100,
        initial=0,
        help_text=_("Among sessions that start at the same time."),
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities


class _StoryChoice(forms.ModelChoiceField):
    def label_from_instance(self, story):
        return translated_text(story, "title").text


class LinkStoryForm(SafeTextMixin, forms.Form):
    story = _StoryChoice(label=_("Story"), queryset=None)

    def __init__(self, *args, stories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["story"].queryset = stories
