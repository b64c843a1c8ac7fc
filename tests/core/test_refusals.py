"""One path from a refusal to a response (core/refusals.py)."""

import pytest

from tests.utils import text_of

pytestmark = [pytest.mark.urls("tests.core.refusal_urls"), pytest.mark.django_db]


def test_a_refusal_leaving_a_view_is_the_translated_refusal_page_with_its_status(client):
    response = client.get("/refuse/409/", HTTP_REFERER="http://testserver/en/activities/")

    assert response.status_code == 409
    assert "This activity is full." in text_of(response)
    assert 'href="http://testserver/en/activities/"' in text_of(response)


def test_a_refusal_never_links_back_to_another_site(client):
    response = client.get("/refuse/409/", HTTP_REFERER="https://evil.example/")

    assert response.status_code == 409
    assert "evil.example" not in text_of(response)


def test_not_allowed_is_the_403_page_with_the_reason(client):
    response = client.get("/refuse/403/")

    assert response.status_code == 403
    assert "Only hosts may do this." in text_of(response)
    assert "This page is not open to you" in text_of(response)


def test_form_page_answers_200_then_400_for_errors_then_the_refusal_status(client):
    empty = client.get("/named/")
    invalid = client.post("/named/", {})
    refused = client.post("/named/", {"name": "taken"})
    saved = client.post("/named/", {"name": "Ana"})

    assert (empty.status_code, invalid.status_code, refused.status_code) == (200, 400, 409)
    assert "That name is taken." in str(refused.context["form"].non_field_errors())
    assert saved.content == b"saved"
