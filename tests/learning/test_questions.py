import pytest
from django.urls import reverse
from django.utils import translation

from activities.enums import ActivityStatus
from activities.models import Material
from learning.models import LearningQuestion
from partners.enums import Visibility
from tests.factories import (
    ActivityFactory,
    ItemFactory,
    LearningQuestionFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    StaffFactory,
    UserFactory,
)
from workinggroup.enums import ItemState

pytestmark = pytest.mark.django_db


def _page(client, question):
    return client.get(reverse("learning:question", args=[question.pk]))


def test_ask_creates_question_in_its_language(client):
    partner = PartnerFactory()
    client.force_login(partner)

    response = client.post(
        reverse("learning:ask"),
        {"language": "es", "title": "¿Cómo evaluamos?", "body": "Ideas."},
    )

    question = LearningQuestion.objects.get()
    assert response.status_code == 302
    assert (question.title_es, question.original_language, question.asked_by) == (
        "¿Cómo evaluamos?",
        "es",
        partner,
    )


@pytest.mark.parametrize(
    "title",
    ["", "x" * 201, "bad\x00title", "bad\x07title"],
)
def test_ask_refuses_bad_input_with_translated_400(client, title):
    client.force_login(PartnerFactory(language="fr"))

    response = client.post(
        reverse("learning:ask"), {"language": "fr", "title": title, "body": "y" * 10}
    )

    assert response.status_code == 400
    assert LearningQuestion.objects.count() == 0


def test_ask_refuses_huge_body(client):
    client.force_login(PartnerFactory())

    response = client.post(
        reverse("learning:ask"), {"language": "en", "title": "Fine", "body": "y" * 6000}
    )

    assert response.status_code == 400


def test_edit_by_asker_other_partner_and_staff(client):
    question = LearningQuestionFactory()
    data = {"title_en": "Changed?", "title_es": "¿Cambiada?", "title_fr": "", "body_en": ""}
    data |= {"body_es": "", "body_fr": ""}
    client.force_login(PartnerFactory())
    assert client.post(reverse("learning:edit", args=[question.pk]), data).status_code == 403

    client.force_login(question.asked_by)
    assert client.post(reverse("learning:edit", args=[question.pk]), data).status_code == 302
    question.refresh_from_db()
    assert (question.title_en, question.title_es) == ("Changed?", "¿Cambiada?")

    client.force_login(StaffFactory())
    data["title_fr"] = "Changée ?"
    assert client.post(reverse("learning:edit", args=[question.pk]), data).status_code == 302
    question.refresh_from_db()
    assert question.title_fr == "Changée ?"


def test_edit_refuses_emptying_the_original_language(client):
    question = LearningQuestionFactory()
    client.force_login(question.asked_by)

    response = client.post(reverse("learning:edit", args=[question.pk]), {"title_en": ""})

    assert response.status_code == 400
    question.refresh_from_db()
    assert question.title_en.startswith("How do we learn")


def test_support_is_one_per_person_and_withdrawable(client):
    question = LearningQuestionFactory()
    partner = PartnerFactory()
    client.force_login(partner)
    url = reverse("learning:support", args=[question.pk])

    client.post(url, {"support": "yes"})
    client.post(url, {"support": "yes"})
    assert list(question.supporters.all()) == [partner]
    assert "1 person wants to learn about this." in _page(client, question).content.decode()

    client.post(url, {"support": "no"})
    client.post(url, {"support": "no"})
    assert question.supporters.count() == 0


def test_support_refuses_nonsense_with_400(client):
    question = LearningQuestionFactory()
    client.force_login(PartnerFactory(language="es"))

    with translation.override("es"):
        url = reverse("learning:support", args=[question.pk])
    response = client.post(url, {"support": "maybe"})

    assert response.status_code == 400
    assert "No entendimos esta solicitud." in response.content.decode()


def test_page_gathers_linked_activities_materials_and_outcomes(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    question = LearningQuestionFactory()
    listed = ActivityFactory(title_en="Listed call")
    draft = ActivityFactory(title_en="Draft call", status=ActivityStatus.DRAFT)
    Material.objects.create(
        activity=listed,
        kind="recording",
        title="The recording",
        language="en",
        link="https://video.example/1",
    )
    approved = ItemFactory(title_en="Approved idea", state=ItemState.APPROVED)
    open_item = ItemFactory(title_en="Still open idea", state=ItemState.SUBMITTED)
    question.activities.add(listed, draft)
    question.outcomes.add(approved, open_item)
    client.force_login(PartnerFactory())

    body = _page(client, question).content.decode()

    assert "Listed call" in body
    assert "The recording" in body
    assert "Approved idea" in body
    assert "Draft call" not in body
    assert "Still open idea" not in body


def test_asker_links_and_unlinks_an_activity_and_an_outcome(client):
    question = LearningQuestionFactory()
    activity = ActivityFactory()
    item = ItemFactory(state=ItemState.APPROVED)
    client.force_login(question.asked_by)
    url = reverse("learning:link", args=[question.pk])

    client.post(url, {"activity": activity.pk})
    client.post(url, {"outcome": item.pk})
    assert (list(question.activities.all()), list(question.outcomes.all())) == ([activity], [item])

    client.post(url, {"activity": activity.pk, "remove": "yes"})
    client.post(url, {"outcome": item.pk, "remove": "yes"})
    assert (question.activities.count(), question.outcomes.count()) == (0, 0)


def test_link_refuses_a_draft_activity_and_other_partners(client):
    question = LearningQuestionFactory()
    draft = ActivityFactory(status=ActivityStatus.DRAFT)
    client.force_login(question.asked_by)
    url = reverse("learning:link", args=[question.pk])

    assert client.post(url, {"activity": draft.pk}).status_code == 400
    assert client.post(url, {"activity": "99999999999999999999"}).status_code == 400
    client.force_login(PartnerFactory())
    assert client.post(url, {"activity": ActivityFactory().pk}).status_code == 403
    assert question.activities.count() == 0


def test_hidden_organisation_asker_is_never_named_to_others(client):
    hidden = OrganisationFactory(name="Secret Circle", visibility=Visibility.HIDDEN)
    asker = MembershipFactory(organisation=hidden, user=UserFactory(display_name="Ana Secret")).user
    question = LearningQuestionFactory(asked_by=asker, organisation=hidden)
    client.force_login(PartnerFactory())

    for response in (_page(client, question), client.get(reverse("learning:list"))):
        body = response.content.decode()
        assert "Ana Secret" not in body and "Secret Circle" not in body
        assert "A community member" in body

    client.force_login(asker)
    assert "Ana Secret" in _page(client, question).content.decode()


def test_translated_fallback_says_the_original_language(client):
    question = LearningQuestionFactory(
        title_en="", title_es="¿Qué funciona?", original_language="es"
    )
    client.force_login(PartnerFactory(language="fr"))

    with translation.override("fr"):
        body = _page(client, question).content.decode()

    assert "¿Qué funciona?" in body
    assert "espagnol" in body


def test_team_hides_a_question_from_the_community(client):
    question = LearningQuestionFactory(title_en="Abusive words")
    client.force_login(StaffFactory())
    url = reverse("learning:moderate", args=[question.pk])

    assert client.post(url, {"hide": "yes", "reason": ""}).status_code == 400
    assert client.post(url, {"hide": "yes", "reason": "Insults"}).status_code == 302

    client.force_login(PartnerFactory())
    assert _page(client, question).status_code == 404
    assert "Abusive words" not in client.get(reverse("learning:list")).content.decode()


def test_visitors_and_people_without_organisation_are_kept_out(client):
    question = LearningQuestionFactory()
    assert _page(client, question).status_code == 302
    client.force_login(UserFactory())
    assert _page(client, question).status_code == 403


def _questions(count):
    activity = ActivityFactory()
    supporter = PartnerFactory()
    for _ in range(count):
        question = LearningQuestionFactory()
        question.supporters.add(supporter)
        question.activities.add(activity)


@pytest.mark.parametrize("count", [10, 50])
def test_list_queries_are_constant(client, django_assert_max_num_queries, count):
    _questions(count)
    client.force_login(PartnerFactory())

    with django_assert_max_num_queries(10):
        response = client.get(reverse("learning:list"), {"order": "supported"})

    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 50])
def test_question_page_queries_are_constant(client, django_assert_max_num_queries, count):
    question = LearningQuestionFactory()
    for _ in range(count):
        activity = ActivityFactory()
        Material.objects.create(
            activity=activity, kind="recording", title="R", language="en", link="https://v.example"
        )
        question.activities.add(activity)
        question.outcomes.add(ItemFactory(state=ItemState.APPROVED))
    client.force_login(question.asked_by)

    with django_assert_max_num_queries(16):
        response = _page(client, question)

    assert response.status_code == 200


def test_activity_list_filters_by_question(client):
    question = LearningQuestionFactory()
    linked = ActivityFactory(title_en="Linked call")
    ActivityFactory(title_en="Other call")
    question.activities.add(linked)
    client.force_login(PartnerFactory())

    body = client.get(reverse("activities:list"), {"question": question.pk}).content.decode()

    assert "Linked call" in body
    assert "Other call" not in body


def test_activity_list_offers_no_question_filter_to_visitors(client):
    question = LearningQuestionFactory(title_en="Community only question")
    question.activities.add(ActivityFactory())

    body = client.get(reverse("activities:list")).content.decode()

    assert "Community only question" not in body
    assert 'name="question"' not in body


def test_demo_questions_are_loaded_once_in_three_languages(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)

    questions = LearningQuestion.objects.all()
    assert sorted(questions.values_list("original_language", flat=True)) == ["en", "es", "fr"]
    assert all(question.supporters.exists() for question in questions)
    assert all(question.activities.exists() for question in questions)


def test_activity_list_refuses_an_unknown_question_with_400(client):
    LearningQuestionFactory().activities.add(ActivityFactory())
    client.force_login(PartnerFactory())

    response = client.get(reverse("activities:list"), {"question": "abc"})

    assert response.status_code == 400
