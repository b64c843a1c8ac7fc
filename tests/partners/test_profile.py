import pytest

from core.content import missing_languages, translated_text
from partners.enums import MembershipRole, Visibility
from partners.services import add_member
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.utils import text_of, translated


@pytest.mark.django_db
def test_profile_names_the_language_a_text_is_really_in(client):
    OrganisationFactory(
        slug="org",
        visibility=Visibility.PUBLIC,
        description_es="Promotoras de salud",
        mission_en="Health for all",
        mission_fr="La santé pour toutes",
    )

    body = text_of(client.get("/fr/partners/org/"))

    written_in = translated("fr", "Originally written in Spanish.")
    assert '<div lang="es"><p>Promotoras de salud</p></div>' in body
    assert written_in in body
    assert '<div lang="fr"><p>La santé pour toutes</p></div>' in body
    assert translated("fr", "Originally written in English.") not in body


@pytest.mark.django_db
def test_profile_query_count_is_small(client, django_assert_max_num_queries):
    organisation = OrganisationFactory(slug="org", visibility=Visibility.PUBLIC)
    for _ in range(30):
        MembershipFactory(organisation=organisation)
    client.force_login(MembershipFactory(organisation=organisation).user)

    # 14: the page, plus one query for the people the viewer may name (see Traces), and the
    # cache's reads (three index lookups for when activities next change by the clock, and what
    # the viewer may see).
    with django_assert_max_num_queries(14):
        response = client.get("/en/partners/org/")

    assert response.status_code == 200
    assert text_of(response).count("<li>Person ") == 31


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/partners/", "/en/partners/map/", "/en/partners/org/"])
def test_read_only_pages_refuse_post(client, url):
    OrganisationFactory(slug="org", visibility=Visibility.PUBLIC)
    client.force_login(UserFactory())

    response = client.post(url)

    assert response.status_code == 405


@pytest.mark.django_db
def test_adding_a_lead_who_is_already_a_member_promotes_never_demotes():
    membership = MembershipFactory(role=MembershipRole.LEAD)

    add_member(organisation=membership.organisation, user=membership.user, role="member")
    membership.refresh_from_db()
    kept = membership.role
    member = MembershipFactory(organisation=membership.organisation)
    add_member(organisation=member.organisation, user=member.user, role="lead")
    member.refresh_from_db()

    assert kept == MembershipRole.LEAD
    assert member.role == MembershipRole.LEAD


@pytest.mark.django_db
def test_translated_text_falls_back_and_reports_missing_languages():
    organisation = OrganisationFactory(description_en="", description_es="Hola", description_fr="")

    text = translated_text(organisation, "description", language="fr")

    assert (text.text, text.language, text.is_fallback) == ("Hola", "es", True)
    assert missing_languages(organisation, "description") == ["en", "fr"]
