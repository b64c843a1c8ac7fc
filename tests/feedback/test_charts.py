"""Survey charts: one table per question, a row for every option (a zero included), each row
holding the option's label, its number of people, its share and a bar of that share, captioned
with the question. What is shown (moved responses only, above the threshold) does not change."""

import datetime
import re

import pytest
from django.utils import timezone

from feedback.selectors import results
from feedback.services import move_pending
from tests.factories import PartnerFactory, StaffFactory, SurveyFactory
from tests.feedback.utils import answer_data, questions_of
from tests.hardening.test_list_pages import Page

ROW = re.compile(r"<tr>(.*?)</tr>", re.S)


def _answered(client, survey, count, **answers):
    for _number in range(count):
        client.force_login(PartnerFactory())
        client.post(f"/en/feedback/{survey.pk}/", answer_data(survey, **answers))
    survey.opens_on = survey.closes_on = timezone.localdate() - datetime.timedelta(days=30)
    survey.save()
    move_pending(survey_id=survey.pk)


def _charts(html: str) -> list[str]:
    return re.findall(r'<table class="table table-sm result-table[^"]*">(.*?)</table>', html, re.S)


@pytest.mark.django_db
def test_every_option_has_its_bar_even_at_zero(client):
    survey = SurveyFactory()
    yes = questions_of(survey)["single"].choices.get(text_en="Yes")
    _answered(client, survey, 5, scale="5", single=yes.pk)

    scale, single = [result for result in results(survey=survey).questions if result.bars]

    assert [(bar.label, bar.count, bar.percent) for bar in scale.bars] == [
        ("1: Not at all", 0, 0),
        ("2", 0, 0),
        ("3", 0, 0),
        ("4", 0, 0),
        ("5: Very", 5, 100.0),
    ]
    assert [(bar.label, bar.count, bar.percent) for bar in single.bars] == [
        ("Yes", 5, 100.0),
        ("No", 0, 0),
    ]


@pytest.mark.django_db
def test_chart_rows_hold_label_count_share_and_bar(client):
    survey = SurveyFactory()
    yes = questions_of(survey)["single"].choices.get(text_en="Yes")
    _answered(client, survey, 5, scale="4", single=yes.pk)
    client.force_login(StaffFactory())

    html = client.get(f"/en/feedback/{survey.pk}/results/").content.decode()
    scale, single = _charts(html)
    single_rows = [row for row in ROW.findall(single) if "<td" in row]

    assert '<caption class="visually-hidden" lang="en">How useful?</caption>' in scale
    assert '<caption class="visually-hidden" lang="en">Again?</caption>' in single
    assert len([row for row in ROW.findall(scale) if "<td" in row]) == 5
    assert len(single_rows) == 2
    assert all(row.count('class="result-bar"') == 1 for row in single_rows)
    assert re.search(
        r'<th scope="row" class="result-label" lang="en">No</th>\s*'
        r'<td class="text-end result-count">0</td>\s*'
        r'<td class="result-share"><span class="result-percent">0%</span>'
        r'<svg class="result-bar"[^>]*aria-hidden="true"[^>]*>'
        r'<rect class="result-bar-track" width="100" height="10"/>'
        r'<rect class="result-bar-fill" width="0.0" height="10"/>',
        single,
    )
    assert re.search(r'lang="en">Yes</th>\s*<td class="text-end result-count">5</td>', single)
    assert '<rect class="result-bar-fill" width="100.0" height="10"/>' in single


@pytest.mark.django_db
def test_chart_has_no_ids_twice_and_no_chart_below_the_threshold(client):
    survey = SurveyFactory()
    _answered(client, survey, 4, scale="4")
    client.force_login(StaffFactory())

    html = client.get(f"/en/feedback/{survey.pk}/results/").content.decode()
    ids = Page(html).ids()

    assert _charts(html) == []
    assert len(ids) == len(set(ids))
