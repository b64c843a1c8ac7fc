"""The admin shows who asked whom, on what and when, never what they wrote: a request's message
and a decline note are the two people's alone. Workflow fields are read-only (the services
move them)."""

from django.contrib import admin

from mentoring.models import MentoringRequest, MentoringSession


class SessionInline(admin.TabularInline):
    model = MentoringSession
    fields = ["activity", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(MentoringRequest)
class MentoringRequestAdmin(admin.ModelAdmin):
    list_display = ["pk", "state", "theme", "skill", "requested_at", "answered_at", "ended_at"]
    list_filter = ["state"]
    fields = [
        "requester",
        "peer",
        "theme",
        "skill",
        "language",
        "interpretation_ok",
        "state",
        "requested_at",
        "answered_at",
        "ended_at",
        "ended_by",
    ]
    readonly_fields = fields
    inlines = [SessionInline]

    def has_add_permission(self, request) -> bool:
        return False
