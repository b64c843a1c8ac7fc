"""The portal's languages, read once from settings.LANGUAGES: nothing else lists them."""

from django.conf import settings
from django.utils.translation import get_language_info, gettext, pgettext, pgettext_lazy


def codes() -> tuple[str, ...]:
    """("en", "es", "fr"): the codes of settings.LANGUAGES, in their order."""
    return tuple(code for code, _name in settings.LANGUAGES)


def language_name(code: str) -> str:
    """The language's name in the active language: "Spanish", "espagnol", "español"."""
    return gettext(get_language_info(code)["name"])


# Lower-case inside a sentence in Spanish and French ("Titre et description en anglais");
# translators see the context.
_IN_SENTENCE = {
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "es": pgettext_lazy("language name inside a sentence", "Spanish"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
}


def language_name_in_sentence(code: str) -> str:
    """The language's name as it reads inside a sentence: "anglais", "inglés"."""
    return str(_IN_SENTENCE[code])


def per_language(field: str) -> list[str]:
    """The modeltranslation fields of `field`: ["title_en", "title_es", "title_fr"]."""
    return [f"{field}_{code}" for code in codes()]


def field_label(label: str, code: str) -> str:
    """ "Title (Spanish)": a field's label and the language it is written in, in the reader's
    language (translators place the parentheses: context "field (language)")."""
    return pgettext("field (language)", "%(field)s (%(language)s)") % {
        "field": label,
        "language": language_name(code),
    }


def text_versions(form, fields, first: str) -> list[dict]:
    """A form's per-language text fields grouped by language, `first` language first; the others
    folded (`open` False) unless they hold text or an error: [{"code", "name", "fields",
    "first", "open"}, ...]."""
    versions = []
    for code in sorted(codes(), key=lambda code: code != first):
        bound = [form[f"{field}_{code}"] for field in fields]
        versions.append(
            {
                "code": code,
                # Inside a sentence: "Title and description in {name} (optional)".
                "name": language_name_in_sentence(code),
                "fields": bound,
                "first": code == first,
                "open": code == first or any(field.errors or field.value() for field in bound),
            }
        )
    return versions


def label_per_language(form, fields_and_labels) -> None:
    """Label each language's field of a form "Title (Spanish)", in the reader's language, and mark
    it with `lang` so screen readers and spell checkers know what it is written in."""
    for field, label in fields_and_labels:
        for code in codes():
            form_field = form.fields.get(f"{field}_{code}")
            if form_field is None:
                continue
            form_field.label = field_label(label, code)
            form_field.widget.attrs.setdefault("lang", code)
