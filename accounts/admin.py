from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, User
from core.adminsafety import SafeAdminMixin


@admin.register(User)
class UserAdmin(SafeAdminMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "language", "timezone", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "is_working_group_member", "language"]
    search_fields = ["email", "display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {"fields": ("display_name", "language", "timezone", "is_working_group_member")},
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name", "language", "password1", "password2"),
            },
        ),
    )


@admin.register(Invitation)
class InvitationAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Read-only here: invitations are sent from the portal's invite page, which emails the link."""

    list_display = [
        "email",
        "language",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
    ]
    list_filter = ["language"]
    search_fields = ["email"]
    readonly_fields = [
        "email",
        "language",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
