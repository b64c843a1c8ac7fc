from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import languages
from core.forms import SafeTextMixin
from stories.enums import Action, Audience
from stories.models import ALT_LIMIT, MESSAGE_LIMIT, TEXT_LIMIT, TITLE_LIMIT, Story

ANONYMOUS_HELP = _(
    "The story then says “a partner in” your region, and names neither your organisation nor "
    "you. Stories of hidden organisations are published only this way."
)


class StoryForm(SafeTextMixin, forms.Form):
    """A new story, in the language its author writes in."""

    organisation = forms.ModelChoiceField(label=_("For"), queryset=None, empty_label=None)
    language = forms.ChoiceField(label=_("I am writing in"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=TITLE_LIMIT)
    body = forms.CharField(
        label=_("Your story"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("What you did, with whom, what changed, what others can learn from it."),
    )
    audience = forms.ChoiceField(
        label=_("Who may read it"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        initial=Audience.PUBLIC,
    )
    anonymous = forms.BooleanField(
        label=_("Publish it without naming us"), required=False, help_text=ANONYMOUS_HELP
    )

    def __init__(self, *args, user, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.initial.setdefault("language", user.language)


class StoryEditForm(SafeTextMixin, forms.Form):
    """Every language version of the story (the one it was written in is required); for its
    authors, also who may read it and whether it names them."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, story: Story, authors_choices: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["version"] = story.version
        for code in languages.codes():
            original = code == story.original_language
            self.fields[f"title_{code}"] = forms.CharField(
                max_length=TITLE_LIMIT, required=original
            )
            self.fields[f"body_{code}"] = forms.CharField(
                max_length=TEXT_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 8})
            )
            self.initial[f"title_{code}"] = getattr(story, f"title_{code}") or ""
            self.initial[f"body_{code}"] = getattr(story, f"body_{code}") or ""
        languages.label_per_language(
            self, [("title", gettext("Title")), ("body", gettext("Story"))]
        )
        if authors_choices:
            self.fields["audience"] = forms.ChoiceField(
                label=_("Who may read it"), choices=Audience.choices, widget=forms.RadioSelect
            )
            self.fields["anonymous"] = forms.BooleanField(
                label=_("Publish it without naming us"), required=False, help_text=ANONYMOUS_HELP
            )
            self.initial["audience"] = story.audience
            self.initial["anonymous"] = story.anonymous

    def texts(self) -> dict[str, str]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name.startswith(("title_", "body_"))
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


class ActionForm(SafeTextMixin, forms.Form):
    action = forms.ChoiceField(choices=Action.choices)
    version = forms.IntegerField()
    message = forms.CharField(
        label=_("Your suggestion for the authors"),
        required=False,
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    message_language = forms.ChoiceField(
        label=_("Written in"), choices=settings.LANGUAGES, required=False
    )


class ModerationForm(SafeTextMixin, forms.Form):
    hide = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")], coerce=lambda value: value == "yes"
    )
    reason = forms.CharField(
        label=_("Why it is hidden (its authors read it)"),
        required=False,
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
