"""The mentoring pages: a fixed number of queries whatever the rows; the admin never shows
what the two people wrote."""

import pytest
from django.urls import reverse

from tests.factories import MentoringRequestFactory, SkillFactory, UserFactory
from tests.mentoring.utils import person
from tests.mfa import give_authenticator
from tests.utils import text_of


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 6])
def test_my_requests_page_takes_constant_queries(client, rows, django_assert_max_num_queries):
    me = person()
    for _index in range(rows):
        MentoringRequestFactory(requester=me)
        MentoringRequestFactory(peer=me)
        MentoringRequestFactory(requester=me, state="accepted")
    client.force_login(me)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("mentoring:mine"))
    assert response.status_code == 200
    assert text_of(response).count("/mentoring/") >= 3 * rows


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 6])
def test_suggestions_page_takes_constant_queries(client, rows, django_assert_max_num_queries):
    skill = SkillFactory()
    me = person()
    for _index in range(rows):
        person(offers=[skill])
    client.force_login(me)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("mentoring:ask"), {"topic": f"skill:{skill.slug}"})
    assert response.status_code == 200
    assert text_of(response).count("/mentoring/ask/new/?peer=") == rows


@pytest.mark.django_db
def test_the_admin_never_shows_the_message_or_the_note(client):
    request = MentoringRequestFactory(
        message="A private worry", decline_note="A private note", state="declined"
    )
    admin = UserFactory(is_staff=True, is_superuser=True)
    give_authenticator(admin)
    client.force_login(admin)
    listing = client.get(reverse("admin:mentoring_mentoringrequest_changelist"))
    page = client.get(reverse("admin:mentoring_mentoringrequest_change", args=[request.pk]))
    assert (listing.status_code, page.status_code) == (200, 200)
    assert str(request.requester) in text_of(page)
    for text in (text_of(listing), text_of(page)):
        assert "A private worry" not in text and "A private note" not in text
