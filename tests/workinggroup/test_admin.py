"""The admin never moves an item or a meeting through its workflow: states are read-only."""

import pytest

from tests.factories import ItemFactory, MeetingFactory, StaffFactory
from workinggroup.enums import MeetingState


@pytest.mark.django_db
def test_meeting_state_is_read_only_in_the_admin(client):
    meeting = MeetingFactory()
    client.force_login(StaffFactory(is_superuser=True))

    page = client.get(f"/en/admin/workinggroup/meeting/{meeting.pk}/change/")

    assert page.status_code == 200
    assert 'name="state"' not in page.content.decode()
    assert 'name="published_at' not in page.content.decode()
    assert meeting.state == MeetingState.DRAFT


@pytest.mark.django_db
def test_item_state_and_version_are_read_only_in_the_admin(client):
    item = ItemFactory()
    client.force_login(StaffFactory(is_superuser=True))

    page = client.get(f"/en/admin/workinggroup/item/{item.pk}/change/")

    assert page.status_code == 200
    assert 'name="state"' not in page.content.decode()
    assert 'name="version"' not in page.content.decode()
