from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from convenings.models import Convening, ConveningRegistration, ConveningSession, ConveningStory
from core.adminsafety import SafeAdminMixin


class ConveningSessionInline(SafeAdminMixin, admin.TabularInline):
    """Shown for reference: sessions are attached and taken out on the convening's team page
    (convenings.services), like every other workflow change."""

    model = ConveningSession
    extra = 0
    fields = ["activity", "kind", "order"]
    readonly_fields = ["activity", "kind", "order"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Convening)
class ConveningAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    """The convening's content (title, summary, outcomes in three languages, place, dates) is
    edited here; its state changes through the portal's team page (convenings.services)."""

    list_display = ["title", "city", "country", "starts_on", "ends_on", "state"]
    list_filter = ["state"]
    search_fields = ["title_en", "title_es", "title_fr", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["state", "created_at", "updated_at"]
    inlines = [ConveningSessionInline]


@admin.register(ConveningRegistration)
class ConveningRegistrationAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Read only: people choose their sessions in the portal, where every place is asked for
    through the activities (capacity, waiting list, reminders)."""

    list_display = ["convening", "user", "updated_at"]
    list_filter = ["convening"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ConveningStory)
class ConveningStoryAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Read only: stories are linked to the archive on the convening's team page."""

    list_display = ["convening", "story", "added_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
