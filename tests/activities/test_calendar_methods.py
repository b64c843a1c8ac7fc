"""Calendar files say what they are for (iTIP, RFC 5546), checked by reading them with a second
library (vobject): emails invite and update with METHOD:REQUEST and cancel with METHOD:CANCEL
(same UID, rising SEQUENCE, the portal as ORGANIZER); downloads and feeds PUBLISH."""

import datetime
from email.utils import parseaddr

import pytest
import vobject
from django.conf import settings
from django.core import mail

from activities import services as activity_services
from activities.calendars import mime_type
from notifications import services as notifications
from notifications.enums import Kind
from notifications.registry import builder_for
from tests.activities.test_calendars import _edit_data
from tests.factories import ActivityFactory, MembershipFactory, UserFactory
from tests.utils import attachment

START = datetime.datetime(2031, 5, 6, 14, 0, tzinfo=datetime.UTC)


def _read(content: bytes | str):
    text = content.decode() if isinstance(content, bytes) else content
    return vobject.readOne(text)


def _only_event(calendar):
    events = list(calendar.vevent_list)
    assert len(events) == 1
    return events[0]


def _attachment(message) -> bytes:
    return attachment(message)[1]


def _portal_address() -> str:
    return f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}"


def _person(**kwargs):
    return MembershipFactory(user=UserFactory(**kwargs)).user


def _email_ics(kind: str, *, user, activity, registration, language="en") -> bytes:
    delivery = notifications.notify(
        user=user,
        kind=kind,
        key=f"test:{kind}:{registration.pk}:{activity.sequence}",
        activity=activity,
        registration=registration,
    )
    return builder_for(kind)(delivery, language).ics


def test_mime_type_carries_the_method():
    assert mime_type("REQUEST") == "text/calendar; method=REQUEST; charset=utf-8"
    assert mime_type("CANCEL") == "text/calendar; method=CANCEL; charset=utf-8"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_reminder_and_place_available_are_requests_from_the_portal(language):
    activity = ActivityFactory(starts_at=START, ends_at=START + datetime.timedelta(hours=2))
    person = _person(language=language)
    registration = activity_services.register(activity=activity, user=person)

    for kind in (Kind.REMINDER, Kind.PLACE_AVAILABLE):
        calendar = _read(
            _email_ics(
                kind, user=person, activity=activity, registration=registration, language=language
            )
        )
        event = _only_event(calendar)

        assert calendar.method.value == "REQUEST"
        assert event.uid.value == f"{activity.uid}@learninglab"
        assert int(event.sequence.value) == activity.sequence
        assert event.status.value == "CONFIRMED"
        assert event.organizer.value == _portal_address()
        assert event.dtstart.value == START
        assert event.dtend.value == START + datetime.timedelta(hours=2)


@pytest.mark.django_db
def test_change_is_a_request_and_cancelling_a_cancel_with_the_same_uid_and_rising_sequence(
    client, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(timezone="America/Bogota")
    person = _person(language="fr")
    activity_services.register(activity=activity, user=person)
    client.force_login(
        MembershipFactory(organisation=activity.host_organisations.first(), role="lead").user
    )
    download = _only_event(_read(client.get(f"/en/activities/{activity.pk}/calendar.ics").content))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/activities/{activity.pk}/edit/", _edit_data(activity))
    changed_message = mail.outbox[-1]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/activities/{activity.pk}/cancel/", {"reason": "Tempête"})
    cancelled_message = mail.outbox[-1]

    changed = _read(_attachment(changed_message))
    cancelled = _read(_attachment(cancelled_message))
    changed_event, cancelled_event = _only_event(changed), _only_event(cancelled)
    bogota = datetime.timezone(datetime.timedelta(hours=-5))
    assert changed.method.value == "REQUEST"
    assert cancelled.method.value == "CANCEL"
    assert download.uid.value == changed_event.uid.value == cancelled_event.uid.value
    assert (
        int(download.sequence.value)
        < int(changed_event.sequence.value)
        < int(cancelled_event.sequence.value)
    )
    assert changed_event.status.value == "CONFIRMED"
    assert cancelled_event.status.value == "CANCELLED"
    assert cancelled_event.organizer.value == _portal_address()
    assert changed_event.dtstart.value == datetime.datetime(2031, 5, 6, 10, 0, tzinfo=bogota)
    assert cancelled_event.dtend.value == datetime.datetime(2031, 5, 6, 12, 0, tzinfo=bogota)
    assert changed_event.dtstart.value.tzinfo is not None


@pytest.mark.django_db
def test_the_organizer_is_never_a_hosts_address():
    activity = ActivityFactory()
    host = MembershipFactory(organisation=activity.host_organisations.first(), role="lead").user
    activity.host_people.add(host)
    person = _person()
    registration = activity_services.register(activity=activity, user=person)

    content = _email_ics(Kind.REMINDER, user=person, activity=activity, registration=registration)

    assert host.email.encode() not in content
    assert _only_event(_read(content)).organizer.value == _portal_address()


@pytest.mark.django_db
def test_downloads_and_feeds_publish_and_never_request(client):
    activity = ActivityFactory(audience="public", starts_at=START, ends_at=START.replace(hour=16))
    person = _person(language="es")
    activity_services.register(activity=activity, user=person)
    client.force_login(person)
    download = client.get(f"/en/activities/{activity.pk}/calendar.ics").content
    token = activity_services.rotate_calendar_token(user=person)
    personal = client.get(f"/calendar/{token}.ics").content
    public = client.get("/en/activities/public.ics").content

    for content in (download, personal, public):
        calendar = _read(content)
        event = _only_event(calendar)
        assert calendar.method.value == "PUBLISH"
        assert b"METHOD:REQUEST" not in content
        assert event.uid.value == f"{activity.uid}@learninglab"
        assert int(event.sequence.value) == activity.sequence
        assert event.status.value == "CONFIRMED"
        assert event.dtstart.value == START
        assert event.dtend.value == START.replace(hour=16)


@pytest.mark.django_db
def test_email_attachments_are_typed_with_their_method():
    from notifications.services import calendar_part

    request = calendar_part(b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n")
    cancel = calendar_part(b"BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n")

    assert request.get_content_type() == "text/calendar"
    assert request.get_param("method") == "REQUEST"
    assert request.get_param("charset") == "utf-8"
    assert cancel.get_param("method") == "CANCEL"
    assert cancel.get_filename() == "learning-lab.ics"


@pytest.mark.django_db
def test_an_emailed_file_names_its_recipient_as_the_one_attendee_and_never_another():
    activity = ActivityFactory(starts_at=START, ends_at=START + datetime.timedelta(hours=2))
    first = _person(display_name="Aminata «Ami» Diop", email="aminata@example.org")
    second = _person(email="fatou@example.org")
    files = {
        person: _email_ics(
            Kind.REMINDER,
            user=person,
            activity=activity,
            registration=activity_services.register(activity=activity, user=person),
        )
        for person in (first, second)
    }

    for person, content in files.items():
        event = _only_event(_read(content))
        attendees = event.contents["attendee"]
        assert [attendee.value for attendee in attendees] == [f"mailto:{person.email}"]
        params = attendees[0].params
        assert params["PARTSTAT"] == ["ACCEPTED"]
        assert params["RSVP"] == ["FALSE"]
    assert _only_event(_read(files[first])).attendee.params["CN"] == ["Aminata «Ami» Diop"]
    # One file per activity is built and shared: the next recipient never sees the first.
    assert b"aminata@example.org" not in files[second]


@pytest.mark.django_db
def test_downloads_name_no_attendee(client):
    activity = ActivityFactory(audience="public")
    person = _person()
    activity_services.register(activity=activity, user=person)
    client.force_login(person)

    content = client.get(f"/en/activities/{activity.pk}/calendar.ics").content

    assert b"ATTENDEE" not in content
