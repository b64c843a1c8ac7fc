"""Profiles of the demo people, written through people.services as a person writes theirs: in
their own language (some translated), with themes, skills offered and sought, languages and
levels, and a region. Of the two demo members of hidden organisations, Nadège chose to be listed
(without her organisation) and Espérance did not: both cases are there to see."""

from dataclasses import dataclass, field

from accounts.models import User
from partners.enums import Region
from partners.models import FocusArea
from people import services
from people.enums import LanguageLevel, ProfileVisibility
from people.models import Skill

B, W, F, N = LanguageLevel.BASIC, LanguageLevel.WORKING, LanguageLevel.FLUENT, LanguageLevel.FIRST


@dataclass(frozen=True)
class DemoProfile:
    person: str  # the handle of a demo person (accounts/demo.py)
    region: str
    language: str  # the language the introduction is written in
    introductions: dict[str, str]
    themes: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    seeks: tuple[str, ...] = ()
    speaks: tuple[tuple[str, str], ...] = ()
    visibility: str = ProfileVisibility.COMMUNITY
    listed_if_hidden: bool = False
    extra: dict = field(default_factory=dict)


PROFILES = [
    DemoProfile(
        "ana",
        Region.LATIN_AMERICA,
        "es",
        {
            "es": "Coordino parteras comunitarias en el altiplano de Guatemala.",
            "en": "I coordinate community midwives in the Guatemalan highlands.",
        },
        themes=("reproductive-health", "maternal-health"),
        offers=("facilitation", "community-organising"),
        seeks=("fundraising", "digital-security"),
        speaks=(("es", N), ("quc", F), ("en", B)),
    ),
    DemoProfile(
        "valentina",
        Region.LATIN_AMERICA,
        "es",
        {"es": "Acompaño a colectivas juveniles en Colombia con educación popular."},
        themes=("girls-education", "leadership"),
        offers=("training-of-trainers", "communications-media"),
        seeks=("fundraising", "monitoring-evaluation"),
        speaks=(("es", N), ("en", W)),
    ),
    DemoProfile(
        "rosa",
        Region.LATIN_AMERICA,
        "es",
        {"es": "Trabajo con mujeres quechuas en la defensa del territorio y el clima."},
        themes=("climate", "advocacy"),
        offers=("advocacy", "research"),
        seeks=("financial-management",),
        speaks=(("qu", N), ("es", F)),
    ),
    DemoProfile(
        "nadege",
        Region.LATIN_AMERICA,
        "fr",
        {
            "fr": "J’accompagne des survivantes de violences en Haïti. Je peux partager nos "
            "protocoles de protection.",
            "es": "Acompaño a sobrevivientes de violencia en Haití.",
        },
        themes=("gbv-prevention",),
        offers=("safeguarding", "legal-support"),
        seeks=("digital-security",),
        speaks=(("ht", N), ("fr", F), ("es", B)),
        listed_if_hidden=True,
    ),
    DemoProfile(
        "aminata",
        Region.WEST_CENTRAL_AFRICA,
        "fr",
        {
            "fr": "Je dirige Femmes Debout à Thiès : nous finançons les activités "
            "économiques des femmes.",
            "en": "I lead Femmes Debout in Thiès: we fund women's economic activities.",
            "es": "Dirijo Femmes Debout en Thiès: financiamos las actividades económicas de "
            "las mujeres.",
        },
        themes=("economic-security", "leadership", "girls-education"),
        offers=("fundraising", "financial-management"),
        seeks=("monitoring-evaluation",),
        speaks=(("fr", F), ("wo", N), ("en", W)),
    ),
    DemoProfile(
        "fatou",
        Region.WEST_CENTRAL_AFRICA,
        "fr",
        {"fr": "Animatrice de clubs de filles, je forme les pairs éducatrices."},
        themes=("girls-education",),
        offers=("facilitation",),
        seeks=("safeguarding",),
        speaks=(("wo", N), ("fr", F)),
        visibility=ProfileVisibility.ORGANISATION,
    ),
    DemoProfile(
        "esperance",
        Region.WEST_CENTRAL_AFRICA,
        "fr",
        {"fr": "Je travaille avec des survivantes au Kivu."},
        themes=("gbv-prevention",),
        offers=("safeguarding",),
        seeks=("fundraising",),
        speaks=(("sw", F), ("fr", F), ("ln", W)),
        listed_if_hidden=False,
    ),
    DemoProfile(
        "achieng",
        Region.EAST_SOUTHERN_AFRICA,
        "en",
        {"en": "I run the Tujenge network's savings groups and learning circles in Kisumu."},
        themes=("economic-security", "leadership"),
        offers=("monitoring-evaluation", "fundraising"),
        seeks=("advocacy",),
        speaks=(("en", F), ("sw", N)),
    ),
    DemoProfile(
        "wanjiru",
        Region.EAST_SOUTHERN_AFRICA,
        "en",
        {"en": "Communications officer: radio, WhatsApp campaigns and community theatre."},
        themes=("gbv-prevention", "advocacy"),
        offers=("communications-media",),
        seeks=("research", "digital-security"),
        speaks=(("en", F), ("sw", N), ("fr", B)),
    ),
    DemoProfile(
        "sita",
        Region.SOUTH_ASIA,
        "en",
        {
            "en": "I work on girls' schooling and menstrual health in the hills of Nepal.",
            "fr": "Je travaille sur la scolarisation des filles dans les collines du Népal.",
        },
        themes=("girls-education", "reproductive-health", "climate"),
        offers=("research", "training-of-trainers"),
        seeks=("fundraising",),
        speaks=(("ne", N), ("hi", F), ("en", F)),
    ),
    DemoProfile(
        "staff",
        "",
        "en",
        {"en": "I look after peer learning at the Lab. Ask me anything about the programme."},
        offers=("facilitation", "monitoring-evaluation"),
        speaks=(("en", N), ("fr", W)),
    ),
]


def load(*, people: dict[str, User]) -> int:
    """Write the profiles of demo people who have none yet. Returns how many it wrote."""
    created = 0
    themes = {area.slug: area for area in FocusArea.objects.all()}
    skills = {skill.slug: skill for skill in Skill.objects.all()}
    for row in PROFILES:
        user = people[row.person]
        if hasattr(user, "profile"):
            continue
        profile = services.profile_of(user=user)
        services.update_profile(
            profile=profile,
            by=user,
            version=profile.version,
            themes=[themes[slug] for slug in row.themes],
            skills_offered=[skills[slug] for slug in row.offers],
            skills_sought=[skills[slug] for slug in row.seeks],
            region=row.region,
            original_language=row.language,
            texts={f"introduction_{code}": text for code, text in row.introductions.items()},
            spoken=list(row.speaks),
            visibility=row.visibility,
            listed_if_hidden=row.listed_if_hidden,
        )
        created += 1
    return created
