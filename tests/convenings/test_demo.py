import pytest
from django.core.management import call_command

from activities.enums import ActivityStatus
from activities.models import Material
from convenings.enums import ConveningState, SessionKind
from convenings.models import Convening, ConveningRegistration


@pytest.mark.django_db
def test_the_demo_has_a_past_and_a_coming_convening(settings, client):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)

    past = Convening.objects.get(state=ConveningState.ARCHIVED)
    coming = Convening.objects.get(state=ConveningState.PUBLISHED)
    assert past.outcomes_es and past.outcomes_fr and past.outcomes_en
    assert past.story_links.exists()
    assert Material.objects.filter(activity__convening_session__convening=past).exists()
    assert set(past.sessions.values_list("activity__status", flat=True)) == {
        ActivityStatus.COMPLETED
    }
    kinds = set(coming.sessions.values_list("kind", flat=True))
    assert {SessionKind.PARTNERSHIP_REVIEW, SessionKind.PUBLIC_EVENT} <= kinds
    assert coming.sessions.count() == 6
    assert ConveningRegistration.objects.filter(convening=coming).count() == 2
    count = Convening.objects.count()
    call_command("load_demo_data", verbosity=0)
    assert Convening.objects.count() == count
    page = client.get(f"/es/convenings/{coming.slug}/").content.decode()
    assert "Foro público: mujeres que transforman sus comunidades" in page
