"""Translated content (modeltranslation fields) shown honestly: the text in the viewer's language
when there is one, else the first language it exists in, and which language that is."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Whole sentences, not "Originally written in %(language)s.": language names change case and form
# inside a sentence (in Spanish and French they are lower-case).
WRITTEN_IN = {
    "en": _("Originally written in English."),
    "es": _("Originally written in Spanish."),
    "fr": _("Originally written in French."),
}


@dataclass(frozen=True)
class TranslatedText:
    text: str
    language: str
    is_fallback: bool

    @property
    def notice(self) -> str:
        """ "Written in Spanish.", in the viewer's language."""
        return str(WRITTEN_IN[self.language])

    def __str__(self) -> str:
        return self.text


def fallback_order(language: str) -> list[str]:
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    order = [language, *fallbacks.get(language, fallbacks["default"])]
    return list(dict.fromkeys(order))


def translated_text(instance, field: str, language: str | None = None) -> TranslatedText:
    """The value of `field` for `language` (default: active), falling back like modeltranslation
    does, and saying which language the returned text is really in."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    for candidate in fallback_order(language):
        value = getattr(instance, f"{field}_{candidate}", "") or ""
        if value.strip():
            return TranslatedText(value, candidate, candidate != language)
    return TranslatedText("", language, False)


def missing_languages(instance, field: str) -> list[str]:
    """The portal languages `field` has no text in yet."""
    return [
        code
        for code, _name in settings.LANGUAGES
        if not (getattr(instance, f"{field}_{code}", "") or "").strip()
    ]
