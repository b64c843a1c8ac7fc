"""Who may see and do what with activities: the one place these rules live.

Each rule is an `ensure_...` that raises the refusal, its message written once here, used by the
view (to refuse a page) and by the service (to refuse the write) alike; the `can_...` of the same
name answers True or False for a template, which never compares statuses itself.

Partner-led activities (`Activity.led_by`): the hosts decide. Any member of a partner
organisation may start one (a draft hosted by their organisation, themselves a host person);
its hosts edit it, publish it, cancel it and add its materials. The team supports: it sees it
(and its attendees' needs, to plan interpretation and rooms), answers the hosts' support
requests and writes suggestions the hosts accept or dismiss, and may hold it back only when it
breaks the community's rules, with a reason the hosts read (and release it the same way). The
team changes nothing else of a partner-led activity's content unless a team member is one of
its hosts. Team-led activities: the team publishes and edits, as before.
"""

from collections.abc import Callable

from django.db.models import Exists, OuterRef
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.permissions import is_staff
from activities.enums import ActivityStatus, Audience, LedBy, RegistrationStatus
from activities.exceptions import ActivityError
from activities.models import Activity, Registration, Suggestion, SupportRequest
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
    if activity.audience == Audience.PRIVATE:
        return is_invited(user, activity) or is_host(user, activity)
    return is_community_member(user) or is_host(user, activity)


def is_invited(user: User, activity: Activity) -> bool:
    """Registered for the activity (whatever the status): who sees a private one."""
    if not user.is_authenticated:
        return False
    mine = getattr(activity, "my_registrations", None)
    if mine is not None:
        return bool(mine)
    return Registration.objects.filter(activity=activity, user=user).exists()


def can_manage_activity(user: User, activity: Activity) -> bool:
    """See the attendees and their needs, the meeting link, the hosts' links: hosts and staff.
    (What changes the content is `can_change_content`.)"""
    return is_staff(user) or is_host(user, activity)


def can_change_content(user: User, activity: Activity) -> bool:
    """Edit, cancel, add materials: the hosts, and for a team-led activity the team too. A
    partner-led activity's content is its hosts' alone."""
    if activity.led_by == LedBy.PARTNERS:
        return is_host(user, activity)
    return can_manage_activity(user, activity)


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


def own_organisation_ids(user: User) -> set[int]:
    """The organisations `user` belongs to (as lead or member): those they may host for."""
    if not (user.is_authenticated and user.is_active):
        return set()
    return set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))


def ensure_can_create_activity(user: User) -> None:
    """The team (any activity), or a member of a partner organisation (a partner-led one)."""
    # is_community_member: staff, or someone with a membership (remembered per request).
    if not is_community_member(user):
        raise NotAllowed(
            _(
                "Only members of a partner organisation and the Learning Lab team can add "
                "activities."
            )
        )


def can_create_activity(user: User) -> bool:
    return _allowed(ensure_can_create_activity, user)


def starts_partner_led(user: User) -> bool:
    """A partner (not the team) whose new activities are partner-led: "Host an activity"."""
    return can_create_activity(user) and not is_staff(user)


def ensure_can_create_as(user: User, led_by: str, host_organisations, host_people) -> None:
    """A partner starts a partner-led activity only, hosted by (at least) one of their own
    organisations, with themselves among the host people. The team starts either kind."""
    ensure_can_create_activity(user)
    if is_staff(user):
        return
    if led_by != LedBy.PARTNERS:
        raise NotAllowed(_("Only the Learning Lab team can add activities it leads."))
    if not own_organisation_ids(user) & {organisation.pk for organisation in host_organisations}:
        raise ActivityError(_("Host the activity with at least one organisation you belong to."))
    if user.pk not in {person.pk for person in host_people}:
        raise ActivityError(_("You host the activity you start: keep yourself among its hosts."))


def ensure_can_edit(user: User, activity: Activity) -> None:
    if not can_change_content(user, activity):
        raise NotAllowed(_("Only the hosts can change this activity."))


def can_edit(user: User, activity: Activity) -> bool:
    return _allowed(ensure_can_edit, user, activity)


def can_add_material(user: User, activity: Activity) -> bool:
    return can_change_content(user, activity)


def ensure_can_add_material(user: User, activity: Activity) -> None:
    if not can_change_content(user, activity):
        raise NotAllowed(_("Only the hosts can add materials."))


# Why a move the table (ActivityStatus.NEXT) does not allow is refused, by the status aimed at.
STATUS_REFUSED = {
    ActivityStatus.DRAFT: gettext_lazy("An activity cannot become a draft again."),
    ActivityStatus.SCHEDULED: gettext_lazy("Only a draft can be published."),
    ActivityStatus.CANCELLED: gettext_lazy("Only a scheduled activity can be cancelled."),
    ActivityStatus.COMPLETED: gettext_lazy("Only a scheduled activity can be marked completed."),
    ActivityStatus.HELD_BACK: gettext_lazy(
        "Only a draft or a scheduled activity can be held back."
    ),
}


def ensure_status_may_become(activity: Activity, to: str) -> None:
    """409 unless ActivityStatus.NEXT allows the move from the activity's status to `to`."""
    if to not in ActivityStatus.NEXT[activity.status]:
        raise ActivityError(str(STATUS_REFUSED[to]), status_code=409)


def ensure_can_publish(user: User | None, activity: Activity) -> None:
    """A partner-led draft is published by its hosts (the team may not publish it for them);
    a team-led one by the team (a Working Group approval is a team decision too)."""
    if activity.led_by == LedBy.PARTNERS:
        if user is None or not is_host(user, activity):
            raise NotAllowed(_("Only its hosts publish a partner-led activity."))
    elif user is None or not is_staff(user):
        raise NotAllowed(_("Only the Learning Lab team can publish activities."))
    if activity.status == ActivityStatus.HELD_BACK:
        raise ActivityError(
            _("This activity is held back: only the Learning Lab team can release it."),
            status_code=409,
        )
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
    """The hosts; for a private activity (a mentoring session), the people invited too."""
    invited = user is not None and activity.is_private and is_invited(user, activity)
    if user is None or not (invited or can_change_content(user, activity)):
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


def ensure_can_hold_back(user: User | None, activity: Activity) -> None:
    """The team holds back a draft or a scheduled activity that breaks the community's rules
    (abuse, safety); the reason is required (the service refuses an empty one)."""
    if user is None or not is_staff(user):
        raise NotAllowed(_("Only the Learning Lab team can hold back an activity."))
    ensure_status_may_become(activity, ActivityStatus.HELD_BACK)


def can_hold_back(user: User, activity: Activity) -> bool:
    return _allowed(ensure_can_hold_back, user, activity)


def ensure_can_release(user: User | None, activity: Activity, to: str | None = None) -> None:
    """The team releases a held-back activity, to the status it was held back from."""
    if user is None or not is_staff(user):
        raise NotAllowed(_("Only the Learning Lab team can release an activity it held back."))
    if activity.status != ActivityStatus.HELD_BACK:
        raise ActivityError(_("This activity is not held back."), status_code=409)
    if to is not None and to != activity.held_back_from:
        raise ActivityError(
            _("A held-back activity goes back to what it was before."), status_code=409
        )


def can_release(user: User, activity: Activity) -> bool:
    return _allowed(ensure_can_release, user, activity)


def ensure_can_change_status(user: User | None, activity: Activity, to: str) -> None:
    """The rule of each move (see activities.services.change_status)."""
    if activity.status == ActivityStatus.HELD_BACK:
        ensure_status_may_become(activity, to)
        ensure_can_release(user, activity, to)
    elif to == ActivityStatus.HELD_BACK:
        ensure_can_hold_back(user, activity)
    elif to == ActivityStatus.SCHEDULED:
        ensure_can_publish(user, activity)
    elif to == ActivityStatus.CANCELLED:
        ensure_can_cancel_activity(user, activity)
    elif to == ActivityStatus.COMPLETED:
        ensure_can_complete(user, activity)
    else:
        ensure_status_may_become(activity, to)


# --- support and suggestions


def can_see_support(user: User, activity: Activity) -> bool:
    """The support requests, suggestions and log of an activity: its hosts and the team."""
    return can_manage_activity(user, activity)


def ensure_can_see_support(user: User, activity: Activity) -> None:
    if not can_see_support(user, activity):
        raise NotAllowed(_("Only the hosts and the Learning Lab team can see this."))


def _ensure_still_to_support(activity: Activity) -> None:
    """Cancelled or completed activities need no more support or suggestions."""
    if activity.status in (ActivityStatus.CANCELLED, ActivityStatus.COMPLETED):
        raise ActivityError(
            _("This activity is over or cancelled: it needs no more support."), status_code=409
        )


def ensure_can_request_support(user: User | None, activity: Activity) -> None:
    """Hosts ask the team for logistics (any activity they host, whoever leads it)."""
    if user is None or not is_host(user, activity):
        raise NotAllowed(_("Only the hosts can ask the Learning Lab for support."))
    _ensure_still_to_support(activity)


def can_request_support(user: User, activity: Activity) -> bool:
    return _allowed(ensure_can_request_support, user, activity)


def ensure_can_answer_support(user: User | None, support: SupportRequest) -> None:
    """The team confirms or declines a request once."""
    if user is None or not is_staff(user):
        raise NotAllowed(_("Only the Learning Lab team answers support requests."))
    if not support.is_open:
        raise ActivityError(_("This request has already been answered."), status_code=409)


def can_answer_support(user: User, support: SupportRequest) -> bool:
    return _allowed(ensure_can_answer_support, user, support)


def ensure_can_suggest(user: User | None, activity: Activity) -> None:
    """The team writes suggestions to the hosts."""
    if user is None or not is_staff(user):
        raise NotAllowed(_("Only the Learning Lab team writes suggestions to the hosts."))
    _ensure_still_to_support(activity)


def can_suggest(user: User, activity: Activity) -> bool:
    return _allowed(ensure_can_suggest, user, activity)


def ensure_can_answer_suggestion(user: User | None, suggestion: Suggestion) -> None:
    """The hosts accept or dismiss a suggestion once."""
    if user is None or not is_host(user, suggestion.activity):
        raise NotAllowed(_("Only the hosts accept or dismiss suggestions."))
    if not suggestion.is_open:
        raise ActivityError(_("This suggestion has already been answered."), status_code=409)


def can_answer_suggestion(user: User, suggestion: Suggestion) -> bool:
    return _allowed(ensure_can_answer_suggestion, user, suggestion)


def ensure_can_see_open_requests(user: User) -> None:
    if not is_staff(user):
        raise NotAllowed(_("Only the Learning Lab team can see this."))


def can_see_open_requests(user: User) -> bool:
    return _allowed(ensure_can_see_open_requests, user)
