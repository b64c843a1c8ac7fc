from django.conf import settings
from django.utils.translation import get_language_info

from accounts import permissions as account_permissions
from activities import permissions as activity_permissions
from partners import permissions as partner_permissions
from workinggroup import permissions as workinggroup_permissions


def portal(request) -> dict:
    """What the base layout needs on every page: the language switcher and the staff menu."""
    user = getattr(request, "user", None)
    return {
        "language_choices": [
            (code, get_language_info(code)["name_local"].capitalize())
            for code, _name in settings.LANGUAGES
        ],
        "can_invite": user is not None and account_permissions.can_invite(user),
        "can_use_admin": user is not None and account_permissions.can_use_admin(user),
        "open_signup": settings.OPEN_SIGNUP,
        "can_create_organisation": user is not None
        and partner_permissions.can_create_organisation(user),
        "can_create_activity": user is not None and activity_permissions.can_create_activity(user),
        "is_community_member": user is not None and partner_permissions.is_community_member(user),
        "can_moderate": user is not None and workinggroup_permissions.can_moderate(user),
    }
