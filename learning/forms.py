from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import languages
from core.forms import SafeTextMixin
from learning.models import TEXT_LIMIT, TITLE_LIMIT, LearningQuestion
from learning.selectors import ORDERS


class QuestionForm(SafeTextMixin, forms.Form):
    """A new question, in the language the asker writes in."""

    language = forms.ChoiceField(label=_("I am writing in"), choices=settings.LANGUAGES)
    title = forms.CharField(
        label=_("Your question"),
        max_length=TITLE_LIMIT,
        help_text=_("For example: how do other organisations keep young volunteers involved?"),
    )
    body = forms.CharField(
        label=_("More about it (optional)"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why it matters to you, what you have tried."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("language", user.language)


class QuestionEditForm(SafeTextMixin, forms.Form):
    """Every language version of the question; the one it was asked in is required."""

    def __init__(self, *args, question: LearningQuestion, **kwargs):
        super().__init__(*args, **kwargs)
        for code in languages.codes():
            original = code == question.original_language
            self.fields[f"title_{code}"] = forms.CharField(
                max_length=TITLE_LIMIT, required=original
            )
            self.fields[f"body_{code}"] = forms.CharField(
                max_length=TEXT_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
            self.initial[f"title_{code}"] = getattr(question, f"title_{code}") or ""
            self.initial[f"body_{code}"] = getattr(question, f"body_{code}") or ""
        languages.label_per_language(
            self, [("title", gettext("Question")), ("body", gettext("More about it"))]
        )

    def texts(self) -> dict[str, str]:
        return dict(self.cleaned_data)


class QuestionFilterForm(SafeTextMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("newest", _("Newest first")), ("supported", _("Most supported first"))],
    )

    def clean_order(self) -> str:
        order = self.cleaned_data["order"]
        return order if order in ORDERS else "newest"


class SupportForm(SafeTextMixin, forms.Form):
    support = forms.TypedChoiceField(
        choices=[("yes", _("Support")), ("no", _("Withdraw"))],
        coerce=lambda value: value == "yes",
    )


class LinkActivityForm(SafeTextMixin, forms.Form):
    activity = forms.ModelChoiceField(label=_("An activity that addressed it"), queryset=None)

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities


class LinkOutcomeForm(SafeTextMixin, forms.Form):
    outcome = forms.ModelChoiceField(label=_("A Working Group outcome"), queryset=None)

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = outcomes


class ModerationForm(SafeTextMixin, forms.Form):
    hide = forms.TypedChoiceField(
        choices=[("yes", _("Hide")), ("no", _("Show again"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(
        label=_("Why it is hidden (the team only)"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
