from modeltranslation.translator import TranslationOptions, register

from people.models import Profile, Skill


@register(Skill)
class SkillTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Profile)
class ProfileTranslationOptions(TranslationOptions):
    fields = ("introduction",)
