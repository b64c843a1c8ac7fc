"""The preview a link to the portal shows where it is pasted (WhatsApp, social sites): Open
Graph and Twitter card tags, in base.html's <head>."""

from django import template
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext

from core import languages
from core.i18n import absolute_url

register = template.Library()

IMAGE = "img/og-image.png"
IMAGE_SIZE = (1200, 630)
# Open Graph wants language_TERRITORY. Spanish: Facebook's Latin American Spanish, where most
# of the Lab's Spanish-speaking partners work.
OG_LOCALES = {"en": "en_US", "es": "es_LA", "fr": "fr_FR"}


def og_locale(language: str) -> str:
    return OG_LOCALES.get(language, translation.to_locale(language))


@register.inclusion_tag("includes/social_tags.html", takes_context=True)
def social_tags(context):
    """The portal's own preview (its name, what it is, its image) on every page; a page that
    may be previewed (a public activity) gives `share_preview` (activities.sharing.Preview)
    with its title, description and address. Nothing else of a page reaches its preview."""
    language = translation.get_language() or languages.codes()[0]
    preview = context.get("share_preview")
    site_name = gettext("Learning Lab")
    return {
        "site_name": site_name,
        "title": preview.title if preview else site_name,
        "description": preview.description
        if preview
        else gettext(
            "The Learning Lab: a peer-learning community of women-led partner organisations, "
            "in English, Spanish and French."
        ),
        "url": preview.url if preview else "",
        "image": absolute_url(static(IMAGE)),
        "image_width": IMAGE_SIZE[0],
        "image_height": IMAGE_SIZE[1],
        "locale": og_locale(language),
        "alternate_locales": [og_locale(code) for code in languages.codes() if code != language],
    }
