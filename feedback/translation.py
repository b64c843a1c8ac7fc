from modeltranslation.translator import TranslationOptions, register

from feedback.models import Choice, Question, Survey


@register(Survey)
class SurveyTranslationOptions(TranslationOptions):
    fields = ("title", "introduction")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "scale_low_label", "scale_high_label")


@register(Choice)
class ChoiceTranslationOptions(TranslationOptions):
    fields = ("text",)
