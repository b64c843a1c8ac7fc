"""Staff tables on a phone (emails sent, moderation log, attendees): each data cell carries its
column's header as data-label, so the stylesheet can stack a row into labelled lines instead of
a table wider than the screen (tests/browser/test_phone_layout.py measures the result)."""

import pytest
from django.utils import timezone

from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from tests.factories import (
    ActivityFactory,
    ItemFactory,
    RegistrationFactory,
    StaffFactory,
    UserFactory,
)
from tests.hardening.test_list_pages import Page
from workinggroup.enums import Action, ItemState
from workinggroup.models import ModerationLog


def _table_cells(html: str) -> tuple[list[str], list[list[str | None]]]:
    """The stacked table's column headers and, for each body row, its cells' data-labels."""
    elements = Page(html).elements
    start = next(
        index
        for index, (tag, attributes) in enumerate(elements)
        if tag == "table" and "table-stack" in attributes.get("class", "")
    )
    headers, rows = [], []
    for tag, attributes in elements[start + 1 :]:
        if tag == "table":
            break
        if tag == "th" and attributes.get("scope") == "col":
            headers.append(tag)
        elif tag == "tr":
            rows.append([])
        elif tag == "td":
            rows[-1].append(attributes.get("data-label"))
    return headers, [row for row in rows if row]


def _staff(client):
    client.force_login(StaffFactory())
    return client


@pytest.mark.django_db
def test_deliveries_cells_are_labelled(client):
    Delivery.objects.create(
        key="phone-table",
        kind=Kind.choices[0][0],
        user=UserFactory(),
        due_at=timezone.now(),
        status=DeliveryStatus.FAILED,
        last_error="SMTP said no",
    )

    response = _staff(client).get("/en/notifications/deliveries/")
    headers, rows = _table_cells(response.content.decode())

    assert len(headers) == 6
    assert rows == [["Due", "Kind", "Recipient", "State", "Attempts", None]]


@pytest.mark.django_db
def test_moderation_log_cells_are_labelled(client):
    item = ItemFactory()
    ModerationLog.objects.create(
        item=item,
        actor=StaffFactory(),
        action=Action.REQUEST_CHANGES,
        from_state=ItemState.SUBMITTED,
        to_state=ItemState.CHANGES_REQUESTED,
        message="Please add a date.",
    )

    headers, rows = _table_cells(_staff(client).get("/en/working-group/log/").content.decode())

    assert len(headers) == 5
    assert rows == [["When", "Who", "Item", "Action", "Message and note"]]


@pytest.mark.django_db
def test_attendees_cells_are_labelled(client):
    activity = ActivityFactory()
    RegistrationFactory(activity=activity, accessibility_needs="Captions")

    response = _staff(client).get(f"/en/activities/{activity.pk}/attendees/")
    headers, rows = _table_cells(response.content.decode())

    assert response.status_code == 200
    assert len(headers) == 5
    assert rows == [
        ["Name", "Status", "Interpretation into", "Accessibility needs", "Question for the hosts"]
    ]
