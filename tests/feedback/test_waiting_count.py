"""The team sees how many answers (and box messages) wait, sealed, to be published, and what
happens to them next; never which, never anything of what they say; and nobody else sees the
number at all."""

import re

import pytest

from core.stylesheet import COOKIE
from feedback.models import PendingSubmission, Response
from feedback.selectors import feedback_box
from feedback.services import move_pending
from partners.enums import Visibility
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    RegistrationFactory,
    StaffFactory,
    SurveyFactory,
    UserFactory,
)
from tests.feedback.utils import answer_as_new_partner, close_by_dates
from tests.utils import text_of

WAITING_NOTE = "Only the Learning Lab team sees this number."


def _results(client, user, survey):
    if user is not None:
        client.force_login(user)
    return client.get(f"/en/feedback/{survey.pk}/results/")


def _box_message(client, text: str) -> None:
    box = feedback_box()
    message = next(q for q in box.questions.all() if q.kind == "text")
    client.force_login(PartnerFactory())
    response = client.post("/en/feedback/box/", {f"q{message.pk}": text})
    assert response.status_code == 302, text_of(response)


@pytest.mark.django_db
def test_staff_see_how_many_answers_wait_and_when_they_are_published(client, settings):
    settings.FEEDBACK_MIN_RESPONSES = 5
    survey = SurveyFactory()
    for _ in range(3):
        answer_as_new_partner(client, survey)

    page = text_of(_results(client, StaffFactory(), survey))

    assert "3 answers are waiting to be published." in page
    assert (
        "They are published in groups, so that no one can be singled out: once 10 are "
        "waiting, all but 5 of them, chosen at random; the last ones when the survey closes, "
        "if at least 5 are waiting then."
    ) in page
    assert WAITING_NOTE in page
    assert "counted" not in page


@pytest.mark.django_db
def test_staff_see_the_waiting_count_fall_by_a_whole_batch_when_it_is_published(client, settings):
    settings.FEEDBACK_MIN_RESPONSES = 3
    survey = SurveyFactory()
    for _ in range(7):
        answer_as_new_partner(client, survey)
    staff = StaffFactory()
    before = text_of(_results(client, staff, survey))

    moved = move_pending(survey_id=survey.pk)
    after = text_of(_results(client, staff, survey))

    assert "7 answers are waiting to be published." in before
    assert moved == 4
    assert "4 responses counted." in after
    assert "3 answers are waiting to be published." in after


@pytest.mark.django_db
def test_closed_survey_says_whether_its_waiting_answers_will_ever_be_published(client, settings):
    settings.FEEDBACK_MIN_RESPONSES = 3
    few, enough = SurveyFactory(), SurveyFactory()
    for _ in range(2):
        answer_as_new_partner(client, few)
    for _ in range(4):
        answer_as_new_partner(client, enough)
    close_by_dates(few)
    close_by_dates(enough)
    staff = StaffFactory()

    few_page = text_of(_results(client, staff, few))
    enough_page = text_of(_results(client, staff, enough))

    assert "2 answers are waiting to be published." in few_page
    assert (
        "The survey closed with fewer than 3 waiting, so they are never published: too few "
        "to keep anyone from being singled out."
    ) in few_page
    assert "4 answers are waiting to be published." in enough_page
    assert (
        "The survey is closed: they are published together within a quarter of an hour."
        in enough_page
    )


@pytest.mark.django_db
def test_feedback_box_shows_the_team_that_messages_wait_from_the_first_one(client, settings):
    settings.FEEDBACK_MIN_RESPONSES = 5
    _box_message(client, "Please call me about the retreat, it is urgent")
    staff = StaffFactory()

    page = text_of(_results(client, staff, feedback_box()))
    manage = text_of(client.get("/en/feedback/manage/"))

    assert "1 message is waiting to be published." in page
    assert "once 10 are waiting, all but 5 of them, chosen at random" in page
    assert "So a message may wait for weeks." in page
    assert "urgent" not in page.split("So a message may wait")[0].split("<main")[-1]
    assert "Feedback box messages</a> · 1 message waiting" in manage


@pytest.mark.django_db
def test_box_page_tells_writers_it_is_not_for_urgent_matters(client):
    client.force_login(PartnerFactory())

    page = text_of(client.get("/en/feedback/box/"))

    assert "It is not the way to reach the team about something urgent" in page


@pytest.mark.django_db
def test_manage_lists_waiting_counts_per_survey(client):
    SurveyFactory(title_en="Quiet")
    busy = SurveyFactory(title_en="Busy")
    for _ in range(2):
        answer_as_new_partner(client, busy)
    client.force_login(StaffFactory())

    page = text_of(client.get("/en/feedback/manage/"))

    busy_line = page.split(">Busy</a>")[1].split("</li>")[0]
    quiet_line = page.split(">Quiet</a>")[1].split("</li>")[0]
    assert "2 answers waiting" in busy_line
    assert "waiting" not in quiet_line


# --- Who is refused the number ------------------------------------------------------------------


def _activity_survey():
    activity = ActivityFactory()
    survey = SurveyFactory(audience="activity", activity=activity)
    return activity, survey


@pytest.mark.django_db
def test_hosts_see_their_results_but_not_the_waiting_count(client, settings):
    settings.FEEDBACK_MIN_RESPONSES = 3
    activity, survey = _activity_survey()
    for _ in range(2):
        person = PartnerFactory()
        RegistrationFactory(activity=activity, user=person)
        client.force_login(person)
        scale = next(q for q in survey.questions.all() if q.kind == "scale")
        client.post(f"/en/feedback/{survey.pk}/", {f"q{scale.pk}": "4"})
    lead = MembershipFactory(organisation=activity.host_organisations.first(), role="lead").user

    response = _results(client, lead, survey)

    page = text_of(response)
    assert PendingSubmission.objects.filter(survey=survey).count() == 2
    assert response.status_code == 200
    assert "Results appear once at least 3 people have answered" in page
    assert "waiting" not in page
    assert WAITING_NOTE not in page


def _hidden_member():
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    return MembershipFactory(organisation=hidden).user


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["partner", "partner of another organisation", "hidden organisation member"]
)
def test_people_outside_the_team_are_refused_the_results_and_the_count(client, who):
    activity, survey = _activity_survey()
    answer_as_new_partner(client, SurveyFactory())
    RegistrationFactory(activity=activity, user=PartnerFactory())
    person = {
        "partner": lambda: RegistrationFactory(activity=activity, user=PartnerFactory()).user,
        "partner of another organisation": PartnerFactory,
        "hidden organisation member": _hidden_member,
    }[who]()

    responses = [
        _results(client, person, survey),
        _results(client, None, feedback_box()),
        client.get("/en/feedback/manage/"),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert all(WAITING_NOTE not in text_of(r) for r in responses)
    assert all(" waiting" not in text_of(r) for r in responses)


@pytest.mark.django_db
def test_visitors_are_sent_to_sign_in(client):
    survey = SurveyFactory()

    responses = [_results(client, None, survey), client.get("/en/feedback/manage/")]

    assert [r.status_code for r in responses] == [302, 302]
    assert all(r["Location"].startswith("/en/accounts/login/") for r in responses)


@pytest.mark.django_db
def test_staff_without_two_factor_or_deactivated_are_refused_the_count(client):
    survey = SurveyFactory()
    answer_as_new_partner(client, survey)
    no_mfa = StaffFactory(totp=False)
    deactivated = StaffFactory(is_active=False)

    no_mfa_responses = [
        _results(client, no_mfa, survey),
        client.get("/en/feedback/manage/"),
    ]
    deactivated_responses = [
        _results(client, deactivated, survey),
        client.get("/en/feedback/manage/"),
    ]

    assert [r.status_code for r in no_mfa_responses + deactivated_responses] == [302] * 4
    assert all(r["Location"] == "/en/accounts/2fa/totp/activate/" for r in no_mfa_responses)
    assert all(r["Location"].startswith("/en/accounts/login/") for r in deactivated_responses)


@pytest.mark.django_db
def test_a_user_without_staff_rights_cannot_read_the_count_even_as_superuser_of_nothing(client):
    # An account that is neither staff nor member: refused like anyone outside the team.
    survey = SurveyFactory()
    answer_as_new_partner(client, survey)

    response = _results(client, UserFactory(), survey)

    assert response.status_code == 403
    assert WAITING_NOTE not in text_of(response)


# --- What the number leaks --------------------------------------------------------------------


def _without_tokens(page: str) -> str:
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r'csrf[^"]*"[^"]*"', "", page)


@pytest.mark.django_db
def test_waiting_count_page_is_the_same_whatever_the_waiting_answers_say(client, settings):
    """Two surveys with the same number of waiting answers but opposite contents (scale 1 and
    no text vs scale 5 and a long free text, in French) give the team pages that differ only by
    the survey's own title and id: the page carries the number and nothing else of them."""
    settings.FEEDBACK_MIN_RESPONSES = 5
    low = SurveyFactory(title_en="Same title")
    high = SurveyFactory(title_en="Same title")
    for _ in range(3):
        answer_as_new_partner(client, low, scale="1")
        answer_as_new_partner(client, high, language="fr", scale="5", text="Très long " * 200)
    staff = StaffFactory()
    stylesheet = client.cookies[COOKIE].value
    client.cookies.clear()  # the respondents' "thank you" messages
    client.cookies[COOKIE] = stylesheet  # still a browser that holds the stylesheet

    pages = [
        _without_tokens(text_of(_results(client, staff, survey))).replace(f"/{survey.pk}/", "/ID/")
        for survey in (low, high)
    ]

    assert pages[0] == pages[1]
    assert "3 answers are waiting to be published." in pages[0]
    assert "Très long" not in pages[1]
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_waiting_count_never_moves_the_published_results(client, settings):
    """The count tells arrivals; the results still move only by whole batches of k."""
    settings.FEEDBACK_MIN_RESPONSES = 3
    survey = SurveyFactory()
    staff = StaffFactory()
    published = []
    for _ in range(8):
        answer_as_new_partner(client, survey)
        move_pending(survey_id=survey.pk)
        _results(client, staff, survey)
        published.append(Response.objects.filter(survey=survey).count())

    steps = {b - a for a, b in zip([0, *published], published, strict=False)} - {0}

    assert all(step >= 3 for step in steps)
    assert published == [0, 0, 0, 0, 0, 3, 3, 3]
    assert PendingSubmission.objects.filter(survey=survey).count() == 5
