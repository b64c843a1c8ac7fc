"""iCalendar files: one activity, a person's feed, the public feed.

UID is the activity's own UUID, so an update replaces the event in people's calendars instead of
adding a second one; SEQUENCE is the activity's revision; a cancelled activity is sent as
STATUS:CANCELLED. Times carry the hosts' time zone (with its VTIMEZONE) when the reader may see
every host organisation, and UTC otherwise (a hidden organisation's zone says where it works);
every calendar shows them right wherever the reader is.

METHOD says what the file is for (RFC 5546, iTIP), as mail and calendar programs read it:
PUBLISH for what is downloaded or subscribed to (the .ics link, the personal and public feeds),
REQUEST for an email's invitation or update (reminders, changes, a place available), CANCEL for an
email saying the activity is cancelled. REQUEST and CANCEL name an ORGANIZER, as iTIP requires:
the portal's own sending address (DEFAULT_FROM_EMAIL), never a host's, so no hidden
organisation's address is written into anyone's calendar. An emailed file also names its
recipient as the one ATTENDEE (iTIP asks for one in a REQUEST), already accepted (they registered)
and with RSVP=FALSE: nobody is asked to answer a sending address that reads no mail.
"""

import datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from activities.enums import ActivityFormat, ActivityStatus
from activities.models import Activity
from core.content import translated_text
from core.i18n import absolute_url_for
from core.validators import multi_line, single_line

PRODID = "-//Learning Lab//Learning Lab portal//EN"

PUBLISH = "PUBLISH"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
METHODS = frozenset({PUBLISH, REQUEST, CANCEL})


def mime_type(method: str) -> str:
    """The Content-Type of a calendar file sent with `method` (mail programs read the method
    from the attachment's type as well as from the file)."""
    return f"text/calendar; method={method}; charset=utf-8"


def _organizer() -> vCalAddress:
    """The portal itself, from its sending address: "Learning Lab <noreply@...>"."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    if name:
        organizer.params["cn"] = single_line(name)
    return organizer


def with_attendee(ics: bytes, user) -> bytes:
    """`ics` (one emailed activity) with `user` as its ATTENDEE: the recipient, who registered."""
    calendar = Calendar.from_ical(ics)
    attendee = vCalAddress(f"mailto:{user.email}")
    if user.display_name:
        attendee.params["cn"] = single_line(user.display_name)
    attendee.params["role"] = "REQ-PARTICIPANT"
    attendee.params["partstat"] = "ACCEPTED"
    attendee.params["rsvp"] = "FALSE"
    for event in calendar.walk("VEVENT"):
        event.add("attendee", attendee)
    return calendar.to_ical()


def activity_url(activity: Activity, language: str) -> str:
    return absolute_url_for("activities:detail", language, pk=activity.pk)


def _event(
    activity: Activity, *, language: str, include_link: bool, zone_name, method: str
) -> Event:
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
    cancelled = method == CANCEL or activity.status == ActivityStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if method != PUBLISH:
        event.add("organizer", _organizer())
    return event


def calendar_for(
    activities, *, name: str, language: str, include_link, zone_of, method: str = PUBLISH
) -> bytes:
    """An iCalendar file of `activities`; `include_link(activity)` says whether the online
    meeting link may be written in, `zone_of(activity)` the hosts' time zone when the reader may
    see it, else None (see activities.selectors.hosts_zone_shown_to). `method`: PUBLISH for
    downloads and feeds, REQUEST or CANCEL for one activity attached to an email."""

    if method not in METHODS:
        raise ValueError(f"unknown iCalendar method {method!r}")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", single_line(name))
    for activity in activities:
        calendar.add_component(
            _event(
                activity,
                language=language,
                include_link=include_link(activity),
                zone_name=zone_of(activity),
                method=method,
            )
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()
