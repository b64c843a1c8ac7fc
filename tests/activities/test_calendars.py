"""Calendar files and feeds: stable UID, SEQUENCE on change, cancellations, time zones, links
only for those registered, personal feeds behind a revocable secret."""

import datetime
import re

import pytest
from django.conf import settings
from icalendar import Calendar

from activities import services
from activities.models import CalendarToken
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    RegistrationFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import text_of


def _events(content: bytes):
    return [c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT"]


def _edit_data(activity, **changes):
    data = {
        "type": activity.type,
        "title_en": activity.title_en,
        "title_es": "",
        "title_fr": "",
        "description_en": "",
        "description_es": "",
        "description_fr": "",
        "original_language": "en",
        "format": activity.format,
        "place": "",
        "online_link": activity.online_link,
        "capacity": "",
        "audience": activity.audience,
        "spoken": ["en"],
        "interpretation": ["es"],
        "timezone": activity.timezone,
        "starts_at": "2031-05-06T10:00",
        "ends_at": "2031-05-06T12:00",
        "registration_deadline": "",
        "host_organisations": [o.pk for o in activity.host_organisations.all()],
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_ics_has_stable_uid_hosts_time_zone_and_sequence_bumped_on_change(client):
    activity = ActivityFactory(timezone="America/Bogota")
    client.force_login(
        MembershipFactory(organisation=activity.host_organisations.first(), role="lead").user
    )
    before = _events(client.get(f"/en/activities/{activity.pk}/calendar.ics").content)[0]

    client.post(f"/en/activities/{activity.pk}/edit/", _edit_data(activity))
    after_content = client.get(f"/en/activities/{activity.pk}/calendar.ics").content
    after = _events(after_content)[0]

    assert str(before["UID"]) == str(after["UID"]) == f"{activity.uid}@learninglab"
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") == datetime.datetime(
        2031, 5, 6, 10, 0, tzinfo=after.decoded("DTSTART").tzinfo
    )
    assert b"DTSTART;TZID=America/Bogota:20310506T100000" in after_content
    assert b"BEGIN:VTIMEZONE" in after_content


@pytest.mark.django_db
def test_cancelled_activity_is_status_cancelled_with_new_sequence(client):
    activity = ActivityFactory()
    staff = MembershipFactory(user=StaffFactory()).user
    client.force_login(staff)

    client.post(f"/en/activities/{activity.pk}/cancel/", {"reason": "Storm warning"})
    event = _events(client.get(f"/en/activities/{activity.pk}/calendar.ics").content)[0]

    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1


@pytest.mark.django_db
def test_ics_carries_the_meeting_link_only_for_registered_people(client):
    registration = RegistrationFactory(user=MembershipFactory().user)
    activity = registration.activity
    client.force_login(MembershipFactory().user)
    stranger = client.get(f"/en/activities/{activity.pk}/calendar.ics").content
    client.force_login(registration.user)
    registered = client.get(f"/en/activities/{activity.pk}/calendar.ics").content

    assert b"secret-room" not in stranger
    assert b"secret-room" in registered


@pytest.mark.django_db
def test_personal_feed_lists_my_activities_in_my_language_and_can_be_revoked(client):
    person = MembershipFactory(user=UserFactory(language="es")).user
    mine = RegistrationFactory(user=person, activity=ActivityFactory(title_es="La mía")).activity
    ActivityFactory(title_es="Otra")
    client.force_login(person)

    page = client.post("/en/activities/calendar/", {"action": "new"})
    site = re.escape(settings.SITE_URL.rstrip("/"))
    url = re.search(rf'value="{site}(/calendar/[^"]+\.ics)"', text_of(page)).group(1)
    client.logout()
    feed = client.get(url)
    client.force_login(person)
    client.post("/en/activities/calendar/", {"action": "revoke"})
    client.logout()
    after_revoke = client.get(url)

    summaries = [str(event["SUMMARY"]) for event in _events(feed.content)]
    assert feed.status_code == 200
    assert summaries == ["La mía"]
    assert f"{mine.uid}@learninglab".encode() in feed.content
    assert b"secret-room" in feed.content
    assert after_revoke.status_code == 404


@pytest.mark.django_db
def test_new_calendar_address_revokes_the_old_one(client):
    person = MembershipFactory().user
    first = services.rotate_calendar_token(user=person)

    second = services.rotate_calendar_token(user=person)

    assert client.get(f"/calendar/{first}.ics").status_code == 404
    assert client.get(f"/calendar/{second}.ics").content.startswith(b"BEGIN:VCALENDAR")
    assert first not in CalendarToken.objects.get(user=person).token_hash


@pytest.mark.django_db
def test_public_feeds_list_only_public_upcoming_activities(client):
    ActivityFactory(audience="public", title_en="Open webinar")
    ActivityFactory(audience="community", title_en="Members call")

    atom = text_of(client.get("/en/activities/feed/"))
    ics = client.get("/en/activities/public.ics").content

    assert "Open webinar" in atom and "Members call" not in atom
    assert b"Open webinar" in ics and b"Members call" not in ics
    assert b"secret-room" not in ics


@pytest.mark.django_db
def test_calendar_page_needs_sign_in(client):
    response = client.get("/en/activities/calendar/")

    assert response["Location"] == "/en/accounts/login/?next=/en/activities/calendar/"
