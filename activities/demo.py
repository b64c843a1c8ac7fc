"""Demo activities: six months back, six months ahead, every type. Loaded by
`manage.py load_demo_data` (portal) through the activities services, so the activities are
published like real ones and the registrations arm their reminders.

Titles are given in the languages the hosts wrote them in; some only in Spanish or French, as
happens, so the "originally written in" notice shows.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from activities import services
from activities.enums import ActivityStatus, LedBy, MaterialKind, SupportKind
from activities.models import Activity, Registration
from core import languages
from partners.enums import MembershipRole
from partners.models import Membership, Organisation


@dataclass(frozen=True)
class DemoActivity:
    type: str
    weeks_from_now: int
    hours: float
    timezone: str  # the hosts' zone
    hour: int  # the local hour it starts at, in the hosts' zone
    hosts: tuple[str, ...]  # organisation slugs; the first one's lead hosts in person
    spoken: str
    interpretation: str
    format: str
    audience: str
    capacity: int | None
    titles: dict[str, str]  # the first language is the one it was written in
    descriptions: dict[str, str] = field(default_factory=dict)
    # Started and published by its hosts (the first organisation's lead); the team supports it.
    partner_led: bool = False

    @property
    def is_past(self) -> bool:
        return self.weeks_from_now < 0


ACTIVITIES = [
    DemoActivity(
        type="call",
        weeks_from_now=-24,
        hours=1.5,
        timezone="America/Guatemala",
        hour=9,
        hosts=("mujeres-unidas-salud",),
        spoken="es",
        interpretation="en,fr",
        format="online",
        audience="community",
        capacity=None,
        titles={
            "en": "Community health promoters: what works in rural areas",
            "es": ("Promotoras comunitarias de salud: lo que funciona en zonas rurales"),
            "fr": ("Promotrices de santé communautaires : ce qui marche en zone rurale"),
        },
        descriptions={
            "es": (
                "Compartimos cómo formamos y acompañamos a promotoras en "
                "aldeas sin centro de salud, con interpretación al inglés y "
                "al francés."
            ),
        },
    ),
    DemoActivity(
        type="webinar",
        weeks_from_now=-20,
        hours=1.5,
        timezone="Africa/Nairobi",
        hour=15,
        hosts=("tujenge-womens-network",),
        spoken="en",
        interpretation="es,fr",
        format="online",
        audience="public",
        capacity=300,
        titles={
            "en": "Women's cooperatives and county budgets",
            "es": "Cooperativas de mujeres y presupuestos del condado",
            "fr": "Coopératives de femmes et budgets de comté",
        },
        descriptions={
            "en": (
                "How Tujenge's cooperatives won a line in Kisumu's county "
                "budget, and what other partners can borrow from it."
            ),
        },
    ),
    DemoActivity(
        type="group_discussion",
        weeks_from_now=-17,
        hours=1,
        timezone="Africa/Dakar",
        hour=14,
        hosts=("femmes-debout-thies",),
        spoken="fr",
        interpretation="en",
        format="online",
        audience="community",
        capacity=25,
        titles={
            "fr": ("Cercle d'échange : accompagner les survivantes sans s'épuiser"),
        },
        descriptions={
            "fr": (
                "Un espace entre pairs pour parler de l'écoute, de la fatigue et du soin collectif."
            ),
        },
    ),
    DemoActivity(
        type="peer_mentoring",
        weeks_from_now=-15,
        hours=1,
        timezone="Asia/Kathmandu",
        hour=18,
        hosts=("asha-womens-collective",),
        spoken="en",
        interpretation="",
        format="online",
        audience="community",
        capacity=8,
        titles={
            "en": "Peer mentoring: starting girls' clubs in a new district",
        },
        descriptions={
            "en": ("Asha's facilitators mentor two partners who are starting girls' clubs."),
        },
    ),
    DemoActivity(
        type="community_building",
        weeks_from_now=-12,
        hours=1,
        timezone="America/Bogota",
        hour=10,
        hosts=("colectiva-semillas",),
        spoken="es",
        interpretation="en,fr",
        format="online",
        audience="community",
        capacity=None,
        titles={
            "es": "Café virtual de la comunidad",
            "en": "Community virtual coffee",
            "fr": "Café virtuel de la communauté",
        },
        descriptions={
            "es": "Una hora para conocernos, sin agenda. Trae tu café o tu té.",
        },
    ),
    DemoActivity(
        type="retreat",
        weeks_from_now=-10,
        hours=48,
        timezone="Africa/Nairobi",
        hour=9,
        hosts=(
            "tujenge-womens-network",
            "chikondi-girls",
        ),
        spoken="en",
        interpretation="fr,es",
        format="in_person",
        audience="community",
        capacity=40,
        titles={
            "en": "East and Southern Africa partners' retreat",
            "es": "Retiro de socias de África Oriental y Austral",
            "fr": "Retraite des partenaires d'Afrique de l'Est et australe",
        },
        descriptions={
            "en": ("Two days in Kisumu to plan joint advocacy and rest together."),
        },
    ),
    DemoActivity(
        type="collaborative_product",
        weeks_from_now=-8,
        hours=2,
        timezone="America/Port-au-Prince",
        hour=10,
        hosts=("femmes-debout-thies",),
        spoken="fr",
        interpretation="en,es",
        format="online",
        audience="community",
        capacity=15,
        titles={
            "fr": "Écriture collective : guide d'accueil des survivantes",
            "en": "Writing together: a guide to welcoming survivors",
        },
        descriptions={
            "fr": ("Deuxième séance d'écriture du guide partagé entre partenaires francophones."),
        },
    ),
    DemoActivity(
        type="convening",
        weeks_from_now=-6,
        hours=6,
        timezone="America/Lima",
        hour=9,
        hosts=("red-mujeres-andinas",),
        spoken="es",
        interpretation="en",
        format="hybrid",
        audience="community",
        capacity=60,
        titles={
            "es": "Encuentro andino sobre agua y economía de las mujeres",
        },
        descriptions={
            "es": ("Encuentro híbrido en Cusco y en línea con cooperativas de tejedoras."),
        },
    ),
    DemoActivity(
        type="webinar",
        weeks_from_now=-4,
        hours=1.5,
        timezone="Asia/Manila",
        hour=19,
        hosts=("bayanihan-kababaihan",),
        spoken="en",
        interpretation="es,fr",
        format="online",
        audience="public",
        capacity=500,
        titles={
            "en": "Women leading typhoon recovery",
            "es": "Mujeres al frente de la recuperación tras los tifones",
            "fr": "Des femmes à la tête de la reconstruction après les typhons",
        },
        descriptions={
            "en": ("Stories from Eastern Visayas, with interpretation into Spanish and French."),
        },
    ),
    DemoActivity(
        type="call",
        weeks_from_now=-2,
        hours=1.5,
        timezone="Africa/Dakar",
        hour=14,
        hosts=("femmes-debout-thies",),
        spoken="fr",
        interpretation="en,es",
        format="online",
        audience="community",
        capacity=None,
        titles={
            "fr": ("Appel du Learning Lab : le plaidoyer pendant les 16 jours d'activisme"),
            "en": "Learning Lab call: advocacy during the 16 Days of Activism",
            "es": ("Llamada del Learning Lab: incidencia durante los 16 días de activismo"),
        },
        descriptions={
            "fr": ("Partage des campagnes prévues par chaque partenaire pour les 16 jours."),
        },
    ),
    DemoActivity(
        type="call",
        weeks_from_now=1,
        hours=1.5,
        timezone="America/Guatemala",
        hour=9,
        hosts=("mujeres-unidas-salud",),
        spoken="es",
        interpretation="en,fr",
        format="online",
        audience="community",
        capacity=None,
        titles={
            "es": "Llamada del Learning Lab: salud menstrual y escuela",
            "en": "Learning Lab call: menstrual health and school",
            "fr": "Appel du Learning Lab : santé menstruelle et école",
        },
        descriptions={
            "es": (
                "Tres socias cuentan cómo la salud menstrual mantiene a las niñas en la escuela."
            ),
        },
    ),
    DemoActivity(
        type="group_discussion",
        weeks_from_now=2,
        hours=1,
        timezone="Africa/Lubumbashi",
        hour=15,
        hosts=("femmes-leaders-kivu",),
        spoken="fr",
        interpretation="en",
        format="online",
        audience="community",
        capacity=20,
        titles={
            "fr": "Discussion : l'épargne des femmes en zone de conflit",
        },
        descriptions={
            "fr": ("Comment les groupes d'épargne tiennent quand la sécurité se dégrade."),
        },
    ),
    DemoActivity(
        type="webinar",
        weeks_from_now=3,
        hours=1.5,
        timezone="Africa/Blantyre",
        hour=14,
        hosts=("chikondi-girls",),
        spoken="en",
        interpretation="es,fr",
        format="online",
        audience="public",
        capacity=300,
        titles={
            "en": "Ending child marriage with chiefs and mothers' groups",
            "es": ("Acabar con el matrimonio infantil con jefes y grupos de madres"),
            "fr": ("Mettre fin au mariage des enfants avec les chefs et les groupes de mères"),
        },
        descriptions={
            "en": "A public webinar on Chikondi's village-by-village approach.",
        },
    ),
    DemoActivity(
        type="peer_mentoring",
        weeks_from_now=4,
        hours=1,
        timezone="Asia/Kolkata",
        hour=17,
        hosts=("nari-shakti-sangathan",),
        spoken="en",
        interpretation="",
        format="online",
        audience="community",
        capacity=6,
        titles={
            "en": "Peer mentoring: negotiating fair wages as a collective",
        },
        descriptions={
            "en": ("Nari Shakti's organisers mentor partners starting wage campaigns."),
        },
    ),
    DemoActivity(
        type="community_building",
        weeks_from_now=6,
        hours=1,
        timezone="America/Bogota",
        hour=10,
        hosts=("colectiva-semillas",),
        spoken="es",
        interpretation="en,fr",
        format="online",
        audience="community",
        capacity=None,
        titles={
            "es": "Café virtual de fin de año",
            "en": "End-of-year virtual coffee",
            "fr": "Café virtuel de fin d'année",
        },
        descriptions={
            "es": "Celebramos el año juntas.",
        },
    ),
    DemoActivity(
        type="collaborative_product",
        weeks_from_now=8,
        hours=2,
        timezone="Africa/Nairobi",
        hour=11,
        hosts=("tujenge-womens-network",),
        spoken="en",
        interpretation="fr,es",
        format="online",
        audience="community",
        capacity=12,
        titles={
            "en": "Podcast recording: voices of the Learning Lab",
        },
        descriptions={
            "en": "Record the first episode of the partners' podcast.",
        },
    ),
    DemoActivity(
        type="convening",
        weeks_from_now=12,
        hours=8,
        timezone="Africa/Dakar",
        hour=9,
        hosts=(
            "femmes-debout-thies",
            "filles-du-faso",
        ),
        spoken="fr",
        interpretation="en,es",
        format="hybrid",
        audience="community",
        capacity=60,
        titles={
            "fr": "Rencontre des partenaires d'Afrique de l'Ouest",
            "en": "West Africa partners' convening",
            "es": "Encuentro de socias de África Occidental",
        },
        descriptions={
            "fr": ("Une journée à Thiès et en ligne pour construire un agenda commun."),
        },
    ),
    DemoActivity(
        type="retreat",
        weeks_from_now=18,
        hours=72,
        timezone="America/Lima",
        hour=9,
        hosts=(
            "red-mujeres-andinas",
            "mujeres-unidas-salud",
        ),
        spoken="es",
        interpretation="en,fr",
        format="in_person",
        audience="community",
        capacity=60,
        titles={
            "es": "Retiro anual del Learning Lab",
            "en": "Annual Learning Lab retreat",
            "fr": "Retraite annuelle du Learning Lab",
        },
        descriptions={
            "es": ("Tres días en el Valle Sagrado: descanso, aprendizaje y planificación."),
        },
    ),
    DemoActivity(
        type="webinar",
        weeks_from_now=20,
        hours=1.5,
        timezone="America/Port-au-Prince",
        hour=11,
        hosts=("bayanihan-kababaihan",),
        spoken="en",
        interpretation="es,fr",
        format="online",
        audience="public",
        capacity=300,
        titles={
            "en": "Climate adaptation led by women",
            "es": "Adaptación climática liderada por mujeres",
            "fr": "L'adaptation climatique menée par les femmes",
        },
        descriptions={
            "en": "Partners from the Philippines and the Andes compare notes.",
        },
    ),
    DemoActivity(
        type="call",
        weeks_from_now=24,
        hours=1.5,
        timezone="Asia/Kathmandu",
        hour=18,
        hosts=("asha-womens-collective",),
        spoken="en",
        interpretation="es,fr",
        format="online",
        audience="community",
        capacity=None,
        titles={
            "en": "Learning Lab call: girls' leadership in the hills",
        },
        descriptions={
            "en": "Asha shares what girls' clubs changed in five years.",
        },
    ),
    DemoActivity(
        type="group_discussion",
        weeks_from_now=5,
        hours=2,
        timezone="America/Guatemala",
        hour=10,
        hosts=("mujeres-unidas-salud",),
        spoken="es",
        interpretation="",
        format="online",
        audience="community",
        capacity=30,
        titles={
            "es": "Círculo de parteras: acompañar partos en comunidades lejanas",
            "en": "Midwives' circle: supporting births in remote communities",
        },
        descriptions={
            "es": "Organizado por nosotras: compartimos lo que aprendimos en tres años.",
        },
        partner_led=True,
    ),
]


def _data(row: DemoActivity, index: int, now: datetime.datetime) -> dict:
    starts = (now + datetime.timedelta(weeks=row.weeks_from_now)).astimezone(ZoneInfo(row.timezone))
    starts = starts.replace(hour=row.hour)
    data = {
        "type": row.type,
        "original_language": next(iter(row.titles)),
        "spoken_languages": row.spoken,
        "interpretation_languages": row.interpretation,
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=row.hours),
        "timezone": row.timezone,
        "format": row.format,
        "place": ""
        if row.format == "online"
        else "Kisumu"
        if row.timezone.startswith("Africa")
        else "Cusco",
        "online_link": "" if row.format == "in_person" else f"https://meet.example/ll-{index}",
        "capacity": row.capacity,
        "registration_deadline": None,
        "audience": row.audience,
    }
    for code in languages.codes():
        data[f"title_{code}"] = row.titles.get(code, "")
        data[f"description_{code}"] = row.descriptions.get(code, "")
    return data


def _attendance(activity: Activity, people: list[User]) -> int:
    """Who came to a past activity. Written directly: the registration service refuses an
    activity that has started, and reminders of the past have nothing to arm."""
    for offset, person in enumerate(people):
        Registration.objects.create(
            activity=activity,
            user=person,
            interpretation_language=person.language
            if person.language in activity.interpretation_language_list
            else "",
            requested_at=activity.starts_at - datetime.timedelta(days=10 - offset),
        )
    return len(people)


def _support(activity: Activity, *, host: User, staff: User) -> int:
    """A partner-led activity's exchange with the team: one request confirmed, one open, and a
    suggestion waiting for the hosts."""
    interpretation = services.request_support(
        activity=activity,
        by=host,
        kind=SupportKind.INTERPRETATION,
        details="Interpretación al inglés y al francés para unas 30 personas.",
        language="es",
    )
    services.answer_support(
        support=interpretation,
        by=staff,
        confirm=True,
        note="Two interpreters are booked (English and French).",
    )
    services.request_support(
        activity=activity,
        by=host,
        kind=SupportKind.BUDGET,
        details="Datos móviles para 10 parteras que se conectan desde el campo.",
        language="es",
    )
    services.suggest(
        activity=activity,
        by=staff,
        text="You could invite the midwives' network of Red Mujeres Andinas too.",
    )
    return 3


def load(*, organisations: dict[str, Organisation], staff: User, partners: list[User]) -> int:
    """Create the activities not there yet (matched by their first title); register demo
    partners. Returns how many rows it created."""
    created = 0
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for index, row in enumerate(ACTIVITIES):
        language, title = next(iter(row.titles.items()))
        if Activity.objects.filter(**{f"title_{language}": title}).exists():
            continue
        hosts = [organisations[slug] for slug in row.hosts]
        lead = Membership.objects.filter(organisation=hosts[0], role=MembershipRole.LEAD).first()
        partner_led = row.partner_led and lead is not None
        activity = services.create_activity(
            by=lead.user if partner_led else staff,
            data=_data(row, index, now),
            status=ActivityStatus.SCHEDULED,
            host_organisations=hosts,
            host_people=[lead.user] if lead else [],
            focus_areas=[],
            led_by=LedBy.PARTNERS if partner_led else LedBy.TEAM,
        )
        created += 1
        if partner_led:
            created += _support(activity, host=lead.user, staff=staff)
        attendees = partners[index % 3 :: 2][:5]
        if row.is_past:
            created += _attendance(activity, attendees)
            services.change_status(activity=activity, to=ActivityStatus.COMPLETED, by=None)
            services.add_material(
                activity=activity,
                by=staff,
                kind=MaterialKind.RECORDING,
                title=title,
                language=language,
                link=f"https://video.example/ll-{index}",
            )
            created += 1
            continue
        for person in attendees:
            services.register(
                activity=activity,
                user=person,
                interpretation_language=person.language
                if person.language in activity.interpretation_language_list
                else "",
            )
            created += 1
    return created
