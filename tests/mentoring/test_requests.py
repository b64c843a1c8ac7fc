"""Asking, answering and withdrawing: who may, the refusals (translated 4xx), the rate limit,
and what is sent to whom (nobody's address before acceptance)."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from mentoring import services
from mentoring.enums import RequestState
from mentoring.exceptions import MentoringError
from mentoring.models import MentoringRequest
from mentoring.selectors import Topic
from notifications.enums import Kind
from notifications.models import Delivery
from notifications.services import render
from tests.factories import SkillFactory, StaffFactory, UserFactory
from tests.mentoring.utils import person
from tests.utils import text_of, translated


@pytest.fixture
def skill():
    return SkillFactory(name_en="Fundraising", name_es="Recaudación", name_fr="Collecte de fonds")


@pytest.fixture
def pair(skill):
    asker = person(user=None, languages=[("es", "first")])
    asker.language = "es"
    asker.display_name = "Ana"
    asker.save()
    peer = person(offers=[skill], languages=[("es", "fluent"), ("fr", "first")])
    peer.language = "fr"
    peer.display_name = "Awa"
    peer.save()
    return asker, peer


def _first_session() -> dict:
    """The first session's fields of the accept form: ten days ahead, an hour, online."""
    day = timezone.localdate() + datetime.timedelta(days=10)
    return {"starts_at": f"{day.isoformat()}T15:00", "minutes": 60, "format": "online"}


def _ask(asker, peer, skill, **kwargs):
    return services.ask(requester=asker, peer=peer, topic=Topic(skill=skill), **kwargs)


@pytest.mark.django_db
def test_ask_sends_the_request_to_the_peer_in_their_language_without_the_address(pair, skill):
    asker, peer = pair
    request = _ask(
        asker, peer, skill, message="¿Me ayudas con la propuesta?", message_language="es"
    )

    assert request.state == RequestState.REQUESTED
    assert request.language == "es"
    delivery = Delivery.objects.get(kind=Kind.MENTORING_REQUEST)
    assert delivery.user == peer
    email = render(delivery)
    assert email.to == [peer.email]
    assert "Ana" in email.subject and "Collecte de fonds" in email.subject
    assert "¿Me ayudas con la propuesta?" in email.body
    assert translated("fr", "Originally written in Spanish.") in email.body
    assert asker.email not in email.body
    assert asker.email not in email.alternatives[0][0]


@pytest.mark.django_db
def test_second_open_request_to_the_same_peer_is_refused(pair, skill):
    asker, peer = pair
    _ask(asker, peer, skill)
    with pytest.raises(MentoringError) as refused:
        _ask(asker, peer, skill)
    assert refused.value.status_code == 409
    assert MentoringRequest.objects.count() == 1


@pytest.mark.django_db
def test_requests_are_rate_limited(skill):
    asker = person()
    for _index in range(services.REQUESTS_PER_DAY):
        _ask(asker, person(offers=[skill]), skill)
    with pytest.raises(MentoringError) as refused:
        _ask(asker, person(offers=[skill]), skill)
    assert refused.value.status_code == 429
    assert MentoringRequest.objects.count() == services.REQUESTS_PER_DAY


@pytest.mark.django_db
def test_asking_someone_who_does_not_offer_or_shares_no_language_is_refused(skill):
    asker = person(languages=[("fr", "first")])
    with pytest.raises(MentoringError) as refused:
        _ask(asker, person(), skill)
    assert refused.value.status_code == 404
    far = person(offers=[skill], languages=[("sw", "first")])
    with pytest.raises(MentoringError) as refused:
        _ask(asker, far, skill)
    assert refused.value.status_code == 400
    request = _ask(asker, far, skill, interpretation_ok=True)
    assert request.interpretation_ok is True and request.language == ""


@pytest.mark.django_db
def test_accept_introduces_both_with_each_others_address(pair, skill):
    asker, peer = pair
    request = _ask(asker, peer, skill)
    services.accept(request=request, by=peer, version=request.version)

    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED
    deliveries = Delivery.objects.filter(kind=Kind.MENTORING_ACCEPTED).order_by("user_id")
    assert [d.user for d in deliveries] == sorted([asker, peer], key=lambda u: u.pk)
    for delivery in deliveries:
        email = render(delivery)
        other = peer if delivery.user == asker else asker
        assert other.email in email.body
        assert other.display_name in email.subject


@pytest.mark.django_db
def test_decline_sends_the_kind_note_to_the_requester(pair, skill):
    asker, peer = pair
    request = _ask(asker, peer, skill)
    services.decline(request=request, by=peer, note="Pas ce mois-ci, désolée.", note_language="fr")

    delivery = Delivery.objects.get(kind=Kind.MENTORING_DECLINED)
    assert delivery.user == asker
    email = render(delivery)
    assert "Pas ce mois-ci, désolée." in email.body
    assert translated("es", "Originally written in French.") in email.body
    assert peer.email not in email.body


@pytest.mark.django_db
def test_only_the_peer_answers_and_only_once(pair, skill):
    asker, peer = pair
    request = _ask(asker, peer, skill)
    with pytest.raises(MentoringError) as refused:
        services.accept(request=request, by=asker)
    assert refused.value.status_code == 403
    services.withdraw(request=request, by=asker)
    with pytest.raises(MentoringError) as refused:
        services.accept(request=request, by=peer)
    assert refused.value.status_code == 409
    # The request email not sent yet is not sent at all.
    delivery = Delivery.objects.get(kind=Kind.MENTORING_REQUEST)
    from notifications.registry import NotDue

    with pytest.raises(NotDue):
        render(delivery)


@pytest.mark.django_db
def test_request_page_is_the_two_peoples_alone(client, pair, skill):
    asker, peer = pair
    request = _ask(asker, peer, skill, message="Secret words")
    url = reverse("mentoring:request", kwargs={"pk": request.pk})
    for outsider in (person(), StaffFactory(), UserFactory()):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(peer)
    page = client.get(url)
    assert page.status_code == 200
    assert "Secret words" in text_of(page)
    assert asker.email not in text_of(page)


@pytest.mark.django_db
def test_the_journey_through_the_pages(client, pair, skill):
    asker, peer = pair
    client.force_login(asker)
    found = client.get(reverse("mentoring:ask"), {"topic": f"skill:{skill.slug}"})
    assert found.status_code == 200
    assert "Awa" in text_of(found)
    sent = client.post(
        reverse("mentoring:new"),
        {"peer": peer.pk, "topic": f"skill:{skill.slug}", "message": "Hola"},
    )
    request = MentoringRequest.objects.get()
    assert sent.status_code == 302
    assert sent.url == reverse("mentoring:request", kwargs={"pk": request.pk})
    client.force_login(peer)
    accepted = client.post(
        reverse("mentoring:accept", kwargs={"pk": request.pk}),
        {"version": request.version, **_first_session()},
    )
    assert accepted.status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED
    page = text_of(client.get(reverse("mentoring:request", kwargs={"pk": request.pk})))
    assert asker.email in page


@pytest.mark.django_db
def test_bad_input_is_refused_with_a_translated_4xx(client, pair, skill):
    asker, peer = pair
    client.force_login(asker)
    assert client.get(reverse("mentoring:ask"), {"topic": "skill:nope"}).status_code == 400
    assert (
        client.get(reverse("mentoring:new"), {"peer": "x", "topic": "skill:a"}).status_code == 404
    )
    stranger = person()
    response = client.get(
        reverse("mentoring:new"), {"peer": stranger.pk, "topic": f"skill:{skill.slug}"}
    )
    assert response.status_code == 404
    request = _ask(asker, peer, skill)
    client.force_login(peer)
    stale = client.post(
        reverse("mentoring:accept", kwargs={"pk": request.pk}), {"version": 99, **_first_session()}
    )
    assert stale.status_code == 409
    client.force_login(asker)
    with translation.override("es"):
        url = reverse("mentoring:new")
    refused = client.post(url, {"peer": peer.pk, "topic": f"skill:{skill.slug}", "message": "x"})
    assert refused.status_code == 409
    assert translated(
        "es", "You have already asked this person: wait for their answer."
    ) in text_of(refused)


@pytest.mark.django_db
def test_people_outside_the_community_cannot_ask(client):
    client.force_login(UserFactory())
    assert client.get(reverse("mentoring:ask")).status_code == 403
    assert mail.outbox == []


@pytest.mark.django_db
def test_my_lab_links_peer_mentoring_with_what_waits(client, pair, skill):
    asker, peer = pair
    _ask(asker, peer, skill)
    client.force_login(peer)
    with translation.override("fr"):
        page = text_of(client.get(reverse("portal:home")))
        assert reverse("mentoring:mine") in page
        assert reverse("mentoring:ask") in page
    assert "1 demande attend votre réponse" in page.replace("\u00a0", " ")


@pytest.mark.django_db
def test_a_message_written_in_the_readers_language_carries_no_translation_notice(pair, skill):
    asker, peer = pair
    # Ana (Spanish) writes to Awa in French, and says so: Awa is not told it was translated.
    _ask(asker, peer, skill, message="Pouvez-vous m’aider ?", message_language="fr")

    email = render(Delivery.objects.get(kind=Kind.MENTORING_REQUEST))
    assert "Pouvez-vous m’aider ?" in email.body
    assert translated("fr", "Originally written in Spanish.") not in email.body


@pytest.mark.django_db
def test_the_forms_offer_first_the_language_the_two_share(client, pair, skill):
    asker, peer = pair
    client.force_login(asker)

    page = client.get(
        reverse("mentoring:new") + f"?peer={peer.pk}&topic=skill:{skill.slug}"
    ).content.decode()
    # They share Spanish (Awa speaks it fluently): offered first for Ana's message.
    assert '<option value="es" selected>' in page

    request = _ask(asker, peer, skill)
    client.force_login(peer)
    page = client.get(reverse("mentoring:decline", kwargs={"pk": request.pk})).content.decode()
    assert '<option value="es" selected>' in page


@pytest.mark.django_db
def test_the_introduction_says_when_the_first_session_is_in_each_readers_zone(pair, skill):
    asker, peer = pair
    asker.timezone = "America/Bogota"
    asker.save()
    peer.timezone = "Africa/Dakar"
    peer.save()
    request = _ask(asker, peer, skill)
    day = timezone.localdate() + datetime.timedelta(days=10)
    start = datetime.datetime.combine(day, datetime.time(16), zoneinfo.ZoneInfo("Africa/Dakar"))
    services.accept(
        request=request,
        by=peer,
        first_session={"starts_at": start, "minutes": 60, "zone": peer.timezone},
    )

    to_peer = render(Delivery.objects.get(kind=Kind.MENTORING_ACCEPTED, user=peer))
    to_asker = render(Delivery.objects.get(kind=Kind.MENTORING_ACCEPTED, user=asker))
    # 16:00 in Dakar is 11:00 in Bogotá; each reads their own clock, the zone named.
    assert "16:00" in to_peer.body and "(heure de Dakar)" in to_peer.body
    assert "11:00" in to_asker.body and "Bogotá" in to_asker.body
    assert "Planifiquen su primera sesión en el portal" not in to_asker.body
