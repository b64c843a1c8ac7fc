from modeltranslation.translator import TranslationOptions, register

from workinggroup.models import AgendaEntry, Item


@register(Item)
class ItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(AgendaEntry)
class AgendaEntryTranslationOptions(TranslationOptions):
    fields = ("title", "outcome_notes")
