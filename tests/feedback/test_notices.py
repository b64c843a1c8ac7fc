"""Survey notices reach everyone once, even when the worker dies half-way through the people."""

import datetime

import pytest
from django.utils import timezone

from feedback.models import Survey
from feedback.notifications import send_due_notices
from feedback.schedule import REMINDER_MIN_GAP_DAYS
from notifications import services as notification_services
from notifications.enums import Kind
from notifications.models import Delivery
from tests.factories import MembershipFactory, SurveyFactory


class WorkerDied(Exception):
    """Stands for the process being killed (out of memory, a deploy) between two people."""


def _dies_after(monkeypatch, count: int) -> None:
    """The worker dies after queueing `count` notices: the next one is never created."""
    real_notify = notification_services.notify
    created = []

    def notify(**kwargs):
        if len(created) == count:
            raise WorkerDied
        created.append(kwargs["user"].pk)
        return real_notify(**kwargs)

    monkeypatch.setattr(notification_services, "notify", notify)


@pytest.mark.django_db(transaction=True)
def test_opening_notices_lost_to_a_crash_are_sent_by_the_next_run_without_duplicates(
    monkeypatch,
):
    people = [MembershipFactory().user for _ in range(5)]
    survey = SurveyFactory()
    _dies_after(monkeypatch, 2)

    with pytest.raises(WorkerDied):
        send_due_notices()
    survey.refresh_from_db()
    after_crash = Delivery.objects.filter(kind=Kind.SURVEY_OPEN).count()
    marked_after_crash = survey.opening_notice_sent_at

    monkeypatch.undo()
    rerun = send_due_notices()
    third = send_due_notices()

    survey.refresh_from_db()
    told = sorted(Delivery.objects.filter(kind=Kind.SURVEY_OPEN).values_list("user_id", flat=True))
    assert (after_crash, marked_after_crash) == (2, None)
    assert (rerun, third) == (3, 0)
    assert told == sorted(person.pk for person in people)
    assert survey.opening_notice_sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_reminders_lost_to_a_crash_are_sent_by_the_next_run_without_duplicates(monkeypatch):
    people = [MembershipFactory().user for _ in range(4)]
    survey = SurveyFactory(closes_on=timezone.localdate())
    invited = timezone.now() - datetime.timedelta(days=REMINDER_MIN_GAP_DAYS)
    Survey.objects.filter(pk=survey.pk).update(opening_notice_sent_at=invited)
    _dies_after(monkeypatch, 1)

    with pytest.raises(WorkerDied):
        send_due_notices()
    monkeypatch.undo()
    rerun = send_due_notices()

    survey.refresh_from_db()
    told = sorted(
        Delivery.objects.filter(kind=Kind.SURVEY_REMINDER).values_list("user_id", flat=True)
    )
    assert rerun == 3
    assert told == sorted(person.pk for person in people)
    assert survey.reminder_sent_at is not None
