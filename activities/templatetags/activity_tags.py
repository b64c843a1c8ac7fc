from zoneinfo import ZoneInfo

from django import template
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


@register.simple_tag
def host_local_time(activity) -> str:
    """The start in the hosts' own time zone: "16:00 in Africa/Dakar"."""
    local = activity.starts_at.astimezone(ZoneInfo(activity.timezone))
    return _("%(time)s for the hosts (%(zone)s)") % {
        "time": formats.date_format(local, "DATETIME_FORMAT"),
        "zone": activity.timezone.replace("_", " "),
    }
