"""The feedback list and the staff's survey list: a bounded number of queries whatever the
number of surveys."""

import pytest

from feedback.enums import SurveyAudience
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    RegistrationFactory,
    StaffFactory,
    SurveyFactory,
)
from tests.utils import text_of


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 20])
def test_survey_list_query_count_is_constant(client, django_assert_max_num_queries, count):
    person = MembershipFactory().user
    for n in range(count):
        SurveyFactory(title_en=f"Partners survey {n}", questions=False)
        activity = ActivityFactory()
        RegistrationFactory(activity=activity, user=person)
        SurveyFactory(
            title_en=f"Activity survey {n}",
            audience=SurveyAudience.ACTIVITY,
            activity=activity,
            questions=False,
        )
    SurveyFactory(
        title_en="Someone else's activity",
        audience=SurveyAudience.ACTIVITY,
        activity=ActivityFactory(),
        questions=False,
    )
    client.force_login(person)

    with django_assert_max_num_queries(12):
        response = client.get("/en/feedback/")

    page = text_of(response)
    assert response.status_code == 200
    assert page.count("Partners survey ") == count
    assert page.count("Activity survey ") == count
    assert "Someone else&#x27;s activity" not in page and "Someone else's activity" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 20])
def test_manage_query_count_is_constant(client, django_assert_max_num_queries, count):
    for n in range(count):
        SurveyFactory(title_en=f"Survey to manage {n}", questions=False)
    client.force_login(StaffFactory())

    with django_assert_max_num_queries(10):
        response = client.get("/en/feedback/manage/")

    assert response.status_code == 200
    assert text_of(response).count("Survey to manage ") == count
