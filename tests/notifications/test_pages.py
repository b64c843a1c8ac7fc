"""The notification pages: the staff deliveries list does not grow its queries with its rows."""

import pytest

from notifications.enums import Kind
from notifications.models import Delivery
from tests.factories import StaffFactory, UserFactory

# Session, user, count, page of rows with their recipients, and the two-factor check.
# 6: the menu asks once whether this staff member holds any admin permission.
QUERIES = 6


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 60])
def test_deliveries_page_queries_do_not_grow_with_rows(client, size, django_assert_max_num_queries):
    for person in UserFactory.create_batch(size):
        Delivery.objects.create(
            key=f"survey_open:1:{person.pk}",
            kind=Kind.SURVEY_OPEN,
            user=person,
            ref_id=1,
            due_at="2030-01-01T00:00:00Z",
        )
    client.force_login(StaffFactory())

    with django_assert_max_num_queries(QUERIES):
        response = client.get("/en/notifications/deliveries/")

    assert response.status_code == 200
    assert len(response.context["page_obj"]) == min(size, 50)
