"""The activity list is kept per viewer class (core.content_cache): its learning question
choices change at once when a question, or its links, change."""

import pytest

from learning import services
from tests.factories import ActivityFactory, LearningQuestionFactory, PartnerFactory, StaffFactory
from tests.hardening.test_page_cache import _browser, shared_cache  # noqa: F401
from tests.utils import text_of

pytestmark = pytest.mark.django_db


def _list(browser) -> str:
    response = browser.get("/en/activities/")
    assert response.status_code == 200
    return text_of(response)


def test_question_choices_follow_links_and_moderation_at_once(shared_cache):  # noqa: F811
    activity = ActivityFactory(title_en="Youth call")
    question = LearningQuestionFactory(title_en="How do we keep youth involved?")
    partner, staff = PartnerFactory(), StaffFactory()
    community, team = _browser(partner), _browser(staff)
    assert "How do we keep youth involved?" not in _list(community)
    assert community.get("/en/activities/")["X-Page-Cache"] == "hit"

    services.link_activity(question=question, by=question.asked_by, activity=activity)

    assert "How do we keep youth involved?" in _list(community)
    assert "How do we keep youth involved?" in _list(team)

    services.moderate(question=question, by=staff, hide=True, reason="Off topic")

    assert "How do we keep youth involved?" not in _list(community)
    assert "How do we keep youth involved?" in _list(team)
