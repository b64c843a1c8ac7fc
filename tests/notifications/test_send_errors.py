"""Whatever goes wrong while sending one email, it is an attempt, it ends visibly for staff
(failed, with the error), it is never retried forever, and the other emails still go out."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from activities import services as activity_services
from activities.models import Activity
from notifications import services
from notifications.enums import DeliveryStatus
from notifications.models import Delivery
from tests.factories import ActivityFactory, MembershipFactory, StaffFactory, UserFactory
from tests.utils import text_of


def _registered(activity, **user_fields):
    person = MembershipFactory(user=UserFactory(**user_fields)).user
    activity_services.register(activity=activity, user=person)
    return person


def _send_all_due() -> dict[int, str]:
    """One dispatch cycle, done by hand: claim what is due and send each (as the task does)."""
    Delivery.objects.filter(offset_minutes=60).update(
        due_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    outcomes = {}
    for pk in services.claim_due():
        token = str(Delivery.objects.get(pk=pk).claim_token)
        outcomes[pk] = services.send_delivery(delivery_id=pk, token=token)
    return outcomes


@pytest.mark.django_db
def test_title_with_carriage_return_already_stored_gives_a_clean_one_line_subject():
    activity = ActivityFactory(title_en="Safe title")
    _registered(activity)
    # Older data, written before the forms refused it: update() skips every validation.
    Activity.objects.filter(pk=activity.pk).update(title_en="Budget\r\nBcc: x@evil.example")

    outcomes = _send_all_due()

    delivery = Delivery.objects.get(offset_minutes=60)
    assert list(outcomes.values()) == ["sent"]
    assert delivery.status == DeliveryStatus.SENT
    [message] = mail.outbox
    assert message.subject.startswith("[Learning Lab] Reminder: Budget Bcc: x@evil.example, ")
    assert "\r" not in message.subject and "\n" not in message.subject
    parsed = message.message()
    assert parsed["Bcc"] is None


@pytest.mark.django_db
def test_bad_header_fails_at_once_with_the_error_and_the_batch_carries_on(client, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.HeaderRefusingBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 5
    activity = ActivityFactory()
    _registered(activity)
    _registered(activity)

    outcomes = _send_all_due()
    again = _send_all_due()

    rows = list(Delivery.objects.filter(offset_minutes=60).values_list("status", "attempts"))
    assert sorted(outcomes.values()) == ["failed", "failed"]
    assert again == {}
    assert rows == [("failed", 1), ("failed", 1)]
    client.force_login(StaffFactory())
    page = text_of(client.get("/en/notifications/deliveries/?status=failed"))
    assert page.count("BadHeaderError: Header values can't contain newlines") == 2


@pytest.mark.django_db
def test_rendering_error_is_retried_then_failed_while_others_are_sent(settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    activity = ActivityFactory()
    broken = _registered(activity)
    fine = _registered(activity)
    # A domain no mail library can encode (a label over 63 characters): building the message
    # raises UnicodeError, a ValueError, of no SMTP kind.
    User.objects.filter(pk=broken.pk).update(email=f"broken@{'é' * 70}.example")
    broken_row = Delivery.objects.get(user=broken, offset_minutes=60)

    first = _send_all_due()
    second = _send_all_due()
    third = _send_all_due()

    broken_row.refresh_from_db()
    assert first[broken_row.pk] == "pending"
    assert second == {broken_row.pk: "failed"}
    assert third == {}
    assert (broken_row.status, broken_row.attempts) == ("failed", 2)
    assert broken_row.last_error.startswith("UnicodeError: ")
    assert Delivery.objects.get(user=fine, offset_minutes=60).status == DeliveryStatus.SENT
    assert [message.to for message in mail.outbox] == [[fine.email]]


@pytest.mark.django_db
def test_worker_dying_on_the_last_attempt_leaves_a_failed_row(settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    activity = ActivityFactory()
    _registered(activity)
    row = Delivery.objects.get(offset_minutes=60)
    past = timezone.now() - datetime.timedelta(minutes=1)
    # What a worker killed mid-send leaves behind: "sending", its lease run out.
    Delivery.objects.filter(pk=row.pk).update(status="sending", attempts=2, lease_until=past)

    released = services.release_expired_leases()

    row.refresh_from_db()
    assert released == 0
    assert row.status == DeliveryStatus.FAILED
    assert row.last_error == "The worker stopped while sending, on the last attempt."
