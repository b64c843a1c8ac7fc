from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.adminsafety import SafeAdminMixin
from learning.models import LearningQuestion


@admin.register(LearningQuestion)
class LearningQuestionAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "original_language", "asked_by", "hidden_by_staff", "created_at"]
    list_filter = ["hidden_by_staff", "original_language"]
    search_fields = ["title_en", "title_es", "title_fr"]
    # Hiding goes through the portal (learning.services.moderate), which asks for the reason.
    readonly_fields = ["hidden_by_staff", "hidden_reason", "created_at", "updated_at"]
    autocomplete_fields = ["asked_by"]
    filter_horizontal = ["activities", "outcomes"]
    exclude = ["supporters"]
