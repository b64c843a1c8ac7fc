from modeltranslation.translator import TranslationOptions, register

from partners.models import FocusArea, Organisation, WorkingLanguage


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("description", "mission")


@register(FocusArea)
class FocusAreaTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(WorkingLanguage)
class WorkingLanguageTranslationOptions(TranslationOptions):
    fields = ("name",)
