from modeltranslation.translator import TranslationOptions, register

from partners.models import Organisation


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("description",)
