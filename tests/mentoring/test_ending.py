"""Ending a mentoring relationship: either person, with confirmation; sessions still to come
are cancelled; both are invited to the one standing peer-mentoring survey, answered anonymously
like every survey and pooled across all relationships (never a survey per pair)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.enums import ActivityStatus
from feedback.enums import SurveyAudience
from feedback.models import Receipt, Survey
from feedback.permissions import is_in_audience
from feedback.sealing import generate_key
from feedback.selectors import audience_of, results
from feedback.services import submit_answers
from mentoring import services
from mentoring.enums import RequestState
from mentoring.exceptions import MentoringError
from mentoring.feedback import standing_survey
from notifications.enums import Kind
from notifications.models import Delivery
from notifications.services import render
from tests.factories import MentoringRequestFactory
from tests.mentoring.utils import person
from tests.utils import translated


@pytest.fixture
def relationship():
    return MentoringRequestFactory(requester=person(), peer=person(), state="accepted")


@pytest.mark.django_db
def test_either_ends_it_and_both_are_invited_to_the_one_survey(relationship):
    peer = relationship.peer
    peer.language = "fr"
    peer.save()
    session = services.plan_session(
        relationship=relationship,
        by=relationship.requester,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        minutes=60,
        zone="UTC",
    )

    services.end(relationship=relationship, by=relationship.requester)

    relationship.refresh_from_db()
    assert relationship.state == RequestState.ENDED
    assert relationship.ended_by == relationship.requester
    session.activity.refresh_from_db()
    assert session.activity.status == ActivityStatus.CANCELLED
    survey = Survey.objects.get(audience=SurveyAudience.PEER_MENTORING)
    assert survey.activity_id is None and survey.is_open()
    deliveries = Delivery.objects.filter(kind=Kind.MENTORING_ENDED)
    assert {d.user for d in deliveries} == {relationship.requester, peer}
    email = render(deliveries.get(user=peer))
    assert reverse("feedback:answer", kwargs={"pk": survey.pk}).replace("/en/", "/fr/") in (
        email.body
    )
    assert translated("fr", "Thank you both for your time and trust.") in email.body


@pytest.mark.django_db
def test_the_survey_is_shared_by_every_ended_relationship(relationship):
    other = MentoringRequestFactory(requester=person(), peer=person(), state="accepted")
    services.end(relationship=relationship, by=relationship.peer)
    services.end(relationship=other, by=other.requester)

    assert Survey.objects.filter(audience=SurveyAudience.PEER_MENTORING).count() == 1
    survey = standing_survey()
    assert set(audience_of(survey=survey)) == {
        relationship.requester,
        relationship.peer,
        other.requester,
        other.peer,
    }
    still_going = MentoringRequestFactory(requester=person(), state="accepted")
    assert is_in_audience(still_going.requester, survey) is False
    assert is_in_audience(relationship.peer, survey) is True


@pytest.mark.django_db
def test_answers_follow_the_feedback_rules(relationship, settings):
    settings.FEEDBACK_SEALING_KEYS = [generate_key()]
    services.end(relationship=relationship, by=relationship.peer)
    survey = standing_survey()
    question = survey.questions.order_by("position").first()

    submit_answers(survey=survey, user=relationship.peer, answers={str(question.pk): 4})

    assert Receipt.objects.filter(survey=survey).count() == 1
    # Two people can never be anonymous: nothing is shown below the threshold.
    assert results(survey=survey).shown is False
    assert results(survey=survey).questions == []


@pytest.mark.django_db
def test_only_the_two_end_it_and_only_once(relationship):
    with pytest.raises(MentoringError) as refused:
        services.end(relationship=relationship, by=person())
    assert refused.value.status_code == 403
    services.end(relationship=relationship, by=relationship.peer)
    with pytest.raises(MentoringError) as refused:
        services.end(relationship=relationship, by=relationship.requester)
    assert refused.value.status_code == 409


@pytest.mark.django_db
def test_end_page_asks_for_confirmation(client, relationship):
    client.force_login(relationship.peer)
    url = reverse("mentoring:end", kwargs={"pk": relationship.pk})
    assert client.get(url).status_code == 200
    unconfirmed = client.post(url, {"version": relationship.version})
    assert unconfirmed.status_code == 400
    relationship.refresh_from_db()
    assert relationship.state == RequestState.ACCEPTED
    done = client.post(url, {"version": relationship.version, "confirm": "on"})
    assert done.status_code == 302
    relationship.refresh_from_db()
    assert relationship.state == RequestState.ENDED
