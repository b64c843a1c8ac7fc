"""The "What we heard" page: newest first, community only, constant queries."""

import datetime

import pytest
from django.utils import timezone

from feedback.models import SurveySummary
from tests.factories import ItemFactory, PartnerFactory, SurveyFactory
from tests.utils import text_of
from workinggroup.enums import ItemState
from workinggroup.models import FollowUp, ModerationLog


def _world(count: int):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for index in range(count):
        survey = SurveyFactory(opens_on=yesterday, closes_on=yesterday)
        SurveySummary.objects.create(
            survey=survey, what_we_heard_en=f"Heard {index}", published_at=timezone.now()
        )
        item = ItemFactory(state=ItemState.APPROVED)
        ModerationLog.objects.create(
            item=item,
            actor=item.proposer,
            action="approve",
            from_state="submitted",
            to_state="approved",
        )
        FollowUp.objects.create(item=item, description_en=f"Action {index}", owner="Team")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 30])
def test_constant_queries(client, django_assert_max_num_queries, count):
    _world(count)
    client.force_login(PartnerFactory())

    with django_assert_max_num_queries(16):
        response = client.get("/en/what-we-heard/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_newest_first_and_drafts_left_out(client):
    old = SurveyFactory(opens_on=datetime.date(2030, 1, 1), closes_on=datetime.date(2030, 1, 2))
    SurveySummary.objects.create(
        survey=old,
        what_we_heard_en="Older words",
        published_at=timezone.now() - datetime.timedelta(days=3),
    )
    new = SurveyFactory(opens_on=datetime.date(2030, 2, 1), closes_on=datetime.date(2030, 2, 2))
    SurveySummary.objects.create(
        survey=new, what_we_heard_en="Newer words", published_at=timezone.now()
    )
    draft = SurveyFactory(opens_on=datetime.date(2030, 3, 1), closes_on=datetime.date(2030, 3, 2))
    SurveySummary.objects.create(survey=draft, what_we_heard_en="Draft words")
    client.force_login(PartnerFactory())

    body = text_of(client.get("/en/what-we-heard/"))

    assert body.index("Newer words") < body.index("Older words")
    assert "Draft words" not in body
