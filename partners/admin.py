from django.contrib import admin
from django.db import models
from modeltranslation.admin import TabbedTranslationAdmin

from core.adminsafety import SafeAdminMixin
from partners.models import (
    FocusArea,
    Membership,
    Organisation,
    OrganisationInvitation,
    SocialLink,
    WorkingLanguage,
)


class MembershipInline(SafeAdminMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class SocialLinkInline(SafeAdminMixin, admin.TabularInline):
    model = SocialLink
    extra = 0
    formfield_overrides = HTTPS_URLS


@admin.register(Organisation)
class OrganisationAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "country", "region", "visibility", "on_working_group", "joined_on"]
    list_filter = ["visibility", "region", "on_working_group", "focus_areas"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["focus_areas", "working_languages"]
    formfield_overrides = HTTPS_URLS
    inlines = [SocialLinkInline, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__display_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(FocusArea)
class FocusAreaAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(WorkingLanguage)
class WorkingLanguageAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "code"]
    search_fields = ["code", "name"]


@admin.register(OrganisationInvitation)
class OrganisationInvitationAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Read-only: invitations are sent from the members page, which emails the link."""

    list_display = ["invitation", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["invitation__email", "organisation__name"]
    readonly_fields = ["invitation", "organisation", "role"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
