"""The team's figures: counts by topic and language, small counts hidden, never content."""

import pytest
from django.urls import reverse

from activities.enums import ActivityType, Audience
from mentoring.models import MentoringSession
from mentoring.selectors import figures
from tests.factories import (
    ActivityFactory,
    MentoringRequestFactory,
    SkillFactory,
    StaffFactory,
)
from tests.utils import text_of


def _many(settings, skill, count, **kwargs):
    return [MentoringRequestFactory(skill=skill, **kwargs) for _index in range(count)]


@pytest.mark.django_db
def test_figures_count_by_topic_and_language_and_hide_small_counts(settings):
    settings.FEEDBACK_MIN_RESPONSES = 3
    writing = SkillFactory(name_en="Writing")
    budgets = SkillFactory(name_en="Budgets")
    accepted = _many(settings, writing, 3, state="accepted", language="es")
    _many(settings, writing, 1, state="declined", language="es")
    _many(settings, budgets, 1, language="")
    for relationship in accepted:
        MentoringSession.objects.create(
            relationship=relationship,
            activity=ActivityFactory(
                type=ActivityType.PEER_MENTORING, audience=Audience.PRIVATE, hosts=[]
            ),
        )

    found = figures()

    rows = {row.label: row.values for row in found.by_topic}
    assert rows == {"Writing": [4, 3, None, 3, 0], "Budgets": [None, 0, 0, 0, 0]}
    languages = {row.label: row.values for row in found.by_language}
    assert languages["Spanish"] == [4, 3, None, 3, 0]
    assert found.total.values == [5, 3, None, 3, 0]


@pytest.mark.django_db
def test_figures_page_shows_no_names_or_messages(client, settings):
    settings.FEEDBACK_MIN_RESPONSES = 1
    request = MentoringRequestFactory(message="A very private worry")
    client.force_login(StaffFactory())
    page = text_of(client.get(reverse("mentoring:figures")))
    assert "A very private worry" not in page
    assert request.requester.display_name not in page
    assert request.peer.display_name not in page
    assert request.skill.name in page


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 8])
def test_figures_take_constant_queries(count, django_assert_max_num_queries):
    skill = SkillFactory()
    for _index in range(count):
        MentoringRequestFactory(skill=SkillFactory(), state="accepted")
        MentoringRequestFactory(skill=skill, language="fr")
    with django_assert_max_num_queries(6):
        figures()
