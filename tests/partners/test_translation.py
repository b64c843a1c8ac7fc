import pytest
from django.utils import translation

from tests.factories import OrganisationFactory


@pytest.mark.django_db
def test_content_falls_back_to_a_language_it_was_written_in():
    organisation = OrganisationFactory(
        description_en="", description_es="Promotoras de salud", description_fr=""
    )

    with translation.override("fr"):
        french = organisation.description
    with translation.override("en"):
        english = organisation.description

    assert french == "Promotoras de salud"
    assert english == "Promotoras de salud"


@pytest.mark.django_db
def test_content_is_shown_in_the_viewer_language_when_translated():
    organisation = OrganisationFactory(
        description_en="Health promoters", description_es="Promotoras", description_fr="Promotrices"
    )

    with translation.override("fr"):
        assert organisation.description == "Promotrices"
