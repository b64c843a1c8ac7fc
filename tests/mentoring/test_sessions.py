"""Sessions of a mentoring relationship: private peer-mentoring activities for the two, in the
planner's time zone, with the reminders and .ics of any activity; nobody else sees them."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.enums import ActivityStatus, ActivityType, Audience, RegistrationStatus
from activities.services import change_status
from mentoring import services
from mentoring.exceptions import MentoringError
from notifications.enums import Kind
from notifications.models import Delivery
from notifications.services import render
from partners.enums import Visibility
from tests.factories import (
    MembershipFactory,
    MentoringRequestFactory,
    OrganisationFactory,
    StaffFactory,
)
from tests.mentoring.utils import person
from tests.utils import text_of


def _soon(zone: str, hour: int = 15) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=10)
    return datetime.datetime.combine(day, datetime.time(hour), zoneinfo.ZoneInfo(zone))


@pytest.fixture
def relationship():
    requester = person()
    requester.timezone = "America/Bogota"
    requester.save()
    peer = person()
    peer.timezone = "Africa/Dakar"
    peer.save()
    return MentoringRequestFactory(requester=requester, peer=peer, state="accepted")


def _plan(relationship, by, **kwargs):
    return services.plan_session(
        relationship=relationship,
        by=by,
        starts_at=kwargs.pop("starts_at", _soon(by.timezone)),
        minutes=kwargs.pop("minutes", 60),
        zone=by.timezone,
        online_link="https://meet.example/pair",
        **kwargs,
    )


@pytest.mark.django_db
def test_a_session_is_a_private_activity_for_the_two_with_reminders(relationship):
    session = _plan(relationship, relationship.requester)
    activity = session.activity

    assert activity.type == ActivityType.PEER_MENTORING
    assert activity.audience == Audience.PRIVATE
    assert activity.status == ActivityStatus.SCHEDULED
    assert activity.timezone == "America/Bogota"
    assert activity.starts_at == _soon("America/Bogota")
    assert activity.ends_at - activity.starts_at == datetime.timedelta(hours=1)
    assert list(activity.host_organisations.all()) == []
    assert {r.user for r in activity.registrations.all()} == {
        relationship.requester,
        relationship.peer,
    }
    assert {r.status for r in activity.registrations.all()} == {RegistrationStatus.CONFIRMED}
    reminders = Delivery.objects.filter(activity=activity, kind=Kind.REMINDER)
    assert {d.user for d in reminders} == {relationship.requester, relationship.peer}
    email = render(reminders.filter(user=relationship.peer).first())
    ics = email.attachments[0].get_payload(decode=True).decode()
    assert "BEGIN:VEVENT" in ics and "https://meet.example/pair" in ics


@pytest.mark.django_db
def test_each_sees_the_session_in_their_own_zone_and_others_not_at_all(client, relationship):
    session = _plan(relationship, relationship.requester)
    url = reverse("activities:detail", kwargs={"pk": session.activity_id})
    client.force_login(relationship.peer)
    page = text_of(client.get(url))
    # 15:00 in Bogotá is 20:00 in Dakar.
    assert "20:00" in page or "8:00" in page
    ics = client.get(reverse("activities:ics", kwargs={"pk": session.activity_id}))
    assert ics.status_code == 200
    for outsider in (person(), MembershipFactory().user):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(StaffFactory())
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_hidden_organisations_zone_never_reaches_the_other(relationship):
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    planner = relationship.peer
    MembershipFactory(organisation=hidden, user=planner)
    planner.timezone = "Asia/Kabul"
    planner.save()

    session = _plan(relationship, planner)

    assert session.activity.timezone == "UTC"
    assert session.activity.starts_at == _soon("Asia/Kabul")


@pytest.mark.django_db
def test_only_the_two_plan_sessions_of_an_accepted_relationship(relationship):
    with pytest.raises(MentoringError) as refused:
        _plan(relationship, person())
    assert refused.value.status_code == 403
    with pytest.raises(MentoringError) as refused:
        _plan(relationship, relationship.peer, starts_at=timezone.now() - datetime.timedelta(1))
    assert refused.value.status_code == 400
    with pytest.raises(MentoringError):
        _plan(relationship, relationship.peer, minutes=7)
    open_request = MentoringRequestFactory()
    with pytest.raises(MentoringError) as refused:
        _plan(open_request, open_request.peer)
    assert refused.value.status_code == 409


@pytest.mark.django_db
def test_either_may_cancel_a_session(relationship):
    session = _plan(relationship, relationship.requester)
    change_status(activity=session.activity, to=ActivityStatus.CANCELLED, by=relationship.peer)
    session.activity.refresh_from_db()
    assert session.activity.status == ActivityStatus.CANCELLED


@pytest.mark.django_db
def test_plan_page_makes_the_session(client, relationship):
    client.force_login(relationship.peer)
    url = reverse("mentoring:plan", kwargs={"pk": relationship.pk})
    assert client.get(url).status_code == 200
    start = _soon("Africa/Dakar").strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url, {"starts_at": start, "minutes": "45", "format": "online", "online_link": ""}
    )
    session = relationship.sessions.get()
    assert response.status_code == 302
    assert response.url == reverse("activities:detail", kwargs={"pk": session.activity_id})
    assert session.activity.starts_at == _soon("Africa/Dakar")
    bad = client.post(url, {"starts_at": "not a date", "minutes": "45", "format": "online"})
    assert bad.status_code == 400


@pytest.mark.django_db
def test_the_relationship_page_lists_sessions_with_weekday_times_and_the_readers_zone(
    client, relationship
):
    _plan(relationship, relationship.requester)
    relationship.peer.language = "fr"
    relationship.peer.save()
    client.force_login(relationship.peer)

    page = text_of(client.get(f"/fr/mentoring/{relationship.pk}/"))

    # 15:00 – 16:00 in Bogotá, read in Dakar: 20:00 – 21:00, the zone named as in CLDR.
    day = _soon("America/Bogota").astimezone(zoneinfo.ZoneInfo("Africa/Dakar"))
    weekday = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    assert weekday[day.weekday()] in page
    assert "20:00" in page and "21:00" in page
    assert "(heure de Dakar)" in page
