from zoneinfo import ZoneInfo

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.enums import RegistrationStatus
from activities.selectors import hosts_zone_for

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
    """The start in the hosts' own time zone: "16:00 in Africa/Dakar", when the viewer may
    see every host (see activities.selectors.hosts_zone_for); else nothing."""
    request = context.get("request")
    zone = hosts_zone_for(activity=activity, user=getattr(request, "user", None))
    if zone is None:
        return ""
    local = activity.starts_at.astimezone(ZoneInfo(zone))
    return _("%(time)s for the hosts (%(zone)s)") % {
        "time": formats.date_format(local, "DATETIME_FORMAT"),
        "zone": zone.replace("_", " "),
    }


@register.simple_tag
def registration_badge(activity) -> str:
    """On a list card: the viewer's own status if they registered, else the places left."""
    mine = (getattr(activity, "my_registrations", None) or [None])[0]
    if mine is not None and mine.status != RegistrationStatus.CANCELLED:
        return format_html(
            '<p class="mb-0"><span class="badge text-bg-success">{}</span></p>',
            mine.get_status_display(),
        )
    if activity.capacity is not None and not activity.is_past:
        return format_html('<p class="small mb-0">{}</p>', places_left(activity))
    return ""
