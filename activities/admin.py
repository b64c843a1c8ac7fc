"""The admin never bypasses a service. An activity's status, times, capacity and the
registrations are read-only here; a change to the rest is saved by `update_activity`. Publishing
and marking completed are admin actions that call `services.change_status`; cancelling (which
needs a reason everyone registered reads) is done on the portal's page, linked from each
activity; registrations are made and cancelled on the portal, where the waiting list and the
reminders follow."""

from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from activities import permissions, services
from activities.enums import ActivityStatus
from activities.models import (
    Activity,
    ActivityLog,
    CalendarToken,
    Material,
    Registration,
    Suggestion,
    SupportRequest,
)
from core.adminsafety import SafeAdminMixin
from core.exceptions import ApplicationError

HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}
# Changed only through the services (the waiting list, calendars and reminders follow them).
WORKFLOW_FIELDS = [
    "status",
    "led_by",
    "starts_at",
    "ends_at",
    "timezone",
    "registration_deadline",
    "capacity",
    "cancellation_reason_en",
    "cancellation_reason_es",
    "cancellation_reason_fr",
]


class RegistrationInline(SafeAdminMixin, admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["user", "status", "interpretation_language", "requested_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class MaterialInline(SafeAdminMixin, admin.TabularInline):
    model = Material
    extra = 0
    formfield_overrides = HTTPS_URLS
    fields = ["kind", "title", "language", "link", "file"]


def _change_status(modeladmin, request, queryset, to: str, done) -> None:
    """`done(count)` says what was done, as a sentence with its plural."""
    changed = 0
    for activity in queryset:
        try:
            services.change_status(activity=activity, to=to, by=request.user)
        except ApplicationError as error:
            modeladmin.message_user(
                request,
                gettext("“%(activity)s” was not changed. %(reason)s")
                % {"activity": activity, "reason": error.message},
                messages.ERROR,
            )
        else:
            changed += 1
    if changed:
        modeladmin.message_user(request, done(changed), messages.SUCCESS)


@admin.action(description=_("Publish the selected drafts"))
def publish(modeladmin, request, queryset):
    _change_status(
        modeladmin,
        request,
        queryset,
        ActivityStatus.SCHEDULED,
        lambda count: (
            ngettext("%(count)s activity published.", "%(count)s activities published.", count)
            % {"count": count}
        ),
    )


@admin.action(description=_("Mark the selected finished activities completed"))
def mark_completed(modeladmin, request, queryset):
    _change_status(
        modeladmin,
        request,
        queryset,
        ActivityStatus.COMPLETED,
        lambda count: (
            ngettext(
                "%(count)s activity marked completed.",
                "%(count)s activities marked completed.",
                count,
            )
            % {"count": count}
        ),
    )


@admin.register(Activity)
class ActivityAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    list_display = [
        "title",
        "type",
        "status",
        "led_by",
        "audience",
        "starts_at",
        "timezone",
        "capacity",
    ]
    list_filter = ["status", "led_by", "type", "audience", "format"]
    search_fields = ["title_en", "title_es", "title_fr"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["host_organisations", "focus_areas"]
    autocomplete_fields = ["host_people"]
    formfield_overrides = HTTPS_URLS
    inlines = [MaterialInline, RegistrationInline]
    actions = [publish, mark_completed]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["portal_page", "uid", "sequence", "created_by", "created_at", "updated_at"]
        # A new activity starts as a draft with the times typed here; once it exists, they
        # change on the portal's edit page (update_activity), which tells the people registered.
        return ["status", *fixed] if obj is None else [*WORKFLOW_FIELDS, *fixed]

    def save_model(self, request, obj, form, change):
        """A new activity is a draft nobody has heard of yet: saved as is. A change goes through
        `update_activity`, like the portal's edit page: checked, calendars updated (SEQUENCE),
        the people registered told of a new place or link. A refusal answers the refusal page
        (RefusalMiddleware) and the admin's transaction saves nothing."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        services.update_activity(
            activity=obj,
            by=request.user,
            # The form has set the fields it shows; the read-only ones hold the stored values.
            data={name: getattr(obj, name) for name in services.EDITABLE_FIELDS},
            host_organisations=form.cleaned_data["host_organisations"],
            host_people=form.cleaned_data["host_people"],
            focus_areas=form.cleaned_data["focus_areas"],
        )

    @admin.display(description=_("On the portal"))
    def portal_page(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        links = [(reverse("activities:detail", args=[obj.pk]), gettext("The activity's page"))]
        links.append((reverse("activities:edit", args=[obj.pk]), gettext("Change its times")))
        if permissions.is_cancellable(obj):
            links.append(
                (reverse("activities:cancel", args=[obj.pk]), gettext("Cancel the activity"))
            )
        return format_html_join(" · ", '<a href="{}">{}</a>', links)


@admin.register(Registration)
class RegistrationAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Read-only: a place is taken and given up on the portal, where the waiting list moves."""

    list_display = ["user", "activity", "status", "interpretation_language", "requested_at"]
    list_filter = ["status", "interpretation_language"]
    search_fields = ["user__email", "user__display_name", "activity__title_en"]
    fields = [
        "user",
        "activity",
        "status",
        "interpretation_language",
        "accessibility_needs",
        "question",
        "requested_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(CalendarToken)
class CalendarTokenAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Only who has a feed and since when: the secret itself is never stored."""

    list_display = ["user", "created_at"]
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request):
        return False


class _ReadOnlyAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Support requests, suggestions and the activity log change only on the portal, through
    the services (the hosts are told; the log is append-only in the database)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SupportRequest)
class SupportRequestAdmin(_ReadOnlyAdmin):
    list_display = ["activity", "kind", "state", "requested_at", "decided_at"]
    list_filter = ["state", "kind"]
    search_fields = ["activity__title_en", "activity__title_es", "activity__title_fr"]


@admin.register(Suggestion)
class SuggestionAdmin(_ReadOnlyAdmin):
    list_display = ["activity", "state", "created_at", "answered_at"]
    list_filter = ["state"]


@admin.register(ActivityLog)
class ActivityLogAdmin(_ReadOnlyAdmin):
    list_display = ["activity", "action", "actor", "at"]
    list_filter = ["action"]
