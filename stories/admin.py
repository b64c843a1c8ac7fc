from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.adminsafety import SafeAdminMixin
from stories.models import Story, StorySuggestion


@admin.register(Story)
class StoryAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "organisation", "state", "audience", "anonymous", "published_at"]
    list_filter = ["state", "audience", "anonymous", "hidden_by_staff", "original_language"]
    search_fields = ["title_en", "title_es", "title_fr"]
    # The state, the authors' choices and hiding change through the portal (stories.services),
    # which checks the rules (review, anonymity of hidden organisations) and tells the authors.
    readonly_fields = [
        "state",
        "audience",
        "anonymous",
        "version",
        "hidden_by_staff",
        "hidden_reason",
        "published_at",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["authors"]


@admin.register(StorySuggestion)
class StorySuggestionAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Read only: suggestions are append-only."""

    list_display = ["story", "written_by", "language", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
