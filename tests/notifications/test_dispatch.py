"""Notices queue one dispatch per transaction, not one per notice."""

from unittest import mock

import pytest
from django.db import transaction

from activities import notifications as activity_notifications
from notifications import services
from notifications.enums import Kind
from notifications.models import Delivery
from notifications.tasks import dispatch_task
from tests.factories import ActivityFactory, RegistrationFactory, UserFactory


@pytest.mark.django_db
def test_rescheduling_an_activity_with_400_people_queues_one_dispatch(
    django_capture_on_commit_callbacks,
):
    activity = ActivityFactory()
    people = UserFactory.create_batch(400)
    for person in people:
        RegistrationFactory(activity=activity, user=person)

    with (
        mock.patch.object(dispatch_task, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        activity_notifications.activity_changed(activity=activity)

    assert Delivery.objects.filter(kind=Kind.ACTIVITY_CHANGED).count() == 400
    assert delay.call_count == 1


@pytest.mark.django_db(transaction=True)
def test_each_transaction_queues_its_own_dispatch():
    first, second = UserFactory(), UserFactory()

    with mock.patch.object(dispatch_task, "delay") as delay:
        with transaction.atomic():
            services.notify(user=first, kind=Kind.SURVEY_OPEN, key="one", ref_id=1)
        with transaction.atomic():
            services.notify(user=second, kind=Kind.SURVEY_OPEN, key="two", ref_id=1)

    assert delay.call_count == 2


@pytest.mark.django_db
def test_a_rolled_back_savepoint_does_not_swallow_the_dispatch(
    django_capture_on_commit_callbacks,
):
    first, second = UserFactory(), UserFactory()

    with (
        mock.patch.object(dispatch_task, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        try:
            with transaction.atomic():
                services.notify(user=first, kind=Kind.SURVEY_OPEN, key="one", ref_id=1)
                raise RuntimeError("the caller changes its mind")
        except RuntimeError:
            pass
        services.notify(user=second, kind=Kind.SURVEY_OPEN, key="two", ref_id=1)

    assert list(Delivery.objects.values_list("key", flat=True)) == ["two"]
    assert delay.call_count == 1
