"""Summaries of closed surveys for the community: the k rule, no free text, languages, bad input."""

import datetime

import pytest
from django.utils import timezone

from feedback.models import Answer, Response, SurveySummary
from tests.factories import StaffFactory, SurveyFactory
from tests.feedback.utils import partner, questions_of
from tests.utils import text_of, translated

CANARY = "CANARY-free-text-7f3a"


def _closed_survey(responses: int):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    survey = SurveyFactory(opens_on=yesterday - datetime.timedelta(days=7), closes_on=yesterday)
    questions = questions_of(survey)
    for _ in range(responses):
        response = Response.objects.create(survey=survey)
        Answer.objects.create(response=response, question=questions["scale"], scale_value=4)
        Answer.objects.create(response=response, question=questions["text"], text=CANARY)
    return survey


def _published(survey, **texts):
    return SurveySummary.objects.create(
        survey=survey, published_at=timezone.now(), **(texts or {"what_we_heard_en": "Heard."})
    )


@pytest.mark.django_db
def test_above_the_threshold_the_summary_shows_charts_but_never_free_text(client, settings):
    survey = _closed_survey(settings.FEEDBACK_MIN_RESPONSES)
    summary = _published(survey, what_we_heard_en="You asked for shorter calls.")
    client.force_login(partner())

    body = text_of(client.get(f"/en/feedback/heard/{summary.pk}/"))

    assert "You asked for shorter calls." in body
    assert f"{settings.FEEDBACK_MIN_RESPONSES} responses counted." in body
    assert "result-table" in body
    assert CANARY not in body


@pytest.mark.django_db
def test_below_the_threshold_the_summary_shows_no_number(client, settings):
    survey = _closed_survey(settings.FEEDBACK_MIN_RESPONSES - 1)
    summary = _published(survey)
    client.force_login(partner())

    body = text_of(client.get(f"/en/feedback/heard/{summary.pk}/"))

    assert "responses counted" not in body
    assert "result-table" not in body
    assert "average" not in body
    assert CANARY not in body
    assert "so its results are not shown" in body


@pytest.mark.django_db
def test_staff_preview_shows_no_free_text_either(client, settings):
    survey = _closed_survey(settings.FEEDBACK_MIN_RESPONSES)
    client.force_login(StaffFactory())

    body = text_of(client.get(f"/en/feedback/manage/{survey.pk}/summary/"))

    assert "result-table" in body
    assert CANARY not in body


@pytest.mark.django_db
def test_a_summary_in_spanish_only_is_shown_to_french_readers_with_its_language(client):
    summary = _published(_closed_survey(0), what_we_heard_es="Escuchamos mucho.")
    client.force_login(partner(language="fr"))

    body = text_of(client.get(f"/fr/feedback/heard/{summary.pk}/"))

    assert "Escuchamos mucho." in body
    assert translated("fr", "Originally written in Spanish.") in body
    assert translated("fr", "What we heard") in body


@pytest.mark.django_db
def test_drafts_are_not_shown_to_the_community(client):
    summary = SurveySummary.objects.create(survey=_closed_survey(0), what_we_heard_en="Draft")
    client.force_login(partner())

    assert client.get(f"/en/feedback/heard/{summary.pk}/").status_code == 404


@pytest.mark.django_db
def test_staff_write_and_publish_a_summary(client):
    survey = _closed_survey(0)
    client.force_login(StaffFactory())

    saved = client.post(
        f"/en/feedback/manage/{survey.pk}/summary/",
        {"what_we_heard_en": "Heard.", "what_we_will_do_fr": "Nous allons agir."},
    )
    published = client.post(f"/en/feedback/manage/{survey.pk}/summary/publish/")

    summary = SurveySummary.objects.get(survey=survey)
    assert (saved.status_code, published.status_code) == (302, 302)
    assert summary.published_at is not None
    assert summary.what_we_will_do_fr == "Nous allons agir."
    client.post(f"/en/feedback/manage/{survey.pk}/summary/unpublish/")
    summary.refresh_from_db()
    assert summary.published_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"what_we_heard_en": "   "},
        {"what_we_heard_en": "x" * 6000},
        {"what_we_heard_en": "Bad\x00byte"},
        {"what_we_heard_en": "Bell\x07"},
    ],
)
def test_bad_input_is_a_translated_400_and_nothing_is_saved(client, data):
    survey = _closed_survey(0)
    client.force_login(StaffFactory(language="es"))

    response = client.post(f"/es/feedback/manage/{survey.pk}/summary/", data)

    assert response.status_code == 400
    assert not SurveySummary.objects.exists()
    assert 'lang="es"' in text_of(response)


@pytest.mark.django_db
def test_an_open_survey_cannot_be_summarised(client):
    survey = SurveyFactory()
    client.force_login(StaffFactory(language="fr"))

    response = client.post(
        f"/fr/feedback/manage/{survey.pk}/summary/", {"what_we_heard_en": "Too early"}
    )

    assert response.status_code == 409
    assert translated("fr", "A summary can be written once the survey is closed.") in text_of(
        response
    )
    assert not SurveySummary.objects.exists()
