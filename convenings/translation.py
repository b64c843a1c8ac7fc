from modeltranslation.translator import TranslationOptions, register

from convenings.models import Convening


@register(Convening)
class ConveningTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "outcomes")
