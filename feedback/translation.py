from modeltranslation.translator import TranslationOptions, register

from feedback.models import Choice, Question, Survey, SurveySummary


@register(Survey)
class SurveyTranslationOptions(TranslationOptions):
    fields = ("title", "introduction")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "scale_low_label", "scale_high_label")


@register(Choice)
class ChoiceTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(SurveySummary)
class SurveySummaryTranslationOptions(TranslationOptions):
    fields = ("what_we_heard", "what_we_will_do")
