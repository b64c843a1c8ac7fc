"""Demo learning questions: a few in Spanish, French and English, with supports and links to
the demo activities and Working Group outcomes, created through the services."""

from accounts.models import User
from activities.enums import ActivityStatus
from activities.models import Activity
from learning import services
from learning.models import LearningQuestion
from learning.selectors import OUTCOME_STATES
from partners.permissions import is_community_member
from workinggroup.models import Item

QUESTIONS = [
    (
        "es",
        "¿Cómo logramos que las personas jóvenes voluntarias sigan participando?",
        "Muchas vienen a una actividad y no vuelven. ¿Qué les funciona a otras organizaciones?",
    ),
    (
        "fr",
        "Comment mesurer l’effet de nos formations sur le terrain\u00a0?",
        "Nous avons des questionnaires, mais peu de retours après trois mois.",
    ),
    (
        "en",
        "How do we run a safe online space for survivors?",
        "Moderation, consent and recordings: what have others learned?",
    ),
]


def load(*, people: dict[str, User], staff: User) -> int:
    """Create the demo questions once (nothing when any exists). Returns how many rows."""
    if LearningQuestion.objects.exists():
        return 0
    partners = [
        person for person in people.values() if not person.is_staff and is_community_member(person)
    ]
    if not partners:
        return 0
    activities = list(
        Activity.objects.filter(status__in=ActivityStatus.LISTED).order_by("starts_at")[:3]
    )
    outcomes = list(Item.objects.filter(state__in=OUTCOME_STATES)[:2])
    created = 0
    for index, (language, title, body) in enumerate(QUESTIONS):
        asker = partners[index % len(partners)]
        question = services.ask_question(by=asker, language=language, title=title, body=body)
        created += 1
        for supporter in partners[: index + 2]:
            if supporter != asker:
                services.set_support(question=question, user=supporter, support=True)
                created += 1
        if index < len(activities):
            services.link_activity(question=question, by=asker, activity=activities[index])
            created += 1
        if index < len(outcomes):
            services.link_outcome(question=question, by=asker, item=outcomes[index])
            created += 1
    return created
