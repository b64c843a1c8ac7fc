from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.enums import RegistrationStatus
from activities.selectors import hosts_zone_for, my_registration_statuses
from core.content_cache import personal_value, slot_filler
from core.dates import period_text
from core.timezones import get_zone, zone_label

register = template.Library()


@register.simple_tag
def places_left(activity) -> str:
    """ "12 places left" / "Full: waiting list open"; needs `confirmed_count` (see selectors)."""
    if activity.capacity is None:
        return ""
    left = activity.capacity - getattr(activity, "confirmed_count", 0)
    if left <= 0:
        return _("Full: you can join the waiting list")
    return ngettext("%(count)s place left", "%(count)s places left", left) % {"count": left}


@register.simple_tag(takes_context=True)
def host_local_time(context, activity) -> str:
    """The activity in the hosts' own time zone: "lundi 6 mai 2031, 16:00 – 18:00 for the hosts
    (heure de Dakar)", when the viewer may see every host (see
    activities.selectors.hosts_zone_for); else nothing."""
    request = context.get("request")
    zone = hosts_zone_for(activity=activity, user=getattr(request, "user", None))
    if zone is None or get_zone(zone) is None:
        return ""
    if _same_clock(activity, get_zone(zone), timezone.get_current_timezone()):
        return ""  # the viewer's own times are the hosts' already: saying it twice is noise
    return _("%(time)s for the hosts (%(zone)s)") % {
        "time": period_text(activity.starts_at, activity.ends_at, get_zone(zone)),
        "zone": zone_label(zone),
    }


def _same_clock(activity, first, second) -> bool:
    return all(
        moment.astimezone(first).replace(tzinfo=None)
        == moment.astimezone(second).replace(tzinfo=None)
        for moment in (activity.starts_at, activity.ends_at)
    )


@register.simple_tag
def registration_badge(activity) -> str:
    """On a list card: the places left, in a slot that shows the viewer's own status instead
    when they registered (filled per person by `my_registration_badges`: cards are shared)."""
    places = ""
    if activity.capacity is not None and not activity.is_past:
        places = format_html('<p class="small mb-0">{}</p>', places_left(activity))
    return format_html("<!--slot:reg:{}-->{}<!--/slot-->", activity.pk, places)


@slot_filler("reg")
def my_registration_badges(request, ids) -> dict[int, str]:
    """The person's own status on the cards `ids` where they hold a place or wait for one."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Kept under the person's own version, which each of their registrations bumps (and the
    # activities' version, so a database restored from a backup is read again).
    statuses = personal_value(
        request, "my-registration-statuses", lambda: my_registration_statuses(user=user)
    )
    return {
        pk: format_html(
            '<p class="mb-0"><span class="badge text-bg-success">{}</span></p>',
            RegistrationStatus(statuses[pk]).label,
        )
        for pk in ids
        if pk in statuses
    }
