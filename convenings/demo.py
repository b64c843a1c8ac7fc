"""Demo convenings: a past one (Nairobi, archived, with its outcomes, a recording and a story
in its archive) and a coming one (Oaxaca, published, six sessions with a State of the
Partnership review and a public event alongside, interpretation between Spanish, French and
English). Sessions are activities made through activities.services, places are asked for
through convenings.services; loaded by `manage.py load_demo_data` (portal), idempotent."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from activities import services as activity_services
from activities.enums import ActivityStatus, MaterialKind
from activities.models import Registration
from convenings import services
from convenings.enums import ConveningState, SessionKind
from convenings.models import Convening, ConveningRegistration, ConveningSession, ConveningStory
from core import languages
from partners.models import Organisation
from stories.models import Story

PAST_SLUG = "nairobi"
COMING_SLUG = "oaxaca"

# (day of the convening, local hour, hours, kind, audience, hosts, spoken, interpretation,
#  capacity, titles: the first language is the one it was written in)
COMING_SESSIONS = [
    (
        0,
        9,
        2,
        SessionKind.PLENARY,
        "community",
        ("mujeres-unidas-salud",),
        "es",
        "en,fr",
        None,
        {
            "es": "Apertura: diez años de aprendizaje entre pares",
            "en": "Opening: ten years of peer learning",
            "fr": "Ouverture : dix ans d’apprentissage entre pairs",
        },
    ),
    (
        0,
        15,
        3,
        SessionKind.PARTNERSHIP_REVIEW,
        "community",
        ("tujenge-womens-network",),
        "en",
        "es,fr",
        None,
        {
            "en": "State of the Partnership review",
            "es": "Revisión del estado de la alianza",
            "fr": "Bilan de l’état du partenariat",
        },
    ),
    (
        1,
        10,
        2,
        SessionKind.WORKSHOP,
        "community",
        ("femmes-debout-thies",),
        "fr",
        "en,es",
        2,
        {
            "fr": "Atelier : communiquer en sécurité sur son téléphone",
            "en": "Workshop: staying safe on your phone",
            "es": "Taller: comunicarse con seguridad desde el teléfono",
        },
    ),
    (
        1,
        15,
        2,
        SessionKind.PEER_EXCHANGE,
        "community",
        ("colectiva-semillas",),
        "es",
        "en,fr",
        None,
        {
            "es": "Intercambio: radios comunitarias",
            "en": "Peer exchange: community radio",
            "fr": "Échange : les radios communautaires",
        },
    ),
    (
        2,
        18,
        2,
        SessionKind.PUBLIC_EVENT,
        "public",
        ("mujeres-unidas-salud", "colectiva-semillas"),
        "es",
        "en,fr",
        200,
        {
            "es": "Foro público: mujeres que transforman sus comunidades",
            "en": "Public forum: women transforming their communities",
            "fr": "Forum public : des femmes qui transforment leurs communautés",
        },
    ),
    (
        3,
        9,
        2,
        SessionKind.PLENARY,
        "community",
        ("tujenge-womens-network",),
        "en",
        "es,fr",
        None,
        {
            "en": "Closing: what we take home",
            "es": "Clausura: lo que nos llevamos",
            "fr": "Clôture : ce que nous emportons",
        },
    ),
]

PAST_SESSIONS = [
    (
        0,
        9,
        2,
        SessionKind.PLENARY,
        "community",
        ("tujenge-womens-network",),
        "en",
        "es,fr",
        None,
        {
            "en": "Opening plenary in Nairobi",
            "es": "Plenaria de apertura en Nairobi",
            "fr": "Plénière d’ouverture à Nairobi",
        },
    ),
    (
        1,
        10,
        3,
        SessionKind.PARTNERSHIP_REVIEW,
        "community",
        ("tujenge-womens-network",),
        "en",
        "es,fr",
        None,
        {
            "en": "State of the Partnership review (Nairobi)",
            "es": "Revisión del estado de la alianza (Nairobi)",
            "fr": "Bilan de l’état du partenariat (Nairobi)",
        },
    ),
    (
        2,
        17,
        2,
        SessionKind.PUBLIC_EVENT,
        "public",
        ("tujenge-womens-network",),
        "en",
        "fr",
        None,
        {
            "en": "Public evening: girls' education in East Africa",
            "es": "Velada pública: la educación de las niñas en África del Este",
            "fr": "Soirée publique : l’éducation des filles en Afrique de l’Est",
        },
    ),
]

PAST_OUTCOMES = {
    "en": "Partners agreed on a shared safety protocol for digital communication, asked for "
    "interpretation in every call, and chose peer mentoring as next year's priority.",
    "es": "Las organizaciones acordaron un protocolo común de seguridad digital, pidieron "
    "interpretación en cada llamada y eligieron la mentoría entre pares como prioridad del "
    "próximo año.",
    "fr": "Les partenaires ont adopté un protocole commun de sécurité numérique, demandé "
    "l’interprétation à chaque appel et choisi le mentorat entre pairs comme priorité de "
    "l’année prochaine.",
}


def _activity(row, *, day: datetime.date, zone: str, place: str, staff, organisations):
    offset, hour, hours, _kind, audience, hosts, spoken, interpretation, capacity, titles = row
    starts = datetime.datetime.combine(
        day + datetime.timedelta(days=offset), datetime.time(hour), ZoneInfo(zone)
    )
    data = {
        "type": "convening",
        "original_language": next(iter(titles)),
        "spoken_languages": spoken,
        "interpretation_languages": interpretation,
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=hours),
        "timezone": zone,
        "format": "hybrid",
        "place": place,
        "online_link": f"https://meet.example/convening-{starts:%Y%m%d%H}",
        "capacity": capacity,
        "registration_deadline": None,
        "audience": audience,
    }
    for code in languages.codes():
        data[f"title_{code}"] = titles.get(code, "")
        data[f"description_{code}"] = ""
    return activity_services.create_activity(
        by=staff,
        data=data,
        status=ActivityStatus.SCHEDULED,
        host_organisations=[organisations[slug] for slug in hosts if slug in organisations],
        host_people=[],
        focus_areas=[],
    )


def _convening(slug, *, titles, summary, city, country, starts_on, days, state, outcomes=None):
    convening = Convening(
        slug=slug,
        city=city,
        country=country,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=days - 1),
        state=ConveningState.DRAFT,
        original_language="en",
    )
    for code in languages.codes():
        setattr(convening, f"title_{code}", titles[code])
        setattr(convening, f"summary_{code}", summary[code])
        setattr(convening, f"outcomes_{code}", (outcomes or {}).get(code, ""))
    convening.full_clean()
    convening.save()
    return convening


def _load_past(*, organisations, staff, partners) -> int:
    today = timezone.localdate()
    starts_on = today - datetime.timedelta(days=420)
    year = starts_on.year
    convening = _convening(
        PAST_SLUG,
        titles={
            "en": f"Learning Lab Convening, Nairobi {year}",
            "es": f"Encuentro del Learning Lab, Nairobi {year}",
            "fr": f"Rencontre du Learning Lab, Nairobi {year}",
        },
        summary={
            "en": "A week in Nairobi to review the partnership, learn from each other and "
            "meet the public.",
            "es": "Una semana en Nairobi para revisar la alianza, aprender unas de otras y "
            "encontrarnos con el público.",
            "fr": "Une semaine à Nairobi pour faire le bilan du partenariat, apprendre les "
            "unes des autres et rencontrer le public.",
        },
        city="Nairobi",
        country="KE",
        starts_on=starts_on,
        days=5,
        state=ConveningState.ARCHIVED,
        outcomes=PAST_OUTCOMES,
    )
    created = 1
    sessions = []
    for row in PAST_SESSIONS:
        activity = _activity(
            row,
            day=starts_on,
            zone="Africa/Nairobi",
            place="Nairobi",
            staff=staff,
            organisations=organisations,
        )
        sessions.append(
            ConveningSession.objects.create(convening=convening, activity=activity, kind=row[3])
        )
        created += 2
    # Who came: written directly, as activities' own demo does for the past (the registration
    # service refuses an activity that has started).
    for person in partners[:4]:
        registration = ConveningRegistration.objects.create(convening=convening, user=person)
        registration.sessions.set(sessions)
        for session in sessions:
            Registration.objects.create(activity=session.activity, user=person)
        created += 1 + len(sessions)
    for session in sessions:
        activity_services.change_status(
            activity=session.activity, to=ActivityStatus.COMPLETED, by=None
        )
    activity_services.add_material(
        activity=sessions[1].activity,
        by=staff,
        kind=MaterialKind.RECORDING,
        title="State of the Partnership review: recording",
        language="en",
        link="https://video.example/nairobi-partnership-review",
    )
    created += 1
    story = Story.objects.filter(title_en="Market days as safe spaces").first()
    if story is not None:
        ConveningStory.objects.create(convening=convening, story=story)
        created += 1
    services.set_state(convening=convening, to=ConveningState.PUBLISHED, by=staff)
    services.set_state(convening=convening, to=ConveningState.ARCHIVED, by=staff)
    return created


def _load_coming(*, organisations, staff, partners) -> int:
    today = timezone.localdate()
    starts_on = today + datetime.timedelta(days=150)
    year = starts_on.year
    convening = _convening(
        COMING_SLUG,
        titles={
            "en": f"Learning Lab Convening, Oaxaca {year}",
            "es": f"Encuentro del Learning Lab, Oaxaca {year}",
            "fr": f"Rencontre du Learning Lab, Oaxaca {year}",
        },
        summary={
            "en": "Our annual week together: the State of the Partnership review, workshops, "
            "peer exchanges and a public forum alongside. Interpretation between Spanish, "
            "French and English in every session.",
            "es": "Nuestra semana anual juntas: la revisión del estado de la alianza, talleres, "
            "intercambios entre pares y un foro público. Interpretación entre español, francés "
            "e inglés en cada sesión.",
            "fr": "Notre semaine annuelle ensemble : le bilan de l’état du partenariat, des "
            "ateliers, des échanges entre pairs et un forum public. Interprétation entre "
            "l’espagnol, le français et l’anglais à chaque session.",
        },
        city="Oaxaca",
        country="MX",
        starts_on=starts_on,
        days=5,
        state=ConveningState.PUBLISHED,
    )
    created = 1
    sessions = []
    for row in COMING_SESSIONS:
        activity = _activity(
            row,
            day=starts_on,
            zone="America/Mexico_City",
            place="Oaxaca de Juárez",
            staff=staff,
            organisations=organisations,
        )
        sessions.append(
            ConveningSession.objects.create(convening=convening, activity=activity, kind=row[3])
        )
        created += 2
    services.set_state(convening=convening, to=ConveningState.PUBLISHED, by=staff)
    # Two partners chose their sessions (the workshop has two places).
    for person in partners[:2]:
        services.save_registration(
            convening=convening,
            user=person,
            session_ids=[session.pk for session in sessions[:3]],
            interpretation_language=person.language,
        )
        created += 4
    return created


def load(*, organisations: dict[str, Organisation], staff: User, partners: list[User]) -> int:
    """Create the demo convenings not there yet (matched by slug). Returns how many rows."""
    created = 0
    if not Convening.objects.filter(slug=PAST_SLUG).exists():
        created += _load_past(organisations=organisations, staff=staff, partners=partners)
    if not Convening.objects.filter(slug=COMING_SLUG).exists():
        created += _load_coming(organisations=organisations, staff=staff, partners=partners)
    return created
