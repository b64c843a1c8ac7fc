from django.contrib import admin

from core.adminsafety import SafeAdminMixin
from notifications.models import Delivery, NotificationSettings


@admin.register(Delivery)
class DeliveryAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["key", "kind", "user", "due_at", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["key", "user__email"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["user", "disabled", "reminder_offsets"]
    search_fields = ["user__email"]
