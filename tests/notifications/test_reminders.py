"""Reminders and notices: due times, exactly-once claims, retries, re-arming, preferences,
unsubscribing, language and time zone of every email."""

import datetime
import email
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from activities import notifications as activity_notifications
from activities import services as activity_services
from notifications import services
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    RegistrationFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import attachment, text_of, translated


def _person(**kwargs):
    return MembershipFactory(user=UserFactory(**kwargs)).user


def _ics(message) -> bytes:
    return attachment(message)[1]


def _make_due(delivery_filter=None):
    """Pretend the moment has come: the reminders are due now (the activity is still ahead)."""
    rows = Delivery.objects.filter(**(delivery_filter or {}))
    rows.update(due_at=timezone.now() - datetime.timedelta(minutes=1))


@pytest.mark.django_db
def test_registering_arms_the_chosen_reminders_at_the_right_moments():
    activity = ActivityFactory()
    person = _person()

    activity_services.register(activity=activity, user=person)

    rows = sorted(Delivery.objects.values_list("kind", "offset_minutes", "due_at"))
    assert rows == [
        ("reminder", 60, activity.starts_at - datetime.timedelta(hours=1)),
        ("reminder", 1440, activity.starts_at - datetime.timedelta(hours=24)),
    ]


def test_due_time_is_real_hours_across_a_daylight_saving_change():
    new_york = ZoneInfo("America/New_York")
    # Clocks jump forward at 02:00 on 9 March 2031; the call is at 10:00 that morning.
    starts = datetime.datetime(2031, 3, 9, 10, 0, tzinfo=new_york)

    due = services.reminder_due(starts, 1440)

    assert starts - due == datetime.timedelta(hours=24)
    assert due.astimezone(new_york).strftime("%Y-%m-%d %H:%M %Z") == "2031-03-08 09:00 EST"
    assert starts.astimezone(new_york).strftime("%H:%M %Z") == "10:00 EDT"


@pytest.mark.django_db
def test_due_reminder_goes_out_once_in_language_and_time_zone(
    django_capture_on_commit_callbacks,
):
    start = datetime.datetime(2031, 5, 6, 14, 0, tzinfo=datetime.UTC)
    activity = ActivityFactory(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        title_en="",
        title_es="Taller de incidencia",
        original_language="es",
    )
    person = _person(language="fr", timezone="Africa/Dakar")
    activity_services.register(activity=activity, user=person)
    _make_due({"offset_minutes": 60})

    with django_capture_on_commit_callbacks(execute=True):
        first = services.dispatch_due()
    with django_capture_on_commit_callbacks(execute=True):
        second = services.dispatch_due()

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    parsed = email.message_from_bytes(message.message().as_bytes())
    delivery = Delivery.objects.get(offset_minutes=60)
    assert delivery.status == DeliveryStatus.SENT
    assert message.to == [person.email]
    assert parsed["Message-ID"] == f"<ll-delivery-{delivery.pk}-1@127.0.0.1>"
    assert (
        parsed["List-Unsubscribe"]
        .strip()
        .startswith("<http://127.0.0.1:8000/notifications/unsubscribe/")
    )
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Taller de incidencia" in message.subject
    assert translated("fr", "Originally written in Spanish.") in message.body
    # The period with its weekday, in the recipient's zone, named for people, in French.
    plain_body = re.sub("[\u2009\u202f\u00a0]", " ", message.body)
    assert "mardi 6 mai 2031, 14:00 – 15:00 (heure de Dakar)" in plain_body
    assert "Africa/Dakar" not in message.body
    assert "https://meet.example/secret-room" in message.body
    assert f"http://127.0.0.1:8000/fr/activities/{activity.pk}/" in message.body
    assert [m for _c, m in message.alternatives] == ["text/html"]
    assert attachment(message)[0] == "learning-lab.ics"
    assert attachment(message)[2] == 'text/calendar; charset="utf-8"; method="REQUEST"'
    assert b'method="REQUEST"' in message.message().as_bytes()
    assert b"BEGIN:VEVENT" in _ics(message)


@pytest.mark.django_db
def test_a_claim_is_taken_once():
    activity = ActivityFactory()
    activity_services.register(activity=activity, user=_person())
    _make_due()

    first = services.claim_due()
    second = services.claim_due()

    assert len(first) == 2
    assert second == []


@pytest.mark.django_db
def test_an_expired_lease_goes_back_to_pending_and_the_old_claim_cannot_send():
    activity = ActivityFactory()
    activity_services.register(activity=activity, user=_person())
    _make_due({"offset_minutes": 60})
    [pk] = services.claim_due(limit=1)
    old_token = str(Delivery.objects.get(pk=pk).claim_token)
    Delivery.objects.filter(pk=pk).update(lease_until=timezone.now() - datetime.timedelta(1))

    released = services.release_expired_leases()
    [again] = services.claim_due(limit=1)
    stale = services.send_delivery(delivery_id=pk, token=old_token)
    new_token = str(Delivery.objects.get(pk=pk).claim_token)
    fresh = services.send_delivery(delivery_id=pk, token=new_token)
    replay = services.send_delivery(delivery_id=pk, token=new_token)

    assert (released, again) == (1, pk)
    assert (stale, fresh, replay) == ("not-ours", "sent", "not-ours")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_smtp_failure_retries_with_backoff_then_fails_visibly(client, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    activity = ActivityFactory()
    activity_services.register(activity=activity, user=_person())
    _make_due({"offset_minutes": 60})
    delivery = Delivery.objects.get(offset_minutes=60)

    [pk] = services.claim_due(limit=1)
    failed_at = timezone.now()
    first = services.send_delivery(
        delivery_id=pk, token=str(Delivery.objects.get(pk=pk).claim_token)
    )
    delivery.refresh_from_db()
    retry_at = delivery.due_at
    _make_due({"pk": pk})
    [pk] = services.claim_due(limit=1)
    second = services.send_delivery(
        delivery_id=pk, token=str(Delivery.objects.get(pk=pk).claim_token)
    )
    delivery.refresh_from_db()
    client.force_login(StaffFactory())
    page = text_of(client.get("/en/notifications/deliveries/?status=failed"))
    retried = client.post(f"/en/notifications/deliveries/{pk}/retry/")

    assert first == "pending"
    assert 60 <= (retry_at - failed_at).total_seconds() <= 76
    assert second == "failed"
    assert (delivery.status, delivery.attempts) == ("failed", 2)
    assert "SMTPServerDisconnected" in delivery.last_error
    assert "SMTPServerDisconnected" in page
    assert retried.status_code == 302
    assert Delivery.objects.get(pk=pk).status in ("pending", "failed")


def test_retry_delays_grow_with_jitter_and_stay_below_the_visibility_timeout():
    delays = [services.retry_delay(attempt) for attempt in range(1, 6)]

    for attempt, delay in enumerate(delays, start=1):
        base = 60 * 2 ** (attempt - 1)
        assert base <= delay <= base * 1.25
    assert max(delays) < 3600


@pytest.mark.django_db
def test_reminder_whose_moment_passed_is_sent_if_ahead_and_skipped_if_started(
    django_capture_on_commit_callbacks,
):
    ahead = ActivityFactory()
    started = ActivityFactory()
    for activity in (ahead, started):
        activity_services.register(activity=activity, user=_person())
    _make_due()
    started.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    started.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch_due()

    assert set(Delivery.objects.filter(activity=ahead).values_list("status", flat=True)) == {"sent"}
    assert set(Delivery.objects.filter(activity=started).values_list("status", flat=True)) == {
        "skipped"
    }


@pytest.mark.django_db
def test_rescheduling_re_arms_and_tells_people_cancelling_stops(
    client, django_capture_on_commit_callbacks
):
    from tests.activities.test_calendars import _edit_data

    activity = ActivityFactory(timezone="America/Bogota")
    person = _person(language="es")
    activity_services.register(activity=activity, user=person)
    lead = MembershipFactory(organisation=activity.host_organisations.first(), role="lead").user
    client.force_login(lead)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/activities/{activity.pk}/edit/", _edit_data(activity))
    activity.refresh_from_db()
    reminder = Delivery.objects.get(kind=Kind.REMINDER, offset_minutes=60)
    changed = mail.outbox[-1]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/activities/{activity.pk}/cancel/", {"reason": "Tormenta"})
    cancelled = mail.outbox[-1]

    assert reminder.due_at == activity.starts_at - datetime.timedelta(hours=1)
    assert reminder.generation == 2
    assert translated("es", "Changed: %(title)s").split("%(")[0] in changed.subject
    assert b"DTSTART;TZID=America/Bogota:20310506T100000" in _ics(changed)
    assert "Tormenta" in cancelled.body
    assert b"STATUS:CANCELLED" in _ics(cancelled)
    assert set(Delivery.objects.filter(kind=Kind.REMINDER).values_list("status", flat=True)) == {
        "cancelled"
    }


@pytest.mark.django_db
def test_unregistering_stops_reminders():
    activity = ActivityFactory()
    person = _person()
    registration = activity_services.register(activity=activity, user=person)

    activity_services.cancel_registration(registration=registration, by=person)

    assert set(Delivery.objects.values_list("status", flat=True)) == {"cancelled"}


@pytest.mark.django_db
def test_preferences_switch_kinds_off_and_choose_offsets(client):
    person = _person()
    activity = ActivityFactory()
    activity_services.register(activity=activity, user=person)
    client.force_login(person)

    response = client.post(
        "/en/notifications/preferences/",
        {"enabled": ["reminders", "surveys"], "offsets": ["60"]},
    )

    statuses = dict(Delivery.objects.values_list("offset_minutes", "status"))
    settings_row = services.settings_for(User.objects.get(pk=person.pk))
    assert response.status_code == 302
    assert statuses == {60: "pending", 1440: "cancelled"}
    assert settings_row.wants("reminders") and not settings_row.wants("waiting_list")


@pytest.mark.django_db
def test_switched_off_notice_is_never_queued():
    person = _person()
    services.save_preferences(user=person, enabled=[], offsets=[])
    activity = ActivityFactory()

    activity_services.register(activity=activity, user=person)

    assert not Delivery.objects.exists()


@pytest.mark.django_db
def test_unsubscribe_link_works_without_signing_in_and_in_one_click(client):
    person = _person()
    token = services.unsubscribe_token(person, "reminders")

    page = client.get(f"/notifications/unsubscribe/{token}/")
    one_click = client.post(
        f"/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )

    assert page.status_code == 200
    assert one_click.status_code == 200
    assert not services.settings_for(User.objects.get(pk=person.pk)).wants("reminders")


@pytest.mark.django_db
def test_tampered_unsubscribe_link_is_a_400(client):
    token = services.unsubscribe_token(_person(), "reminders")

    response = client.post(f"/notifications/unsubscribe/{token[:-2]}xx/")

    assert response.status_code == 400


@pytest.mark.django_db
def test_hosts_get_a_host_version_with_the_numbers(django_capture_on_commit_callbacks):
    activity = ActivityFactory()
    host = _person()
    activity.host_people.add(host)
    RegistrationFactory.create_batch(3, activity=activity, interpretation_language="fr")
    activity_notifications.arm_activity(activity=activity)
    _make_due({"kind": Kind.HOST_REMINDER, "offset_minutes": 60})

    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch_due()

    message = next(m for m in mail.outbox if m.to == [host.email])
    assert "3 registered, 0 on the waiting list." in message.body
    assert "French 3" in message.body


@pytest.mark.django_db
def test_deliveries_page_is_for_staff_only(client):
    client.force_login(_person())

    assert client.get("/en/notifications/deliveries/").status_code == 403
    assert client.post("/en/notifications/deliveries/1/retry/").status_code == 403


def test_unknown_message_ids_are_stable_per_delivery():
    delivery = Delivery(pk=42, generation=3)

    assert delivery.message_id("lab.example.org") == "<ll-delivery-42-3@lab.example.org>"
    assert re.fullmatch(r"<[^<>@]+@[^<>@]+>", delivery.message_id("x"))
