import pytest
from django.core.management import call_command

from accounts.models import User
from people.models import Profile
from people.selectors import profiles_visible_to


@pytest.mark.django_db
def test_the_demo_people_have_profiles_and_both_hidden_cases(settings, client):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)
    profiles = Profile.objects.all()
    assert profiles.count() >= 10
    assert set(profiles.values_list("original_language", flat=True)) == {"en", "es", "fr"}
    assert Profile.objects.get(user__email="nadege@fanmvanyan.example").listed_if_hidden is True
    assert Profile.objects.get(user__email="esperance@femmeskivu.example").listed_if_hidden is False
    count = profiles.count()
    call_command("load_demo_data", verbosity=0)
    assert Profile.objects.count() == count

    viewer = User.objects.get(email="valentina@semillas.example")
    seen = set(profiles_visible_to(viewer=viewer).values_list("user__display_name", flat=True))
    assert "Nadège Pierre" in seen and "Espérance Mugisho" not in seen
    client.force_login(viewer)
    page = client.get("/es/people/?skill=fundraising&language=fr").content.decode()
    assert "Aminata Diop" in page
    assert "Fanm Vanyan" not in page
