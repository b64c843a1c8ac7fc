from modeltranslation.translator import TranslationOptions, register

from activities.models import Activity


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description", "cancellation_reason")
