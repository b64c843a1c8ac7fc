from modeltranslation.translator import TranslationOptions, register

from campaigns.models import Campaign


@register(Campaign)
class CampaignTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "call_to_action")
