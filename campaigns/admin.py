from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from campaigns.models import Campaign, CampaignActivity, CampaignResource, CampaignStory
from core.adminsafety import SafeAdminMixin


class _LinkInline(SafeAdminMixin, admin.TabularInline):
    extra = 0
    readonly_fields = ["added_by", "added_at"]


class ActivityInline(_LinkInline):
    model = CampaignActivity
    raw_id_fields = ["activity"]


class StoryInline(_LinkInline):
    model = CampaignStory
    raw_id_fields = ["story"]


class ResourceInline(_LinkInline):
    model = CampaignResource
    raw_id_fields = ["resource"]


@admin.register(Campaign)
class CampaignAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "kind", "starts_on", "ends_on", "audience", "organisation"]
    list_filter = ["kind", "audience"]
    search_fields = ["title_en", "title_es", "title_fr", "slug", "hashtag"]
    readonly_fields = ["version", "created_by", "created_at", "updated_at"]
    raw_id_fields = ["organisation"]
    inlines = [ActivityInline, StoryInline, ResourceInline]

    def save_model(self, request, obj, form, change):
        # An edit here also makes an open edit page stale (409), as an edit in the portal does.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
