"""Demo Working Group: proposals and recommendations in several states, a meeting ahead with
its draft agenda and a published one behind. Loaded by `manage.py load_demo_data` (portal)
through the workinggroup services: every state is reached by `transition()`, so the moderation
log and the notices are the state machine's own."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import User
from partners.models import Organisation
from workinggroup import decisions, services
from workinggroup.enums import (
    Action,
    Decision,
    DecisionMethod,
    FollowUpStatus,
    ItemKind,
    ItemState,
    Stance,
)
from workinggroup.models import Item, Meeting


@dataclass(frozen=True)
class Move:
    """A step through the state machine, by staff unless `by_proposer`."""

    action: str
    message: dict[str, str] = field(default_factory=dict)  # {language: text}
    private_note: str = ""
    by_proposer: bool = False


SUBMIT = Move(Action.SUBMIT, by_proposer=True)


@dataclass(frozen=True)
class DemoItem:
    kind: str
    proposer: str  # handle of a demo person (accounts/demo.py)
    organisation: str  # slug
    language: str
    title: str
    description: str
    moves: tuple[Move, ...] = ()
    details: dict = field(default_factory=dict)  # a proposal's activity fields
    supporters: tuple[str, ...] = ()
    comments: tuple[tuple[str, str], ...] = ()  # (handle, text)


ITEMS = [
    DemoItem(
        kind=ItemKind.RECOMMENDATION,
        proposer="valentina",
        organisation="colectiva-semillas",
        language="es",
        title="Rotar el horario de las llamadas",
        description="Que las llamadas del Learning Lab cambien de horario cada mes, para que "
        "ninguna región tenga que conectarse siempre de madrugada.",
        moves=(
            SUBMIT,
            Move(
                Action.PUT_ON_AGENDA,
                message={"es": "Lo discutimos en la próxima reunión del Grupo de Trabajo."},
            ),
        ),
        supporters=("aminata", "achieng", "sita"),
        comments=(
            ("aminata", "Oui ! Pour nous à Thiès, 7 h du matin à Bogotá, c'est midi : parfait."),
        ),
    ),
    DemoItem(
        kind=ItemKind.RECOMMENDATION,
        proposer="aminata",
        organisation="femmes-debout-thies",
        language="fr",
        title="Un fonds d'interprétation pour les activités des partenaires",
        description="Réserver un budget d'interprétation pour que chaque activité proposée "
        "par une partenaire puisse être suivie dans les trois langues.",
        moves=(SUBMIT,),
    ),
    DemoItem(
        kind=ItemKind.PROPOSAL,
        proposer="achieng",
        organisation="tujenge-womens-network",
        language="en",
        title="Peer exchange: bookkeeping for women's cooperatives",
        description="Two days of peer exchange where cooperative treasurers teach each other "
        "simple, honest bookkeeping.",
        moves=(SUBMIT,),
        details={
            "activity_type": "peer_mentoring",
            "spoken_languages": "en",
            "interpretation_languages": "fr,es",
            "format": "online",
            "audience": "community",
            "support_needed": "Interpretation into French and Spanish.",
        },
    ),
    DemoItem(
        kind=ItemKind.PROPOSAL,
        proposer="ana",
        organisation="mujeres-unidas-salud",
        language="es",
        title="Taller de seguridad digital para defensoras",
        description="Un taller práctico para proteger teléfonos y cuentas de quienes acompañan "
        "a sobrevivientes.",
        moves=(
            SUBMIT,
            Move(
                Action.REQUEST_CHANGES,
                # Written in two languages: a French reader gets the Spanish original, noted.
                message={
                    "es": "¿Pueden proponer dos fechas posibles y decir cuántas personas esperan?",
                    "en": "Could you suggest two possible dates and say how many people you "
                    "expect?",
                },
                private_note="Check the budget for a security trainer before approving.",
            ),
        ),
        details={
            "activity_type": "webinar",
            "spoken_languages": "es",
            "interpretation_languages": "en,fr",
            "format": "online",
            "audience": "community",
        },
    ),
    DemoItem(
        kind=ItemKind.PROPOSAL,
        proposer="esperance",
        organisation="femmes-leaders-kivu",
        language="fr",
        title="Visite d'échange sur l'épargne en zone de conflit",
        description="Une visite entre groupes d'épargne du Kivu et du Burkina Faso.",
        details={
            "activity_type": "retreat",
            "spoken_languages": "fr",
            "format": "in_person",
            "audience": "community",
        },
    ),
]


@dataclass(frozen=True)
class DemoEntry:
    """A free agenda entry (a topic, not from the queue)."""

    titles: dict[str, str]
    decision: str = ""
    outcome_notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoMeeting:
    days_from_now: int
    timezone: str
    entries: tuple[DemoEntry, ...]
    publish: bool = False


UPCOMING = DemoMeeting(
    days_from_now=14,
    timezone="Africa/Nairobi",
    entries=(
        DemoEntry(
            {
                "title_en": "Planning the annual retreat",
                "title_es": "Planificación del retiro anual",
                "title_fr": "Préparer la retraite annuelle",
            }
        ),
    ),
)
PAST = DemoMeeting(
    days_from_now=-30,
    timezone="America/Bogota",
    publish=True,
    entries=(
        DemoEntry(
            {
                "title_en": "Welcome to new partners",
                "title_es": "Bienvenida a las nuevas socias",
                "title_fr": "Accueil des nouvelles partenaires",
            },
            decision=Decision.NOTED,
            outcome_notes={
                "outcome_notes_es": "Cada nueva socia tendrá una socia acompañante durante "
                "seis meses."
            },
        ),
    ),
)


def _meeting(row: DemoMeeting, staff: User, now: datetime.datetime) -> Meeting:
    return services.create_meeting(
        by=staff,
        starts_at=now + datetime.timedelta(days=row.days_from_now),
        timezone_name=row.timezone,
    )


def _entries(meeting: Meeting, row: DemoMeeting, staff: User) -> None:
    for entry_row in row.entries:
        entry = services.add_free_entry(meeting=meeting, by=staff, titles=entry_row.titles)
        if entry_row.decision:
            services.record_outcome(
                entry=entry,
                by=staff,
                discussed=True,
                decision=entry_row.decision,
                notes=entry_row.outcome_notes,
            )
    if row.publish:
        services.publish_meeting(meeting=meeting, by=staff)


def _item(row: DemoItem, people, organisations, staff: User, meeting: Meeting) -> int:
    proposer = people[row.proposer]
    item = services.create_item(
        by=proposer,
        kind=row.kind,
        organisation=organisations[row.organisation],
        language=row.language,
        data={"title": row.title, "description": row.description, **row.details},
    )
    for move in row.moves:
        item = services.transition(
            item=item,
            action=move.action,
            by=proposer if move.by_proposer else staff,
            version=item.version,
            message=move.message,
            private_note=move.private_note,
            meeting=meeting if move.action == Action.PUT_ON_AGENDA else None,
        )
    for handle in row.supporters:
        services.toggle_support(item=item, user=people[handle])
    for handle, text in row.comments:
        services.add_comment(by=people[handle], body=text, item=item)
    return 1 + len(row.moves) + len(row.supporters) + len(row.comments)


def load(*, people: dict[str, User], organisations: dict[str, Organisation], staff: User) -> int:
    """Create the demo Working Group once (nothing when any item exists). Returns how many rows
    it created (items, moves, supports, comments, meetings)."""
    if Item.objects.exists():
        return 0
    now = timezone.now()
    upcoming = _meeting(UPCOMING, staff, now)
    created = 2
    for row in ITEMS:
        created += _item(row, people, organisations, staff, upcoming)
    _entries(upcoming, UPCOMING, staff)
    past = _meeting(PAST, staff, now)
    _entries(past, PAST, staff)
    return (
        created
        + _follow_ups(staff, people, now)
        + _open_decision(staff, people, now)
        + len(UPCOMING.entries)
        + len(PAST.entries)
    )


def _agreed_by_consent(item: Item, staff: User, people, now: datetime.datetime) -> Item:
    """A decision by consent, opened four days ago until two days ago: the three members of
    the Working Group consented (one said so in the call: the facilitator recorded it)."""
    opened = now - datetime.timedelta(days=4)
    decision_round = decisions.open_decision(
        item=item,
        by=staff,
        version=item.version,
        method=DecisionMethod.CONSENT,
        closes_at=opened + datetime.timedelta(days=2),
        now=opened,
    )
    for handle, recorded in (("ana", False), ("aminata", False), ("achieng", True)):
        decisions.take_position(
            decision_round=decision_round,
            by=staff if recorded else people[handle],
            member=people[handle],
            stance=Stance.CONSENT,
            now=opened + datetime.timedelta(hours=6),
        )
    # Closed by the beat task's service at its first run after the deadline: now, the moment the
    # item's history (written as the demo loads) gives it too.
    decisions.close_round(decision_round=decision_round, now=now)
    item.refresh_from_db()
    return item


def _open_decision(staff: User, people, now: datetime.datetime) -> int:
    """The bookkeeping peer exchange (a proposal) before the Working Group now, by consent until
    three days from now: one member consented, one objected with a reason, one has not answered
    (the "Decisions waiting for me" of Achieng)."""
    item = (
        Item.objects.filter(kind=ItemKind.PROPOSAL, state=ItemState.SUBMITTED)
        .order_by("pk")
        .first()
    )
    starts = (now + datetime.timedelta(days=30)).replace(minute=0, second=0, microsecond=0)
    decision_round = decisions.open_decision(
        item=item,
        by=staff,
        version=item.version,
        method=DecisionMethod.CONSENT,
        closes_at=now + datetime.timedelta(days=3),
        schedule=services.Schedule(starts, starts + datetime.timedelta(hours=2), "Africa/Nairobi"),
    )
    decisions.take_position(
        decision_round=decision_round, by=people["aminata"], stance=Stance.CONSENT
    )
    decisions.take_position(
        decision_round=decision_round,
        by=people["ana"],
        stance=Stance.OBJECT,
        reason="Dos días seguidos es mucho para las tesoreras que trabajan: ¿dos mañanas?",
    )
    return 3


def _follow_ups(staff: User, people, now: datetime.datetime) -> int:
    """The submitted recommendation (an interpretation fund) agreed by the Working Group, with
    what the Lab does about it."""
    item = (
        Item.objects.filter(kind=ItemKind.RECOMMENDATION, state=ItemState.SUBMITTED)
        .order_by("pk")
        .first()
    )
    item = _agreed_by_consent(item, staff, people, now)
    today = timezone.localdate()
    for texts, owner, status, days in (
        (
            {
                "description_en": "Set aside an interpretation budget in next year's plan.",
                "description_es": "Reservar un presupuesto de interpretación en el plan del año.",
                "description_fr": "Réserver un budget d’interprétation dans le plan de l’année.",
            },
            "The Learning Lab team",
            FollowUpStatus.IN_PROGRESS,
            20,
        ),
        (
            {"description_en": "Ask partners after three months whether it reaches them."},
            "Regional coordinators",
            FollowUpStatus.PLANNED,
            110,
        ),
    ):
        services.save_follow_up(
            item=item,
            by=staff,
            data={
                **texts,
                "owner": owner,
                "status": status,
                "due_on": today + datetime.timedelta(days=days),
            },
        )
    return 3
