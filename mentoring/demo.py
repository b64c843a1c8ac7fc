"""Peer mentoring in the demo, made through mentoring.services as people would: Valentina asked
Aminata for mentoring on fundraising (they share English), Aminata accepted and planned their
first session a week from the day the demo is loaded; Ana's request to Achieng waits for an
answer. Idempotent: a pair that already has a request is left alone."""

import datetime

from django.utils import timezone

from accounts.models import User
from mentoring import services
from mentoring.models import MentoringRequest
from mentoring.selectors import Topic
from people.models import Skill

MATCHED = (
    "valentina",
    "aminata",
    "fundraising",
    # Written in English, the language the two share (Aminata reads no Spanish).
    "Could you help us with our first proposal to a foundation? The budget is the hard part.",
)
OPEN = ("ana", "achieng", "fundraising", "I would love to learn how you found your first donors.")


def _ask(people, requester, peer, skill, message) -> MentoringRequest | None:
    """A request; the demo's messages are in English, the language each pair shares."""
    requester, peer = people[requester], people[peer]
    if MentoringRequest.objects.filter(requester=requester, peer=peer).exists():
        return None
    return services.ask(
        requester=requester,
        peer=peer,
        topic=Topic(skill=Skill.objects.get(slug=skill)),
        message=message,
        message_language="en",
    )


def load(*, people: dict[str, User]) -> int:
    """The two requests (one accepted, with its first session). Returns how many it wrote."""
    created = 0
    matched = _ask(people, *MATCHED)
    if matched is not None:
        peer = matched.peer
        day = timezone.localdate() + datetime.timedelta(days=7)
        start = datetime.datetime.combine(
            day, datetime.time(15), timezone.get_fixed_timezone(0)
        ).astimezone(datetime.UTC)
        services.accept(
            request=matched,
            by=peer,
            first_session={"starts_at": start, "minutes": 60, "zone": peer.timezone},
        )
        created += 2
    if _ask(people, *OPEN) is not None:
        created += 1
    return created
