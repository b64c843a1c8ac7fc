from modeltranslation.translator import TranslationOptions, register

from stories.models import Story


@register(Story)
class StoryTranslationOptions(TranslationOptions):
    fields = ("title", "body")
