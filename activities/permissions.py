"""Who may see and do what with activities: the one place these rules live.

Each rule is an `ensure_...` that raises the refusal, its message written once here, used by the
view (to refuse a page) and by the service (to refuse the write) alike; the `can_...` of the same
name answers True or False for a template, which never compares statuses itself.
"""

from collections.abc import Callable

from django.db.models import Exists, OuterRef
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.permissions import is_staff
from activities.enums import ActivityStatus, Audience, RegistrationStatus
from activities.exceptions import ActivityError
from activities.models import Activity, Registration
from core.exceptions import ApplicationError, NotAllowed
from partners.enums import MembershipRole
from partners.models import Membership
from partners.permissions import is_community_member


def _allowed(ensure: Callable, *args) -> bool:
    try:
        ensure(*args)
    except ApplicationError:
        return False
    return True


# --- seeing


def is_host(user: User, activity: Activity) -> bool:
    """A host person of the activity, or a lead of one of its host organisations."""
    if not user.is_authenticated:
        return False
    cache = getattr(activity, "_host_cache", None)
    if cache is None:
        cache = activity._host_cache = {}
    known = getattr(activity, "host_ids", None)
    leads = getattr(user, "lead_organisation_ids", None)
    if known is not None and leads is not None:
        # Both sides already read (the activity page keeps them): no query.
        people, organisations = known
        return user.pk in people or bool(leads & organisations)
    if user.pk not in cache:
        # One query for both ways of hosting.
        host_person = Activity.host_people.through.objects.filter(
            activity=OuterRef("pk"), user=user
        )
        lead = Membership.objects.filter(
            user=user, role=MembershipRole.LEAD, organisation__hosted_activities=OuterRef("pk")
        )
        cache[user.pk] = (
            Activity.objects.filter(pk=activity.pk)
            .filter(Exists(host_person) | Exists(lead))
            .exists()
        )
    return cache[user.pk]


def can_view_activity(user: User, activity: Activity) -> bool:
    """The rule `selectors.activities_visible_to` applies to a query, for one activity."""
    if is_staff(user):
        return True
    if activity.status not in ActivityStatus.LISTED:
        return is_host(user, activity)
    if activity.audience == Audience.PUBLIC:
        return True
    return is_community_member(user) or is_host(user, activity)


def can_manage_activity(user: User, activity: Activity) -> bool:
    """Edit, cancel, see the attendees, add materials: hosts and staff."""
    return is_staff(user) or is_host(user, activity)


def ensure_can_manage_activity(user: User, activity: Activity) -> None:
    """The pages for hosts (attendees and their needs)."""
    if not can_manage_activity(user, activity):
        raise NotAllowed(_("Only the hosts and the Learning Lab team can do this."))


def can_see_online_link(user: User, activity: Activity, registration=None) -> bool:
    if can_manage_activity(user, activity):
        return True
    return registration is not None and registration.status == RegistrationStatus.CONFIRMED


def can_see_participants(user: User, activity: Activity) -> bool:
    """Who is coming, and the materials: the community only, never the public."""
    return can_view_activity(user, activity) and (
        is_community_member(user) or can_manage_activity(user, activity)
    )


# --- registering


def ensure_open_for_registration(activity: Activity) -> None:
    """Scheduled, not started, and its registration deadline (if any) not passed."""
    now = timezone.now()
    if activity.status == ActivityStatus.CANCELLED:
        raise ActivityError(_("This activity has been cancelled."), status_code=409)
    if activity.status != ActivityStatus.SCHEDULED or activity.starts_at <= now:
        raise ActivityError(
            _("Registration is closed: this activity is not open for registration."),
            status_code=409,
        )
    if activity.registration_deadline and activity.registration_deadline < now:
        raise ActivityError(
            _("Registration closed on %(date)s.")
            % {
                "date": formats.date_format(
                    timezone.localtime(activity.registration_deadline), "DATETIME_FORMAT"
                )
            },
            status_code=409,
        )


def is_open_for_registration(activity: Activity) -> bool:
    return _allowed(ensure_open_for_registration, activity)


def ensure_can_register(user: User, activity: Activity) -> None:
    """Who may ask for a place: a signed-in person who may see the activity, while it is open.
    (Whether they already hold one is the service's to say, with the row locked.)"""
    if not user.is_authenticated or not can_view_activity(user, activity):
        raise NotAllowed(_("You cannot register for this activity."))
    ensure_open_for_registration(activity)


def can_register(user: User, activity: Activity) -> bool:
    return _allowed(ensure_can_register, user, activity)


def ensure_can_cancel_registration(
    user: User, registration: Registration | None, activity: Activity
) -> None:
    """The person themselves, or a host, while the activity is still to come."""
    if registration is None:
        raise ActivityError(_("You are not registered for this activity."), status_code=409)
    if registration.user_id != user.pk and not can_manage_activity(user, activity):
        raise NotAllowed(_("This is not your registration."))
    if registration.status == RegistrationStatus.CANCELLED:
        raise ActivityError(_("This registration is already cancelled."), status_code=409)
    if activity.status == ActivityStatus.CANCELLED:
        raise ActivityError(_("This activity has been cancelled."), status_code=409)
    if activity.is_past:
        raise ActivityError(_("This activity is over."), status_code=409)


def can_cancel_registration(
    user: User, registration: Registration | None, activity: Activity
) -> bool:
    return _allowed(ensure_can_cancel_registration, user, registration, activity)


# --- changing an activity


def ensure_can_create_activity(user: User) -> None:
    if not is_staff(user):
        raise NotAllowed(_("Only the Learning Lab team can add activities."))


def can_create_activity(user: User) -> bool:
    return _allowed(ensure_can_create_activity, user)


def ensure_can_edit(user: User, activity: Activity) -> None:
    if not can_manage_activity(user, activity):
        raise NotAllowed(_("Only the hosts can change this activity."))


def can_edit(user: User, activity: Activity) -> bool:
    return _allowed(ensure_can_edit, user, activity)


def ensure_can_add_material(user: User, activity: Activity) -> None:
    if not can_manage_activity(user, activity):
        raise NotAllowed(_("Only the hosts can add materials."))


# Why a move the table (ActivityStatus.NEXT) does not allow is refused, by the status aimed at.
STATUS_REFUSED = {
    ActivityStatus.DRAFT: gettext_lazy("An activity cannot become a draft again."),
    ActivityStatus.SCHEDULED: gettext_lazy("Only a draft can be published."),
    ActivityStatus.CANCELLED: gettext_lazy("Only a scheduled activity can be cancelled."),
    ActivityStatus.COMPLETED: gettext_lazy("Only a scheduled activity can be marked completed."),
}


def ensure_status_may_become(activity: Activity, to: str) -> None:
    """409 unless ActivityStatus.NEXT allows the move from the activity's status to `to`."""
    if to not in ActivityStatus.NEXT[activity.status]:
        raise ActivityError(str(STATUS_REFUSED[to]), status_code=409)


def ensure_can_publish(user: User | None, activity: Activity) -> None:
    """Staff publish a draft (a Working Group approval is a staff decision too)."""
    if user is None or not is_staff(user):
        raise NotAllowed(_("Only the Learning Lab team can publish activities."))
    ensure_status_may_become(activity, ActivityStatus.SCHEDULED)


def can_publish(user: User, activity: Activity) -> bool:
    return _allowed(ensure_can_publish, user, activity)


def ensure_cancellable(activity: Activity) -> None:
    """Scheduled and not over yet (whoever asks)."""
    ensure_status_may_become(activity, ActivityStatus.CANCELLED)
    if activity.is_past:
        raise ActivityError(_("This activity is over."), status_code=409)


def is_cancellable(activity: Activity) -> bool:
    return _allowed(ensure_cancellable, activity)


def ensure_can_cancel_activity(user: User | None, activity: Activity) -> None:
    if user is None or not can_manage_activity(user, activity):
        raise NotAllowed(_("Only the hosts can cancel this activity."))
    ensure_cancellable(activity)


def can_cancel_activity(user: User, activity: Activity) -> bool:
    return _allowed(ensure_can_cancel_activity, user, activity)


def ensure_can_complete(user: User | None, activity: Activity) -> None:
    """The nightly task (`user` None) or staff, once the activity has ended."""
    if user is not None and not is_staff(user):
        raise NotAllowed(_("Only the Learning Lab team can mark an activity completed."))
    ensure_status_may_become(activity, ActivityStatus.COMPLETED)
    if not activity.is_past:
        raise ActivityError(_("This activity has not ended yet."), status_code=409)


def ensure_can_change_status(user: User | None, activity: Activity, to: str) -> None:
    """The rule of each move (see activities.services.change_status)."""
    if to == ActivityStatus.SCHEDULED:
        ensure_can_publish(user, activity)
    elif to == ActivityStatus.CANCELLED:
        ensure_can_cancel_activity(user, activity)
    elif to == ActivityStatus.COMPLETED:
        ensure_can_complete(user, activity)
    else:
        ensure_status_may_become(activity, to)
