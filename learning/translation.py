from modeltranslation.translator import TranslationOptions, register

from learning.models import LearningQuestion


@register(LearningQuestion)
class LearningQuestionTranslationOptions(TranslationOptions):
    fields = ("title", "body")
