"""The admin never changes what people answered: questions and choices of an answered survey
are read-only there, as in the portal."""

import pytest

from feedback.models import Question, Receipt
from tests.factories import MembershipFactory, StaffFactory, SurveyFactory
from tests.utils import text_of


@pytest.mark.django_db
def test_questions_of_an_answered_survey_are_read_only_in_the_admin(client):
    survey = SurveyFactory()
    question = survey.questions.get(kind="single")
    Receipt.objects.create(survey=survey, user=MembershipFactory().user, day=survey.opens_on)
    client.force_login(StaffFactory(is_superuser=True))

    survey_page = client.get(f"/en/admin/feedback/survey/{survey.pk}/change/")
    question_page = client.get(f"/en/admin/feedback/question/{question.pk}/change/")
    changed = client.post(
        f"/en/admin/feedback/question/{question.pk}/change/",
        {"survey": survey.pk, "position": 1, "kind": "text", "text_en": "Changed"},
    )
    deleted = client.post(f"/en/admin/feedback/question/{question.pk}/delete/", {"post": "yes"})

    question.refresh_from_db()
    assert survey_page.status_code == 200
    assert 'name="questions-0-text_en"' not in survey_page.content.decode()
    assert question.text_en in text_of(survey_page)
    assert question_page.status_code == 200
    assert 'name="text_en"' not in question_page.content.decode()
    assert 'name="choices-0-text_en"' not in question_page.content.decode()
    assert (changed.status_code, deleted.status_code) == (403, 403)
    assert (question.kind, Question.objects.filter(pk=question.pk).exists()) == ("single", True)


@pytest.mark.django_db
def test_questions_of_an_unanswered_survey_can_be_corrected_in_the_admin(client):
    survey = SurveyFactory()
    question = survey.questions.get(kind="single")
    client.force_login(StaffFactory(is_superuser=True))

    survey_page = client.get(f"/en/admin/feedback/survey/{survey.pk}/change/")
    question_page = client.get(f"/en/admin/feedback/question/{question.pk}/change/")

    assert survey_page.status_code == 200
    assert 'name="questions-0-text_en"' in survey_page.content.decode()
    assert 'name="text_en"' in question_page.content.decode()
