from django.conf import settings
from django.utils.translation import get_language_info


def portal(request) -> dict:
    """What the base layout needs on every page from core: the language switcher."""
    return {
        "language_choices": [
            (code, get_language_info(code)["name_local"].capitalize())
            for code, _name in settings.LANGUAGES
        ],
        "open_signup": settings.OPEN_SIGNUP,
    }
