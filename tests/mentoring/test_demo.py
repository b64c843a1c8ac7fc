import pytest
from django.core.management import call_command

from activities.enums import Audience
from mentoring.enums import RequestState
from mentoring.models import MentoringRequest


@pytest.mark.django_db
def test_the_demo_has_a_matched_pair_with_a_first_session_and_an_open_request(settings, client):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)

    matched = MentoringRequest.objects.get(state=RequestState.ACCEPTED)
    assert (matched.requester.email, matched.peer.email) == (
        "valentina@semillas.example",
        matched.peer.email,
    )
    session = matched.sessions.get().activity
    assert session.audience == Audience.PRIVATE
    assert session.registrations.count() == 2
    assert MentoringRequest.objects.filter(state=RequestState.REQUESTED).count() == 1
    call_command("load_demo_data", verbosity=0)
    assert MentoringRequest.objects.count() == 2
    client.force_login(matched.requester)
    page = client.get(f"/es/mentoring/{matched.pk}/").content.decode()
    assert matched.peer.email in page
