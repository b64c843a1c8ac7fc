from accounts import permissions as account_permissions
from activities import permissions as activity_permissions
from partners import permissions as partner_permissions
from workinggroup import permissions as workinggroup_permissions


def navigation(request) -> dict:
    """What the base layout's menu needs on every page: booleans from each app's permissions."""
    user = getattr(request, "user", None)
    return {
        "can_invite": user is not None and account_permissions.can_invite(user),
        # A callable, so the permission lookup runs only where the menu asks (signed-in pages).
        "can_use_admin": lambda: user is not None and account_permissions.can_use_admin(user),
        "can_create_organisation": user is not None
        and partner_permissions.can_create_organisation(user),
        "can_create_activity": user is not None and activity_permissions.can_create_activity(user),
        "is_community_member": user is not None and partner_permissions.is_community_member(user),
        "can_moderate": user is not None and workinggroup_permissions.can_moderate(user),
    }
