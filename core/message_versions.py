"""A message the team or the hosts write to people (why a proposal is sent back or declined, why
an activity is cancelled): one field in the writer's language, optional versions in the other
portal languages (folded away on the page), and the readers' languages as a short list.

Each reader then gets their own version, or the original with "Originally written in ..."
(core.content.translated_text)."""

from dataclasses import dataclass

from django import forms

from core import languages


@dataclass
class Versions:
    """What a template needs to show one message's fields: the writer's field, the name and value
    of the hidden input carrying its language, the other languages' fields, and whether to show
    those unfolded."""

    main: forms.BoundField
    language_input: str
    language: str
    others: list[forms.BoundField]
    is_open: bool


def add_versions(
    form: forms.Form,
    name: str,
    *,
    label: str,
    language: str,
    required: bool,
    max_length: int,
    rows: int = 3,
    help_text: str = "",
) -> None:
    """Give `form` the fields of message `name`: `name` in the writer's `language`, and
    `name_xx` for each other portal language, optional. The writer's language comes back in the
    hidden input `name_language` (not a form field: anything but a portal language in it is
    ignored), so the text keeps its language whatever language the page is sent back in. Call
    it in the form's __init__, after super().__init__()."""
    codes = languages.codes()
    if form.is_bound:
        sent = form.data.get(form.add_prefix(f"{name}_language"))
        if sent in codes:
            language = sent
    if language not in codes:
        language = codes[0]
    form.fields[name] = forms.CharField(
        label=languages.field_label(label, language),
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "lang": language}),
    )
    for code in codes:
        if code != language:
            form.fields[f"{name}_{code}"] = forms.CharField(
                label=languages.field_label(label, code),
                required=False,
                max_length=max_length,
                widget=forms.Textarea(attrs={"rows": rows, "lang": code}),
            )
    form._message_languages = {**getattr(form, "_message_languages", {}), name: language}


def writer_language(form: forms.Form, name: str) -> str:
    return form._message_languages[name]


def versions(form: forms.Form, name: str) -> dict[str, str]:
    """The cleaned message as {code: text}, every portal language ("" where none was given)."""
    language = writer_language(form, name)
    return {
        code: form.cleaned_data.get(name if code == language else f"{name}_{code}") or ""
        for code in languages.codes()
    }


def bound_versions(form: forms.Form, name: str) -> Versions:
    language = writer_language(form, name)
    others = [form[f"{name}_{code}"] for code in languages.codes() if code != language]
    return Versions(
        main=form[name],
        language_input=form.add_prefix(f"{name}_language"),
        language=language,
        others=others,
        is_open=any(field.errors or (form.is_bound and field.value()) for field in others),
    )


def languages_with_counts(pairs: list[tuple[str, int]]) -> str:
    """ "Spanish (15), French (8)" in the active language, the names as they are written inside a
    sentence ("español (15), francés (8)")."""
    from core.templatetags.portal import language_names

    return ", ".join(f"{language_names(code)} ({count})" for code, count in pairs)
