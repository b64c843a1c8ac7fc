"""Language codes of what people speak: any language CLDR names (Babel's list), not only the
portal's three, so Wolof, K'iche' or Tamazight can be said."""

from functools import lru_cache

from babel import Locale
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _


@lru_cache(maxsize=8)
def _names(locale: str) -> dict[str, str]:
    try:
        names = Locale.parse(locale).languages
    except (ValueError, LookupError):
        names = Locale("en").languages
    return dict(names)


def known_codes() -> frozenset[str]:
    # Plain language codes only: CLDR also names regional variants ("en_GB", "zh_Hant").
    return frozenset(code for code in _names("en") if code.isalpha() and code.islower())


def validate_language_code(value: str) -> None:
    if value not in known_codes():
        raise ValidationError(
            _("This is not a language the portal knows. Choose one from the list."),
            code="unknown_language",
        )


def spoken_language_name(code: str) -> str:
    """The language's name in the active language ("wolof", "quechua"), from CLDR."""
    locale = translation.to_locale(translation.get_language() or "en")
    return _names(locale).get(code) or _names("en").get(code) or code
