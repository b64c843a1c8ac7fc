"""Who may see and do what with activities: the one place these rules live."""

from accounts.models import User
from accounts.permissions import is_staff
from activities.enums import ActivityStatus, Audience, RegistrationStatus
from activities.models import Activity
from partners.enums import MembershipRole
from partners.models import Membership
from partners.permissions import is_community_member

LISTED_STATUSES = (ActivityStatus.SCHEDULED, ActivityStatus.CANCELLED, ActivityStatus.COMPLETED)


def is_host(user: User, activity: Activity) -> bool:
    """A host person of the activity, or a lead of one of its host organisations."""
    if not user.is_authenticated:
        return False
    cache = getattr(activity, "_host_cache", None)
    if cache is None:
        cache = activity._host_cache = {}
    if user.pk not in cache:
        cache[user.pk] = (
            activity.host_people.filter(pk=user.pk).exists()
            or Membership.objects.filter(
                user=user,
                role=MembershipRole.LEAD,
                organisation__in=activity.host_organisations.all(),
            ).exists()
        )
    return cache[user.pk]


def can_view_activity(user: User, activity: Activity) -> bool:
    if is_staff(user):
        return True
    if activity.status not in LISTED_STATUSES:
        return is_host(user, activity)
    if activity.audience == Audience.PUBLIC:
        return True
    return is_community_member(user) or is_host(user, activity)


def can_manage_activity(user: User, activity: Activity) -> bool:
    """Edit, cancel, see the attendees, add materials: hosts and staff."""
    return is_staff(user) or is_host(user, activity)


def can_create_activity(user: User) -> bool:
    return is_staff(user)


def can_see_online_link(user: User, activity: Activity, registration=None) -> bool:
    if can_manage_activity(user, activity):
        return True
    return registration is not None and registration.status == RegistrationStatus.CONFIRMED


def can_see_participants(user: User, activity: Activity) -> bool:
    """Who is coming, and the materials: the community only, never the public."""
    return can_view_activity(user, activity) and (
        is_community_member(user) or can_manage_activity(user, activity)
    )
