from django.contrib import admin
from django.db import models
from modeltranslation.admin import TabbedTranslationAdmin

from activities.models import Activity, CalendarToken, Material, Registration
from core.adminsafety import SafeAdminMixin

HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class RegistrationInline(SafeAdminMixin, admin.TabularInline):
    model = Registration
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "status", "interpretation_language", "requested_at"]
    readonly_fields = ["requested_at"]


class MaterialInline(SafeAdminMixin, admin.TabularInline):
    model = Material
    extra = 0
    formfield_overrides = HTTPS_URLS
    fields = ["kind", "title", "language", "link", "file"]


@admin.register(Activity)
class ActivityAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "type", "status", "audience", "starts_at", "timezone", "capacity"]
    list_filter = ["status", "type", "audience", "format"]
    search_fields = ["title_en", "title_es", "title_fr"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["host_organisations", "focus_areas"]
    autocomplete_fields = ["host_people"]
    formfield_overrides = HTTPS_URLS
    readonly_fields = ["uid", "sequence", "created_by", "created_at", "updated_at"]
    inlines = [MaterialInline, RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["user", "activity", "status", "interpretation_language", "requested_at"]
    list_filter = ["status", "interpretation_language"]
    search_fields = ["user__email", "user__display_name", "activity__title_en"]
    autocomplete_fields = ["user", "activity"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Only who has a feed and since when: the secret itself is never stored."""

    list_display = ["user", "created_at"]
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request):
        return False
