"""Sentences people read: flash messages, form errors and the Atom feed, in three languages."""

import pytest

from activities.models import Registration
from tests.factories import ActivityFactory, ItemFactory, PartnerFactory
from tests.utils import text_of, translated
from workinggroup.enums import ItemState


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_taking_an_action_says_so_in_a_sentence(client, language):
    item = ItemFactory(state=ItemState.DRAFT, submitted_at=None)
    client.force_login(item.proposer)

    response = client.post(
        f"/{language}/working-group/items/{item.pk}/act/",
        {"action": "submit", "version": item.version},
        follow=True,
    )

    sentence = translated(language, "The item is submitted. The Learning Lab team will look at it.")
    assert response.status_code == 200
    assert sentence in text_of(response)
    assert "Done:" not in text_of(response)
    assert translated(language, "Submit") + "." not in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_interpretation_not_offered_has_a_clear_translated_message(client, language):
    activity = ActivityFactory(interpretation_languages="fr")
    client.force_login(PartnerFactory())

    response = client.post(
        f"/{language}/activities/{activity.pk}/register/",
        {"registration-interpretation_language": "es"},
    )

    message = translated(language, "This activity offers no interpretation into that language.")
    assert response.status_code == 400
    assert message in text_of(response)
    assert "is not one of the available choices" not in text_of(response)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_feed_says_when_a_summary_is_not_in_the_readers_language(client):
    ActivityFactory(
        audience="public", title_en="Budget basics", description_en="How to plan a budget."
    )
    ActivityFactory(
        audience="public",
        title_en="Safety online",
        description_en="Phones and accounts.",
        description_es="Teléfonos y cuentas.",
    )

    spanish = client.get("/es/activities/feed/").content.decode()
    english = client.get("/en/activities/feed/").content.decode()

    notice = translated("es", "Originally written in English.")
    assert "How to plan a budget." in spanish
    assert spanish.count(notice) == 1  # only for the activity without a Spanish summary
    assert "Teléfonos y cuentas." in spanish
    assert translated("en", "Originally written in English.") not in english
