from django.contrib import admin
from django.db import models
from modeltranslation.admin import TabbedTranslationAdmin

from partners.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    list_display = ["name", "country", "city", "joined_on"]
    list_filter = ["country"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__display_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
