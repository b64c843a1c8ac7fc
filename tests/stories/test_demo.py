import pytest
from django.core.management import call_command
from PIL import Image

from stories.enums import Audience, StoryState
from stories.models import Story, StoryPhoto, StorySuggestion


@pytest.mark.django_db
def test_the_demo_shows_every_kind_of_story(settings, client):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)
    published = Story.objects.filter(state=StoryState.PUBLISHED)
    assert set(published.values_list("original_language", flat=True)) == {"en", "es", "fr"}
    assert published.filter(audience=Audience.COMMUNITY).exists()
    anonymous = published.get(anonymous=True)
    assert anonymous.organisation.visibility == "hidden"
    in_review = Story.objects.get(state=StoryState.IN_REVIEW)
    assert StorySuggestion.objects.filter(story=in_review).exists()
    for photo in StoryPhoto.objects.all():
        assert photo.alt_text
        with photo.image.open("rb") as stored:
            assert not Image.open(stored).getexif()
    count = Story.objects.count()
    call_command("load_demo_data", verbosity=0)
    assert Story.objects.count() == count
    page = client.get("/en/stories/").content.decode()
    assert "Market days as safe spaces" in page
    assert anonymous.organisation.name not in page
