import pytest

from tests.factories import MembershipFactory, UserFactory
from tests.utils import text_of


@pytest.mark.django_db
@pytest.mark.parametrize("organisations", [1, 12])
def test_home_query_count_does_not_grow_with_organisations(
    client, django_assert_max_num_queries, organisations
):
    user = UserFactory()
    MembershipFactory.create_batch(organisations, user=user)
    client.force_login(user)

    # The "My Lab" home reads each app's selectors once (portal.selectors.my_lab); peer
    # mentoring's counts are one of them (issue 18).
    with django_assert_max_num_queries(10):
        response = client.get("/en/")

    assert response.status_code == 200
    assert text_of(response).count("<li>Organisation ") == organisations


@pytest.mark.django_db
def test_home_for_visitor_explains_the_lab_and_offers_sign_in(client):
    response = client.get("/fr/")

    body = text_of(response)
    assert 'href="/fr/accounts/login/"' in body
    assert "Learning Lab" in body


@pytest.mark.django_db
def test_home_lists_only_my_organisations(client):
    mine = MembershipFactory(organisation__name="Colectiva Semillas")
    MembershipFactory(organisation__name="Fanm Vanyan")
    client.force_login(mine.user)

    body = text_of(client.get("/en/"))

    assert "Colectiva Semillas" in body
    assert "Fanm Vanyan" not in body
