from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from core import languages
from core.content import translated_text
from core.forms import SafeTextMixin, SaneDateField
from feedback.enums import QuestionKind, SurveyAudience
from feedback.models import ANSWER_LIMIT, SUMMARY_LIMIT, Survey

# Results hide who answered, but not what they wrote: the words themselves can give a person away.
FREE_TEXT_WARNING = _(
    "What you write here may tell who you are: your words, the details you give, and the "
    "language you write in. Leave out what you would not want recognised."
)


class AnswerForm(SafeTextMixin, forms.Form):
    """The survey's questions, in the reader's language. Field `q<id>` per question."""

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        for question in survey.questions.all():
            label = translated_text(question, "text").text
            name = f"q{question.pk}"
            if question.kind == QuestionKind.SCALE:
                low = translated_text(question, "scale_low_label").text
                high = translated_text(question, "scale_high_label").text
                choices = [
                    (
                        str(value),
                        f"{value}"
                        + (f" ({low})" if value == 1 and low else "")
                        + (f" ({high})" if value == 5 and high else ""),
                    )
                    for value in range(1, 6)
                ]
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
            elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                choices = [
                    (str(choice.pk), translated_text(choice, "text").text)
                    for choice in question.choices.all()
                ]
                field = (
                    forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
                    if question.kind == QuestionKind.SINGLE
                    else forms.MultipleChoiceField(
                        choices=choices, widget=forms.CheckboxSelectMultiple
                    )
                )
            else:
                field = forms.CharField(
                    max_length=ANSWER_LIMIT,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    help_text=FREE_TEXT_WARNING,
                )
            field.label = label
            field.required = question.required
            self.fields[name] = field

    def clean(self):
        cleaned = super().clean()
        unexpected = {key for key in self.data if key.startswith("q") and key not in self.fields}
        if unexpected:
            raise ValidationError(
                _("This form no longer matches the survey. Reload the page and answer again.")
            )
        return cleaned

    def answers(self) -> dict:
        """{question id: value} for the questions answered (empty ones left out)."""
        return {
            name.removeprefix("q"): value
            for name, value in self.cleaned_data.items()
            if value not in (None, "", [])
        }


class SurveyForm(SafeTextMixin, forms.Form):
    audience = forms.ChoiceField(label=_("Who is asked"), choices=SurveyAudience.choices)
    activity = forms.ModelChoiceField(
        label=_("Activity (when its participants are asked)"),
        queryset=Activity.objects.order_by("-starts_at"),
        required=False,
    )
    opens_on = SaneDateField(
        label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    closes_on = SaneDateField(
        label=_("Closes on (last day to answer)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, survey: Survey | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for code in languages.codes():
            self.fields[f"title_{code}"] = forms.CharField(max_length=200, required=False)
            self.fields[f"introduction_{code}"] = forms.CharField(
                required=False, max_length=ANSWER_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
            )
        languages.label_per_language(
            self, [("title", gettext("Title")), ("introduction", gettext("Introduction"))]
        )
        if survey is not None:
            self.initial.update(
                {name: getattr(survey, name) for name in self.fields if hasattr(survey, name)}
            )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in languages.per_language("title")):
            raise ValidationError(_("Give the survey a title in at least one language."))
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("A survey must close on or after the day it opens."))
        return cleaned


class QuestionForm(SafeTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in languages.codes():
            self.fields[f"text_{code}"] = forms.CharField(max_length=500, required=False)
            self.fields[f"scale_low_label_{code}"] = forms.CharField(max_length=80, required=False)
            self.fields[f"scale_high_label_{code}"] = forms.CharField(max_length=80, required=False)
            self.fields[f"choices_{code}"] = forms.CharField(
                required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        languages.label_per_language(
            self,
            [
                ("text", gettext("Question")),
                ("scale_low_label", gettext("Label of 1 (scale only)")),
                ("scale_high_label", gettext("Label of 5 (scale only)")),
                ("choices", gettext("Choices, one per line (choice questions only)")),
            ],
        )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in languages.per_language("text")):
            raise ValidationError(_("Write the question in at least one language."))
        lines = {
            code: [
                line.strip()
                for line in cleaned.get(f"choices_{code}", "").splitlines()
                if line.strip()
            ]
            for code in languages.codes()
        }
        counts = {len(value) for value in lines.values() if value}
        if len(counts) > 1:
            raise ValidationError(_("Give the same number of choices in every language."))
        count = counts.pop() if counts else 0
        cleaned["choice_texts"] = [
            {f"text_{code}": lines[code][index] for code in lines if lines[code]}
            for index in range(count)
        ]
        return cleaned

    def service_data(self) -> dict:
        data = self.cleaned_data
        codes = languages.codes()
        return {
            "kind": data["kind"],
            "required": data["required"],
            "texts": {f"text_{c}": data[f"text_{c}"] for c in codes},
            "labels": {
                f"{label}_{c}": data[f"{label}_{c}"]
                for c in codes
                for label in ("scale_low_label", "scale_high_label")
            },
            "choices": data["choice_texts"],
        }


class AttachSurveyForm(SafeTextMixin, forms.Form):
    template = forms.ModelChoiceField(label=_("Questions"), queryset=None, empty_label=None)

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


class SummaryForm(SafeTextMixin, forms.Form):
    """The team's words about a closed survey, in each language they write."""

    def __init__(self, *args, summary=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code in languages.codes():
            for name in ("what_we_heard", "what_we_will_do"):
                self.fields[f"{name}_{code}"] = forms.CharField(
                    required=False,
                    max_length=SUMMARY_LIMIT,
                    widget=forms.Textarea(attrs={"rows": 5}),
                )
        languages.label_per_language(
            self,
            [
                ("what_we_heard", gettext("What we heard")),
                ("what_we_will_do", gettext("What we will do")),
            ],
        )
        if summary is not None:
            self.initial.update({name: getattr(summary, name) for name in self.fields})

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in languages.per_language("what_we_heard")):
            raise ValidationError(_("Write what you heard in at least one language."))
        return cleaned
