"""The mentoring pages: a fixed number of queries whatever the rows; the admin never shows
what the two people wrote."""

import pytest
from django.urls import reverse

from tests.factories import MentoringRequestFactory, SkillFactory, UserFactory
from tests.mentoring.utils import person
from tests.mfa import give_authenticator
from tests.utils import text_of


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 6])
def test_my_requests_page_takes_constant_queries(client, rows, django_assert_max_num_queries):
    me = person()
    for _index in range(rows):
        MentoringRequestFactory(requester=me)
        MentoringRequestFactory(peer=me)
        MentoringRequestFactory(requester=me, state="accepted")
    client.force_login(me)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("mentoring:mine"))
    assert response.status_code == 200
    assert text_of(response).count("/mentoring/") >= 3 * rows


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 6])
def test_suggestions_page_takes_constant_queries(client, rows, django_assert_max_num_queries):
    skill = SkillFactory()
    me = person()
    for _index in range(rows):
        person(offers=[skill])
    client.force_login(me)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("mentoring:ask"), {"topic": f"skill:{skill.slug}"})
    assert response.status_code == 200
    assert text_of(response).count("/mentoring/ask/new/?peer=") == rows


@pytest.mark.django_db
def test_the_admin_never_shows_the_message_or_the_note(client):
    request = MentoringRequestFactory(
        message="A private worry", decline_note="A private note", state="declined"
    )
    admin = UserFactory(is_staff=True, is_superuser=True)
    give_authenticator(admin)
    client.force_login(admin)
    listing = client.get(reverse("admin:mentoring_mentoringrequest_changelist"))
    page = client.get(reverse("admin:mentoring_mentoringrequest_change", args=[request.pk]))
    assert (listing.status_code, page.status_code) == (200, 200)
    assert str(request.requester) in text_of(page)
    for text in (text_of(listing), text_of(page)):
        assert "A private worry" not in text and "A private note" not in text


@pytest.mark.django_db
def test_accepting_on_the_page_plans_the_first_session_in_the_peers_zone(client):
    import datetime
    import zoneinfo

    from django.utils import timezone

    from activities.enums import Audience
    from mentoring.enums import RequestState
    from mentoring.models import MentoringRequest

    request = MentoringRequestFactory()
    peer = request.peer
    peer.timezone = "Africa/Dakar"
    peer.language = "fr"
    peer.save()
    client.force_login(peer)
    url = reverse("mentoring:accept", kwargs={"pk": request.pk})
    day = timezone.localdate() + datetime.timedelta(days=5)

    # Without a time: a translated 400, the request still waiting, no session.
    refused = client.post(f"/fr{url[3:]}", {"version": request.version, "minutes": 60})
    assert refused.status_code == 400
    assert "Ce champ est obligatoire." in text_of(refused)
    request.refresh_from_db()
    assert request.state == RequestState.REQUESTED and not request.sessions.exists()

    response = client.post(
        url,
        {
            "version": request.version,
            "starts_at": f"{day.isoformat()}T16:00",
            "minutes": 60,
            "format": "online",
            "online_link": "https://meet.example/first",
        },
    )
    assert response.status_code == 302
    request = MentoringRequest.objects.get(pk=request.pk)
    assert request.state == RequestState.ACCEPTED
    activity = request.sessions.get().activity
    assert activity.audience == Audience.PRIVATE
    assert activity.starts_at == datetime.datetime.combine(
        day, datetime.time(16), zoneinfo.ZoneInfo("Africa/Dakar")
    )
    assert {r.user for r in activity.registrations.all()} == {request.requester, peer}


@pytest.mark.django_db
def test_a_first_session_in_the_past_refuses_the_acceptance_too(client):
    from mentoring.enums import RequestState

    request = MentoringRequestFactory()
    client.force_login(request.peer)
    response = client.post(
        reverse("mentoring:accept", kwargs={"pk": request.pk}),
        {"version": request.version, "starts_at": "2020-01-01T10:00", "minutes": 60},
    )
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.state == RequestState.REQUESTED and not request.sessions.exists()
