import pytest

from partners.enums import Region, Visibility
from partners.models import FocusArea, WorkingLanguage
from tests.factories import MembershipFactory, OrganisationFactory
from tests.utils import text_of, translated


def _public(**kwargs):
    return OrganisationFactory(visibility=Visibility.PUBLIC, **kwargs)


@pytest.mark.django_db
def test_search_finds_words_in_any_language(client):
    _public(name="Red Andina", description_es="Tejedoras quechuas del valle")
    _public(name="Other", description_en="Something else")

    body = text_of(client.get("/en/partners/?q=tejedoras"))

    assert "Red Andina" in body
    assert "Other</a>" not in body


@pytest.mark.django_db
def test_filters_by_region_country_focus_and_language(client):
    health = FocusArea.objects.get(slug="reproductive-health")
    wolof = WorkingLanguage.objects.get(code="wo")
    target = _public(name="Target Org", country="SN", region=Region.WEST_CENTRAL_AFRICA)
    target.focus_areas.add(health)
    target.working_languages.add(wolof)
    _public(name="Same Country Other Focus", country="SN", region=Region.WEST_CENTRAL_AFRICA)
    _public(name="Elsewhere", country="KE", region=Region.EAST_SOUTHERN_AFRICA)

    body = text_of(
        client.get(
            "/en/partners/?region=west_central_africa&country=SN"
            "&focus=reproductive-health&language=wo"
        )
    )

    assert "Target Org" in body
    assert "Same Country Other Focus" not in body
    assert "Elsewhere" not in body


@pytest.mark.django_db
def test_directory_is_paginated_and_keeps_filters(client):
    for number in range(25):
        _public(name=f"Org {number:02d}", country="KE", region=Region.EAST_SOUTHERN_AFRICA)

    first = text_of(client.get("/en/partners/?country=KE"))
    second = text_of(client.get("/en/partners/?country=KE&page=2"))

    assert "Org 00" in first and "Org 20" not in first
    assert "Org 20" in second and "Org 24" in second
    assert (
        'href="?country=KE&amp;page=2"' in client.get("/en/partners/?country=KE").content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_invalid_filter_is_a_translated_400(client, language):
    response = client.get(f"/{language}/partners/?region=atlantis")

    assert response.status_code == 400
    assert translated(
        language, "That is not one of the choices offered here. Please choose from the list."
    ) % {"value": "atlantis"} in text_of(response)


@pytest.mark.django_db
def test_directory_shows_content_in_viewer_language_and_names_the_fallback(client):
    _public(name="Bilingual", description_en="In English", description_fr="En français")
    _public(name="Only Spanish", description_es="Solo en español")

    body = text_of(client.get("/fr/partners/"))

    assert "En français" in body
    assert "In English" not in body
    assert '<span lang="es">Solo en español</span>' in body
    assert translated("fr", "Originally written in Spanish.") in body


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 200])
def test_directory_query_count_is_constant(client, django_assert_max_num_queries, count):
    health = FocusArea.objects.get(slug="reproductive-health")
    for number in range(count):
        organisation = _public(name=f"Org {number}", country="KE")
        organisation.focus_areas.add(health)
    client.force_login(MembershipFactory().user)

    with django_assert_max_num_queries(11):
        response = client.get("/en/partners/")

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 200])
def test_map_query_count_is_constant(client, django_assert_max_num_queries, count):
    countries = ["KE", "SN", "GT", "NP", "HT", "CO", "PE"]
    for number in range(count):
        _public(name=f"Org {number}", country=countries[number % len(countries)])
    client.force_login(MembershipFactory().user)

    with django_assert_max_num_queries(5):
        response = client.get("/en/partners/map/")

    assert response.status_code == 200
