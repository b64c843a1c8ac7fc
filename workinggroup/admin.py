from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.adminsafety import SafeAdminMixin
from workinggroup.models import (
    AgendaEntry,
    Comment,
    DecisionRound,
    Item,
    Meeting,
    ModerationLog,
    Position,
)


@admin.register(Item)
class ItemAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    """Content can be corrected here; the state only moves through the portal's moderation
    actions, so every change is logged."""

    list_display = ["title", "kind", "state", "organisation", "proposer", "submitted_at"]
    list_filter = ["kind", "state", "original_language"]
    search_fields = ["title_en", "title_es", "title_fr", "organisation__name"]
    readonly_fields = [
        "state",
        "version",
        "activity",
        "merged_into",
        "submitted_at",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["proposer"]
    filter_horizontal = ["proposed_hosts"]


class AgendaEntryInline(SafeAdminMixin, TranslationTabularInline):
    model = AgendaEntry
    extra = 0
    fields = ["position", "item", "title", "discussed", "decision", "outcome_notes"]
    autocomplete_fields = ["item"]


@admin.register(Meeting)
class MeetingAdmin(SafeAdminMixin, admin.ModelAdmin):
    """The agenda is published only through the portal (`services.publish_meeting`), which
    also tells the Working Group: its state and publication time are read-only here."""

    list_display = ["starts_at", "timezone", "state", "decision_method", "published_at"]
    list_filter = ["state"]
    readonly_fields = ["state", "published_at"]
    inlines = [AgendaEntryInline]


@admin.register(Comment)
class CommentAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["author", "item", "meeting", "created_at"]
    search_fields = ["body"]


@admin.register(ModerationLog)
class ModerationLogAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Read-only: the log is append-only (the database refuses changes too)."""

    list_display = ["created_at", "actor", "item", "action", "from_state", "to_state"]
    list_filter = ["action"]
    search_fields = [
        "item__title_en",
        "item__title_es",
        "item__title_fr",
        "message_en",
        "message_es",
        "message_fr",
    ]
    # Each language's version of the message; the original column only holds what was
    # written before there were versions (migration 0004 copied it into one of them).
    exclude = ["message"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PositionInline(SafeAdminMixin, admin.TabularInline):
    model = Position
    extra = 0
    fields = ["member", "stance", "reason", "recorded_by", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DecisionRound)
class DecisionRoundAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Read-only: a decision opens, takes positions, closes and is cancelled only through the
    portal (workinggroup.decisions), which moves the item and logs every step."""

    list_display = ["item", "method", "opened_at", "closes_at", "closed_at", "outcome"]
    list_filter = ["method", "outcome"]
    search_fields = ["item__title_en", "item__title_es", "item__title_fr"]
    inlines = [PositionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
