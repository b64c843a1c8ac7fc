"""Translated content (modeltranslation fields) shown honestly: the text in the viewer's language
when there is one, else the first language it exists in, and which language that is."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info


@dataclass(frozen=True)
class TranslatedText:
    text: str
    language: str
    is_fallback: bool

    @property
    def language_name(self) -> str:
        """The language's name in the viewer's language ("español" -> "Spanish" for English)."""
        return translation.gettext(get_language_info(self.language)["name"])

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
