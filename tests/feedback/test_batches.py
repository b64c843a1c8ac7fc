"""Differencing and singling out: staff, with every screen and export, never see a change of
fewer than k answers, and no stored attribute tells one respondent from the others."""

import datetime
import itertools

import pytest
from django.utils import timezone

from feedback.models import Answer, PendingSubmission, Response
from feedback.selectors import feedback_box
from feedback.services import batch_size, move_pending
from tests.factories import StaffFactory, SurveyFactory
from tests.feedback.utils import (
    answer_as_new_partner,
    close_by_dates,
    csv_rows,
    partner,
    published_view,
    questions_of,
    set_dates_as_staff,
)
from tests.utils import text_of

K = 5
LANGUAGE_NAMES = {
    "English", "French", "Spanish",
    "Anglais", "Français", "Espagnol",
    "Inglés", "Francés", "Español",
}  # fmt: skip


@pytest.mark.parametrize("k", [3, 5, 8])
def test_batch_size_is_zero_or_at_least_k_and_an_open_survey_keeps_k_in_reserve(k):
    for waiting in range(4 * k):
        for closed in (False, True):
            size = batch_size(waiting=waiting, closed=closed, k=k)

            assert size == 0 or k <= size <= waiting
            if not closed and size:
                assert waiting - size == k
    assert [batch_size(waiting=n, closed=False, k=k) for n in (k, 2 * k - 1, 2 * k)] == [0, 0, k]
    assert [batch_size(waiting=n, closed=True, k=k) for n in (k - 1, k)] == [0, k]


@pytest.mark.django_db
@pytest.mark.parametrize("respondents", range(1, 13))
def test_staff_cannot_force_a_small_batch_by_closing_and_reopening_a_survey(
    client, settings, respondents
):
    """The attack: note the results, close the survey by its dates, let the move run, put the
    dates back; then again after one more person answers. Every difference is 0 or >= k."""
    settings.FEEDBACK_MIN_RESPONSES = K
    today = timezone.localdate()
    opens, closes = today - datetime.timedelta(days=10), today + datetime.timedelta(days=10)
    survey = SurveyFactory(opens_on=opens, closes_on=closes)
    staff = StaffFactory()
    yesterday = today - datetime.timedelta(days=1)
    seen = []

    for _ in range(respondents):
        answer_as_new_partner(client, survey)
    move_pending(survey_id=survey.pk)
    seen.append(published_view(client, staff, survey, K))
    for one_more in (False, True):
        if one_more:
            answer_as_new_partner(client, survey)
            move_pending(survey_id=survey.pk)
            seen.append(published_view(client, staff, survey, K))
        set_dates_as_staff(client, staff, survey, opens_on=opens, closes_on=yesterday)
        move_pending(survey_id=survey.pk)
        seen.append(published_view(client, staff, survey, K))
        set_dates_as_staff(client, staff, survey, opens_on=opens, closes_on=closes)
        move_pending(survey_id=survey.pk)
        seen.append(published_view(client, staff, survey, K))

    n = respondents
    at_close = n if n >= K else (K if n + 1 == K else 0)
    expected = [
        n - K if n >= 2 * K else 0,
        n if n >= K else 0,
        n if n >= K else 0,
        n if n >= K else 0,
        at_close,
        at_close,
    ]
    assert seen == expected
    assert all(
        later - earlier in (0, *range(K, 100)) for earlier, later in itertools.pairwise(seen)
    )
    assert PendingSubmission.objects.filter(survey=survey).count() == n + 1 - seen[-1]


@pytest.mark.django_db
def test_a_survey_that_closes_with_fewer_than_k_answers_never_shows_results(client, settings):
    settings.FEEDBACK_MIN_RESPONSES = K
    survey = SurveyFactory()
    for _ in range(K - 1):
        answer_as_new_partner(client, survey, text="only four of us")
    close_by_dates(survey)

    moved = [move_pending(survey_id=survey.pk) for _ in range(3)]
    client.force_login(StaffFactory())
    page = text_of(client.get(f"/en/feedback/{survey.pk}/results/"))

    assert moved == [0, 0, 0]
    assert "only four of us" not in page
    assert "Results appear once at least 5 people have answered" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("messages", "moved"), [(4, 0), (9, 0), (10, 5), (12, 7)])
def test_the_feedback_box_publishes_only_batches_of_k_and_keeps_k_back(
    client, settings, messages, moved
):
    settings.FEEDBACK_MIN_RESPONSES = K
    box = feedback_box()
    text = next(q for q in box.questions.all() if q.kind == "text")
    client.force_login(partner())
    for number in range(messages):
        client.post("/en/feedback/box/", {f"q{text.pk}": f"message {number}"})

    first, second = move_pending(survey_id=box.pk), move_pending(survey_id=box.pk)

    assert (first, second) == (moved, 0)
    assert PendingSubmission.objects.filter(survey=box).count() == messages - moved


@pytest.mark.django_db
@pytest.mark.parametrize("respondents", range(1, 13))
def test_the_one_french_speaker_cannot_be_told_apart(client, settings, respondents):
    """One person answers in French, the others in English, all alike and without free text:
    nothing in the responses table, the results page or the CSV tells whose answer is whose."""
    settings.FEEDBACK_MIN_RESPONSES = K
    survey = SurveyFactory()
    yes = questions_of(survey)["single"].choices.first()
    answer_as_new_partner(client, survey, language="fr", single=yes.pk)
    for _ in range(respondents - 1):
        answer_as_new_partner(client, survey, language="en", single=yes.pk)
    close_by_dates(survey)
    move_pending(survey_id=survey.pk)
    staff = StaffFactory()

    published = published_view(client, staff, survey, K)
    page = text_of(client.get(f"/en/feedback/{survey.pk}/results/"))
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    rows = csv_rows(client.get(f"/en/feedback/{survey.pk}/results.csv"))
    stored = {
        response: sorted(
            Answer.objects.filter(response=response).values_list(
                "question_id", "scale_value", "choice_id", "text"
            )
        )
        for response in Response.objects.filter(survey=survey).values_list("pk", flat=True)
    }

    assert published == (respondents if respondents >= K else 0)
    assert {name for name in LANGUAGE_NAMES if name in main} == set()
    assert "Answered in" not in main
    assert len({tuple(answers) for answers in stored.values()}) == (1 if published else 0)
    assert {f.column for f in Response._meta.concrete_fields} == {"id", "survey_id"}
    if published:
        assert rows == [["How useful?", "Again?", "Anything else?"]] + [["4", "Yes", ""]] * (
            published
        )
