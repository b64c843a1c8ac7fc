from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from people.models import Profile, ProfileLanguage, Skill


@admin.register(Skill)
class SkillAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name_en"]}


class ProfileLanguageInline(admin.TabularInline):
    model = ProfileLanguage
    extra = 0


@admin.register(Profile)
class ProfileAdmin(TranslationAdmin):
    list_display = ["user", "region", "visibility", "listed_if_hidden", "updated_at"]
    list_filter = ["region", "visibility", "listed_if_hidden"]
    search_fields = ["user__display_name", "user__email"]
    raw_id_fields = ["user"]
    filter_horizontal = ["themes", "skills_offered", "skills_sought"]
    inlines = [ProfileLanguageInline]
    # The person decides who sees their profile (and the version guards their edits).
    readonly_fields = ["visibility", "listed_if_hidden", "version", "updated_at"]
