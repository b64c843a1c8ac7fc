"""iCalendar files: one activity, a person's feed, the public feed.

UID is the activity's own UUID, so an update replaces the event in people's calendars instead of
adding a second one; SEQUENCE is the activity's revision; a cancelled activity is sent as
STATUS:CANCELLED. Times carry the hosts' time zone (with its VTIMEZONE) when the reader may see
every host organisation, and UTC otherwise (a hidden organisation's zone says where it works);
every calendar shows them right wherever the reader is.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event

from activities.enums import ActivityFormat, ActivityStatus
from activities.models import Activity
from core.content import translated_text
from core.i18n import absolute_url_for
from core.validators import multi_line, single_line

PRODID = "-//Learning Lab//Learning Lab portal//EN"


def activity_url(activity: Activity, language: str) -> str:
    return absolute_url_for("activities:detail", language, pk=activity.pk)


def _event(activity: Activity, *, language: str, include_link: bool, zone_name) -> Event:
    zone = ZoneInfo(zone_name) if zone_name else datetime.UTC
    page = activity_url(activity, language)
    event = Event()
    event.add("uid", f"{activity.uid}@learninglab")
    event.add("sequence", activity.sequence)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", activity.updated_at)
    event.add("dtstart", activity.starts_at.astimezone(zone))
    event.add("dtend", activity.ends_at.astimezone(zone))
    # Older rows may hold a CR or other control characters, which icalendar refuses to write.
    event.add("summary", single_line(translated_text(activity, "title", language).text))
    description = multi_line(translated_text(activity, "description", language).text)
    lines = [description] if description else []
    if include_link and activity.online_link:
        lines.append(activity.online_link)
    lines.append(page)
    event.add("description", "\n\n".join(lines))
    event.add("url", page)
    location = []
    if activity.format != ActivityFormat.ONLINE and activity.place:
        location.append(single_line(activity.place))
    if activity.format != ActivityFormat.IN_PERSON and include_link and activity.online_link:
        location.append(activity.online_link)
    if location:
        event.add("location", " · ".join(location))
    event.add("status", "CANCELLED" if activity.status == ActivityStatus.CANCELLED else "CONFIRMED")
    return event


def calendar_for(activities, *, name: str, language: str, include_link, zone_of) -> bytes:
    """An iCalendar file of `activities`; `include_link(activity)` says whether the online
    meeting link may be written in, `zone_of(activity)` the hosts' time zone when the reader may
    see it, else None (see activities.selectors.hosts_zone_shown_to)."""

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", single_line(name))
    for activity in activities:
        calendar.add_component(
            _event(
                activity,
                language=language,
                include_link=include_link(activity),
                zone_name=zone_of(activity),
            )
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()
