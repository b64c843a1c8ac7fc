from modeltranslation.translator import TranslationOptions, register

from workinggroup.models import AgendaEntry, FollowUp, Item, ModerationLog


@register(Item)
class ItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(AgendaEntry)
class AgendaEntryTranslationOptions(TranslationOptions):
    fields = ("title", "outcome_notes")


@register(ModerationLog)
class ModerationLogTranslationOptions(TranslationOptions):
    # The message to the proposer, in each language the team wrote it in (rows are append-only:
    # every version is written with the entry, never added later).
    fields = ("message",)


@register(FollowUp)
class FollowUpTranslationOptions(TranslationOptions):
    fields = ("description",)
