import threading

import pytest
from django.db import connection, connections

from stories import services
from stories.enums import Action, StoryState
from stories.exceptions import StoryError
from stories.models import StorySuggestion
from tests.factories import StaffFactory, StoryFactory
from tests.utils import require_service


@pytest.mark.django_db(transaction=True)
def test_two_staff_reviewing_at_once_cannot_both_win():
    require_service(
        connection.vendor == "postgresql",
        "concurrency is only meaningful on PostgreSQL (set DATABASE_URL)",
    )
    story = StoryFactory()
    story = services.transition(
        story=story, action=Action.SUBMIT, by=story.authors.first(), version=story.version
    )
    staff = [StaffFactory(), StaffFactory()]
    barrier = threading.Barrier(2)
    outcomes = []

    def act(person, action):
        try:
            barrier.wait(timeout=30)
            services.transition(
                story=story, action=action, by=person, version=story.version, message="Shorter?"
            )
            outcomes.append("won")
        except StoryError as error:
            outcomes.append(error.status_code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=(staff[0], Action.PUBLISH)),
        threading.Thread(target=act, args=(staff[1], Action.SUGGEST)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    story.refresh_from_db()
    assert sorted(outcomes, key=str) == [409, "won"]
    assert story.state in (StoryState.PUBLISHED, StoryState.DRAFT)
    assert StorySuggestion.objects.filter(story=story).count() == (
        1 if story.state == StoryState.DRAFT else 0
    )
