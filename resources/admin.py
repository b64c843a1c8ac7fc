from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.adminsafety import SafeAdminMixin
from resources.models import Resource, ResourceFile


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    extra = 0


@admin.register(Resource)
class ResourceAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "kind", "visibility", "licence", "hidden_by_staff", "created_at"]
    list_filter = ["kind", "visibility", "licence", "hidden_by_staff"]
    search_fields = ["title_en", "title_es", "title_fr"]
    # Hiding goes through the portal (resources.services.moderate), which asks for the reason.
    readonly_fields = ["hidden_by_staff", "hidden_reason", "version", "created_at", "updated_at"]
    autocomplete_fields = ["added_by"]
    filter_horizontal = ["themes", "organisations"]
    inlines = [ResourceFileInline]
