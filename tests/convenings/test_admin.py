"""The convening's content is edited in the admin; its state, sessions and archive stories
change only through the team's page (convenings.services)."""

import pytest

from convenings.models import Convening
from tests.factories import ConveningSessionFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "title_en": "Dakar 2028",
        "title_es": "",
        "title_fr": "",
        "summary_en": "",
        "summary_es": "",
        "summary_fr": "",
        "outcomes_en": "",
        "outcomes_es": "",
        "outcomes_fr": "",
        "original_language": "en",
        "slug": "dakar-2028",
        "city": "Dakar",
        "country": "SN",
        "starts_on": "2028-03-01",
        "ends_on": "2028-03-05",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_admin_pages_of_convenings_open(client):
    session = ConveningSessionFactory()
    client.force_login(StaffFactory(is_superuser=True))
    for url in (
        "/en/admin/convenings/convening/",
        "/en/admin/convenings/convening/add/",
        f"/en/admin/convenings/convening/{session.convening_id}/change/",
        "/en/admin/convenings/conveningregistration/",
        "/en/admin/convenings/conveningstory/",
    ):
        assert client.get(url).status_code == 200, url


def test_admin_adds_a_convening_as_a_draft(client):
    client.force_login(StaffFactory(is_superuser=True))

    response = client.post("/en/admin/convenings/convening/add/", _form())

    assert response.status_code == 302
    assert Convening.objects.get().state == "draft"


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31"])
def test_admin_refuses_a_date_out_of_range_with_a_form_error(client, day):
    client.force_login(StaffFactory(is_superuser=True))

    response = client.post("/en/admin/convenings/convening/add/", _form(starts_on=day, ends_on=day))

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not Convening.objects.exists()
