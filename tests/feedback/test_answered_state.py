"""A survey someone already answered says so, instead of showing the blank form again, from the
receipt alone (docs/anonymity.md): nothing of the answers is shown."""

import pytest
from django.urls import reverse

from feedback.models import Receipt
from tests.factories import SurveyFactory
from tests.feedback.utils import answer_data, partner
from tests.utils import text_of, translated


@pytest.mark.django_db
def test_answered_survey_shows_thanks_instead_of_the_form(client):
    survey = SurveyFactory()
    client.force_login(partner())
    url = reverse("feedback:answer", kwargs={"pk": survey.pk})
    before = text_of(client.get(url))

    client.post(url, answer_data(survey, text="Sensitive words"))
    after = client.get(url)
    body = text_of(after)

    assert translated("en", "Send my answers") in before
    assert after.status_code == 200
    assert "You have answered this survey. Thank you." in body
    assert translated("en", "Send my answers") not in body
    assert "Sensitive words" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "fr"])
def test_answering_again_is_a_translated_409(client, language):
    survey = SurveyFactory()
    person = partner(language=language)
    client.force_login(person)
    url = f"/{language}/feedback/{survey.pk}/"
    client.post(url, answer_data(survey))

    again = client.post(url, answer_data(survey))

    assert again.status_code == 409
    assert Receipt.objects.filter(survey=survey, user=person).count() == 1
    body = text_of(again)
    assert translated(language, "You have already answered this survey. Thank you!") in body
    assert translated(language, "Send my answers") not in body


@pytest.mark.django_db
def test_someone_elses_answer_does_not_mark_my_survey_answered(client):
    survey = SurveyFactory()
    client.force_login(partner())
    client.post(reverse("feedback:answer", kwargs={"pk": survey.pk}), answer_data(survey))
    client.force_login(partner())

    body = text_of(client.get(reverse("feedback:answer", kwargs={"pk": survey.pk})))

    assert translated("en", "Send my answers") in body
    assert "You have answered this survey" not in body
