"""On real services (CI: PostgreSQL and Redis): a real worker and beat send a reminder once;
and with two workers, two beats and a worker killed mid-way, every reminder arrives exactly
once."""

import datetime
import os

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import User
from activities import services as activity_services
from activities.models import Registration
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from tests.core.test_celery import _redis_available
from tests.factories import ActivityFactory, MembershipFactory, UserFactory
from tests.processes import Cluster, wait_until
from tests.utils import require_service, translated


def _require_real_services() -> str:
    redis_url = os.environ.get("REDIS_URL", "")
    require_service(
        connection.vendor == "postgresql" and _redis_available(redis_url),
        "needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)",
    )
    return redis_url


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_real_worker_and_beat_send_a_reminder_once(tmp_path):
    redis_url = _require_real_services()
    start = timezone.now() + datetime.timedelta(hours=2)
    activity = ActivityFactory(
        starts_at=start, ends_at=start + datetime.timedelta(hours=1), title_es="Llamada de prueba"
    )
    person = MembershipFactory(user=UserFactory(language="es", timezone="America/Lima")).user
    activity_services.register(activity=activity, user=person)
    # Its 60-minute reminder is due now (as if the workers had been down for an hour).
    Delivery.objects.filter(offset_minutes=60).update(due_at=timezone.now())
    cluster = Cluster(tmp_path, redis_url)
    cluster.worker("worker")
    cluster.beat("beat")
    try:
        arrived = wait_until(
            lambda: Delivery.objects.filter(status=DeliveryStatus.SENT).exists(), timeout=60
        )
        wait_until(lambda: False, timeout=4)  # a few more dispatch rounds
        messages = cluster.messages()
    finally:
        cluster.stop()

    assert arrived, cluster.logs()
    assert len(messages) == 1
    message = messages[0]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["To"] == person.email
    assert "Llamada de prueba" in message["Subject"]
    assert "(hora de Lima)" in body
    assert translated("es", "Your calendar file is attached.") in body
    delivery = Delivery.objects.get(status=DeliveryStatus.SENT)
    assert delivery.kind == Kind.REMINDER and delivery.offset_minutes == 60
    # The 24-hour moment had already passed when the person registered: no such reminder.
    assert not Delivery.objects.filter(offset_minutes=1440).exists()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_chaos_two_workers_two_beats_one_killed_every_reminder_exactly_once(tmp_path):
    redis_url = _require_real_services()
    count = 300
    activity = ActivityFactory(
        starts_at=timezone.now() + datetime.timedelta(hours=3),
        ends_at=timezone.now() + datetime.timedelta(hours=4),
    )
    people = User.objects.bulk_create(
        User(
            email=f"chaos{n}@example.org",
            display_name=f"Chaos {n}",
            language=["en", "es", "fr"][n % 3],
        )
        for n in range(count)
    )
    registrations = Registration.objects.bulk_create(
        Registration(activity=activity, user=person) for person in people
    )
    Delivery.objects.bulk_create(
        Delivery(
            key=f"reminder:{r.pk}:60",
            kind=Kind.REMINDER,
            user=r.user,
            activity=activity,
            registration=r,
            offset_minutes=60,
            due_at=timezone.now(),
        )
        for r in registrations
    )
    cluster = Cluster(tmp_path, redis_url, NOTIFICATIONS_LEASE_SECONDS=6, NOTIFICATIONS_BATCH=50)
    for name in ("worker-a", "worker-b"):
        cluster.worker(name)
    for name in ("beat-a", "beat-b"):
        cluster.beat(name)
    sent = Delivery.objects.filter(status=DeliveryStatus.SENT)
    try:
        started = wait_until(lambda: sent.count() >= count // 4, timeout=90, interval=0.1)
        cluster.kill("worker-a")  # SIGKILL, mid-way, with work in hand
        killed_at = sent.count()
        cluster.worker("worker-a")
        finished = wait_until(lambda: sent.count() == count, timeout=120)
        wait_until(lambda: False, timeout=3)
        messages = cluster.messages()
    finally:
        cluster.stop()

    ids = [m["Message-ID"] for m in messages]
    expected = {d.message_id("127.0.0.1") for d in Delivery.objects.all()}
    assert started and finished, cluster.logs()
    assert killed_at < count
    assert set(ids) == expected
    # A duplicate is only possible for a message the SMTP side accepted in the instant before
    # the kill, and it carries the same Message-ID: mail software shows it once.
    assert len(ids) - len(set(ids)) <= 4
