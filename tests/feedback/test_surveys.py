"""Answering surveys and the feedback box; bad input; audiences; after-activity surveys; notices;
building surveys; results and their thresholds; query counts. The attacks on anonymity are in
test_anonymity.py, test_batches.py and test_database_copy.py."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from activities.enums import RegistrationStatus
from feedback.models import PendingSubmission, Receipt, Response, Survey
from feedback.notifications import send_due_notices
from feedback.sealing import answers_of, unseal
from feedback.selectors import feedback_box
from feedback.services import move_pending
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    PartnerFactory,
    RegistrationFactory,
    StaffFactory,
    SurveyFactory,
    UserFactory,
)
from tests.feedback.utils import answer_data, questions_of
from tests.utils import text_of, translated


def _nothing_saved():
    return not Receipt.objects.exists() and not PendingSubmission.objects.exists()


@pytest.mark.django_db
def test_partner_sees_open_surveys_answers_in_spanish_and_cannot_answer_twice(client):
    survey = SurveyFactory(title_es="Encuesta anual")
    person = PartnerFactory(language="es")
    client.force_login(person)

    listing = text_of(client.get("/es/feedback/"))
    page = text_of(client.get(f"/es/feedback/{survey.pk}/"))
    first = client.post(f"/es/feedback/{survey.pk}/", answer_data(survey, text="Gracias"))
    second = client.post(f"/es/feedback/{survey.pk}/", answer_data(survey))

    assert "Encuesta anual" in listing
    assert translated("es", "What is stored, and what is not") in page
    assert first.status_code == 302
    assert first["Location"] == "/es/feedback/"
    assert second.status_code == 409
    assert translated("es", "You have already answered this survey. Thank you!") in text_of(second)
    waiting = PendingSubmission.objects.get()
    assert b"Gracias" not in bytes(waiting.sealed)
    assert answers_of(unseal(waiting.sealed)[1]) == {
        str(questions_of(survey)["scale"].pk): "4",
        str(questions_of(survey)["text"].pk): "Gracias",
    }
    assert Receipt.objects.get().day == timezone.localdate()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ((-10, -1), "This survey is closed."),
        ((2, 10), "This survey is not open yet."),
    ],
)
def test_closed_or_not_yet_open_survey_is_a_409(client, dates, message):
    today = timezone.localdate()
    survey = SurveyFactory(
        opens_on=today + datetime.timedelta(days=dates[0]),
        closes_on=today + datetime.timedelta(days=dates[1]),
    )
    client.force_login(PartnerFactory())

    response = client.post(f"/fr/feedback/{survey.pk}/", answer_data(survey))

    assert response.status_code == 409
    assert translated("fr", message) in text_of(response)
    assert _nothing_saved()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    ["missing required", "outside the scale", "tampered question", "choice of another question"],
)
def test_bad_answers_are_a_translated_400_and_nothing_is_saved(client, bad):
    survey = SurveyFactory()
    other = SurveyFactory()
    questions = questions_of(survey)
    data = answer_data(survey)
    if bad == "missing required":
        data.pop(f"q{questions['scale'].pk}")
        message = "This field is required."
    elif bad == "outside the scale":
        data[f"q{questions['scale'].pk}"] = "7"
        message = "That is not one of the choices offered here. Please choose from the list."
    elif bad == "tampered question":
        data[f"q{questions_of(other)['scale'].pk}"] = "3"
        message = "This form no longer matches the survey. Reload the page and answer again."
    else:
        foreign_choice = questions_of(other)["single"].choices.first()
        data[f"q{questions['single'].pk}"] = str(foreign_choice.pk)
        message = "That is not one of the choices offered here. Please choose from the list."
    client.force_login(PartnerFactory())

    response = client.post(f"/es/feedback/{survey.pk}/", data)

    assert response.status_code == 400
    assert translated("es", message).split("%(")[0] in text_of(response)
    assert _nothing_saved()


@pytest.mark.django_db
@pytest.mark.parametrize("audience", ["working_group", "activity"])
def test_surveys_meant_for_others_are_not_found(client, audience):
    activity = ActivityFactory()
    survey = SurveyFactory(audience=audience, activity=activity)
    client.force_login(PartnerFactory())

    response = client.post(f"/en/feedback/{survey.pk}/", answer_data(survey))

    assert response.status_code == 404
    assert _nothing_saved()
    assert survey.title_en not in text_of(client.get("/en/feedback/"))


@pytest.mark.django_db
def test_registrants_and_working_group_members_can_answer_their_surveys(client):
    activity = ActivityFactory()
    registered = RegistrationFactory(activity=activity, user=PartnerFactory()).user
    member = PartnerFactory(is_working_group_member=True)
    for person, survey in (
        (registered, SurveyFactory(audience="activity", activity=activity)),
        (member, SurveyFactory(audience="working_group")),
    ):
        client.force_login(person)
        response = client.post(f"/en/feedback/{survey.pk}/", answer_data(survey))
        assert (response.status_code, response["Location"]) == (302, "/en/feedback/")
        assert Receipt.objects.filter(survey=survey, user=person).exists()


@pytest.mark.django_db
def test_feedback_box_takes_many_messages_without_receipts(client):
    box = feedback_box()
    message = next(q for q in box.questions.all() if q.kind == "text")
    client.force_login(PartnerFactory())

    responses = [
        client.post("/fr/feedback/box/", {f"q{message.pk}": f"Idée {n}"}) for n in range(2)
    ]

    assert [(r.status_code, r["Location"]) for r in responses] == [(302, "/fr/feedback/")] * 2
    assert PendingSubmission.objects.filter(survey=box).count() == 2
    assert not Receipt.objects.exists()


@pytest.mark.django_db
def test_visitors_and_strangers_cannot_use_the_box(client):
    visitor = client.get("/en/feedback/box/")
    client.force_login(UserFactory())
    stranger = client.post("/en/feedback/box/", {})

    assert visitor.status_code == 302
    assert visitor["Location"].startswith("/en/accounts/login/?next=")
    assert stranger.status_code == 404
    assert not PendingSubmission.objects.exists()


@pytest.mark.django_db
def test_host_attaches_a_survey_and_participants_are_invited_when_it_ends(
    client, django_capture_on_commit_callbacks
):
    start = timezone.now() - datetime.timedelta(hours=3)
    activity = ActivityFactory(
        starts_at=start, ends_at=start + datetime.timedelta(hours=1), title_es="Taller"
    )
    lead = MembershipFactory(organisation=activity.host_organisations.first(), role="lead").user
    attendee = RegistrationFactory(activity=activity, user=PartnerFactory(language="es")).user
    RegistrationFactory(activity=activity, status=RegistrationStatus.CANCELLED)
    template = Survey.objects.get(kind="template")
    client.force_login(lead)

    response = client.post(f"/en/feedback/activity/{activity.pk}/", {"template": template.pk})
    survey = Survey.objects.get(activity=activity)
    with django_capture_on_commit_callbacks(execute=True):
        first = send_due_notices()
    with django_capture_on_commit_callbacks(execute=True):
        again = send_due_notices()

    assert response.status_code == 302
    assert survey.questions.count() == template.questions.count()
    # It ended two hours ago: today, or yesterday when run just after midnight, when the survey
    # is attached late and opens the day it is attached. Either way it opens today.
    assert survey.opens_on == timezone.localdate()
    assert (first, again) == (1, 0)
    assert [m.to for m in mail.outbox] == [[attendee.email]]
    assert "Taller" in mail.outbox[0].subject


@pytest.mark.django_db
def test_single_reminder_goes_only_to_those_who_have_not_answered(
    client, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    survey = SurveyFactory(closes_on=today + datetime.timedelta(days=1))
    answered, silent = PartnerFactory(), PartnerFactory(language="fr")
    invited = timezone.now() - datetime.timedelta(days=4)
    Survey.objects.filter(pk=survey.pk).update(opening_notice_sent_at=invited)
    client.force_login(answered)
    client.post(f"/en/feedback/{survey.pk}/", answer_data(survey))

    with django_capture_on_commit_callbacks(execute=True):
        send_due_notices()
    with django_capture_on_commit_callbacks(execute=True):
        send_due_notices()

    assert [m.to for m in mail.outbox] == [[silent.email]]
    assert translated("fr", "Last days to answer: %(title)s").split("%(")[0] in (
        mail.outbox[0].subject
    )


@pytest.mark.django_db
def test_other_partners_cannot_attach_surveys(client):
    activity = ActivityFactory()
    client.force_login(PartnerFactory())

    response = client.get(f"/en/feedback/activity/{activity.pk}/")

    assert response.status_code == 403
    assert "Only the hosts and the team can add a survey." in text_of(response)


@pytest.mark.django_db
def test_staff_builds_a_survey_in_three_languages(client):
    client.force_login(StaffFactory())
    today = timezone.localdate()

    created = client.post(
        "/en/feedback/manage/new/",
        {
            "audience": "partners",
            "opens_on": today,
            "closes_on": today + datetime.timedelta(7),
            "title_en": "Annual survey",
            "title_es": "Encuesta anual",
            "title_fr": "",
            "introduction_en": "",
            "introduction_es": "",
            "introduction_fr": "",
        },
    )
    survey = Survey.objects.get(title_en="Annual survey")
    added = client.post(
        f"/en/feedback/manage/{survey.pk}/questions/",
        {
            "kind": "single",
            "required": "on",
            "text_en": "Which?",
            "text_es": "¿Cuál?",
            "choices_en": "Calls\nRetreats",
            "choices_es": "Llamadas\nRetiros",
        },
    )
    mismatched = client.post(
        f"/en/feedback/manage/{survey.pk}/questions/",
        {"kind": "single", "text_en": "Which?", "choices_en": "A\nB", "choices_fr": "A"},
    )

    question = survey.questions.get()
    assert (created.status_code, added.status_code, mismatched.status_code) == (302, 302, 400)
    assert [c.text_es for c in question.choices.all()] == ["Llamadas", "Retiros"]
    assert [c.text_fr for c in question.choices.all()] == [None, None] or [
        c.text_fr for c in question.choices.all()
    ] == ["", ""]


@pytest.mark.django_db
def test_questions_are_frozen_once_someone_answered(client):
    survey = SurveyFactory()
    client.force_login(PartnerFactory())
    client.post(f"/en/feedback/{survey.pk}/", answer_data(survey))
    client.force_login(StaffFactory())

    response = client.post(
        f"/en/feedback/manage/{survey.pk}/questions/", {"kind": "text", "text_en": "Late question"}
    )

    assert response.status_code == 409
    assert "People have already answered: the questions can no longer change." in text_of(response)
    assert survey.questions.count() == 3


@pytest.mark.django_db
def test_survey_that_closes_before_it_opens_is_a_400(client):
    client.force_login(StaffFactory())
    today = timezone.localdate()

    response = client.post(
        "/en/feedback/manage/new/",
        {
            "audience": "partners",
            "opens_on": today,
            "closes_on": today - datetime.timedelta(1),
            "title_en": "Backwards",
        },
    )

    assert response.status_code == 400
    assert "A survey must close on or after the day it opens." in text_of(response)
    assert not Survey.objects.filter(title_en="Backwards").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["manage/", "manage/new/"])
def test_partners_cannot_manage_surveys(client, path):
    client.force_login(PartnerFactory())

    response = client.get(f"/en/feedback/{path}")

    assert response.status_code == 403
    assert "Only the Learning Lab team manages surveys." in text_of(response)


def _answers(client, survey, count, **kwargs):
    for number in range(count):
        client.force_login(PartnerFactory(language=["en", "es"][number % 2]))
        client.post(
            f"/{['en', 'es'][number % 2]}/feedback/{survey.pk}/", answer_data(survey, **kwargs)
        )


def _close_and_move(survey):
    survey.opens_on = survey.closes_on = timezone.localdate() - datetime.timedelta(days=30)
    survey.save()
    return move_pending(survey_id=survey.pk)


@pytest.mark.django_db
def test_results_are_hidden_below_the_threshold(client, settings):
    survey = SurveyFactory()
    _answers(client, survey, 4, text="private words")
    moved_open = move_pending(survey_id=survey.pk)
    moved_closed = _close_and_move(survey)
    client.force_login(StaffFactory())

    page = text_of(client.get(f"/en/feedback/{survey.pk}/results/"))
    export = client.get(f"/en/feedback/{survey.pk}/results.csv")

    assert (moved_open, moved_closed) == (0, 0)
    assert Response.objects.filter(survey=survey).count() == 0
    assert PendingSubmission.objects.filter(survey=survey).count() == 4
    assert "private words" not in page
    assert "counted" not in page
    assert "Results appear once at least 5 people have answered" in page
    assert export.status_code == 403
    assert "The answers can be exported once at least 5 people have answered." in text_of(export)


@pytest.mark.django_db
def test_results_in_staff_language_with_chart_and_table(client, settings):
    survey = SurveyFactory(title_fr="Enquête")
    single = questions_of(survey)["single"]
    yes = single.choices.first()
    yes.text_fr = "Oui"
    yes.save()
    _answers(client, survey, 10, scale="5", single=yes.pk, text="Merci beaucoup")
    _close_and_move(survey)
    client.force_login(StaffFactory(language="fr"))

    page = text_of(client.get(f"/fr/feedback/{survey.pk}/results/"))
    export = client.get(f"/fr/feedback/{survey.pk}/results.csv").content.decode("utf-8-sig")

    assert "<svg" in page and "<table" in page
    assert re.search(r'lang="fr">Oui</th>\s*<td class="text-end result-count">10</td>', page)
    assert page.count("Merci beaucoup") == 10
    assert "moyenne\xa0: 5,0 sur 5</p>" in page
    assert "Anglais" not in page.split("<main")[1].split("</main>")[0]
    assert export.count("Merci beaucoup") == 10
    assert export.splitlines()[1:] == ["5,Oui,Merci beaucoup"] * 10


@pytest.mark.django_db
def test_hosts_see_results_other_partners_do_not(client):
    activity = ActivityFactory()
    survey = SurveyFactory(audience="activity", activity=activity)
    lead = MembershipFactory(organisation=activity.host_organisations.first(), role="lead").user

    client.force_login(lead)
    host = client.get(f"/en/feedback/{survey.pk}/results/")
    client.force_login(PartnerFactory())
    other = client.get(f"/en/feedback/{survey.pk}/results/")

    assert (host.status_code, other.status_code) == (200, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 5000])
def test_results_query_count_is_constant(client, django_assert_max_num_queries, count):
    from feedback.models import Answer

    survey = SurveyFactory()
    questions = questions_of(survey)
    yes = questions["single"].choices.first()
    responses = Response.objects.bulk_create(Response(survey=survey) for _ in range(count))
    Answer.objects.bulk_create(
        answer
        for response in responses
        for answer in (
            Answer(response=response, question=questions["scale"], scale_value=3),
            Answer(response=response, question=questions["single"], choice=yes),
            Answer(response=response, question=questions["text"], text="ok"),
        )
    )
    client.force_login(StaffFactory())

    with django_assert_max_num_queries(16):
        response = client.get(f"/en/feedback/{survey.pk}/results/")

    assert response.status_code == 200
