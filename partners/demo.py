"""Demo partner organisations and who belongs to them. Loaded by `manage.py load_demo_data`
(portal) through the partners services: created as the team creates them, members added as
accepting an invitation adds them."""

import datetime
from dataclasses import dataclass, field

from accounts.models import User
from core import languages
from partners import services
from partners.enums import MembershipRole, Region, Visibility
from partners.models import FocusArea, Organisation, WorkingLanguage


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    country: str
    region: str
    city: str
    visibility: str
    focus: tuple[str, ...]  # FocusArea slugs
    languages: tuple[str, ...]  # WorkingLanguage codes
    joined_on: datetime.date
    year_founded: int
    on_working_group: bool = False
    website: str = ""
    # In whichever languages the organisation wrote them: some wrote in one only, as partners do.
    descriptions: dict[str, str] = field(default_factory=dict)
    missions: dict[str, str] = field(default_factory=dict)

    def profile(self) -> dict:
        """The profile as the organisation form hands it to the service."""
        data = {
            "slug": self.slug,
            "name": self.name,
            "country": self.country,
            "region": self.region,
            "city": self.city,
            "visibility": self.visibility,
            "joined_on": self.joined_on,
            "on_working_group": self.on_working_group,
            "year_founded": self.year_founded,
            "website": self.website,
            "whatsapp_group_url": "",
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "",
        }
        for code in languages.codes():
            data[f"description_{code}"] = self.descriptions.get(code, "")
            data[f"mission_{code}"] = self.missions.get(code, "")
        return data


@dataclass(frozen=True)
class DemoMembership:
    person: str  # the handle of a demo person (accounts/demo.py)
    organisation: str  # slug
    role: str = MembershipRole.MEMBER


ORGANISATIONS = [
    DemoOrganisation(
        slug="mujeres-unidas-salud",
        name="Mujeres Unidas por la Salud",
        country="GT",
        region=Region.LATIN_AMERICA,
        city="Quetzaltenango",
        visibility=Visibility.PUBLIC,
        focus=(
            "reproductive-health",
            "maternal-health",
        ),
        languages=(
            "es",
            "quc",
        ),
        joined_on=datetime.date(2021, 3, 1),
        year_founded=2009,
        on_working_group=True,
        website="https://mujeresunidas.example",
        descriptions={
            "en": (
                "Indigenous women health promoters bringing reproductive "
                "health care and information to rural communities in the "
                "western highlands."
            ),
            "es": (
                "Promotoras de salud indígenas que llevan atención e "
                "información en salud reproductiva a comunidades rurales del "
                "altiplano occidental."
            ),
            "fr": (
                "Des promotrices de santé autochtones qui apportent soins et "
                "information en santé reproductive aux communautés rurales "
                "des hauts plateaux."
            ),
        },
        missions={
            "es": "Que cada mujer maya decida sobre su salud, en su idioma.",
        },
    ),
    DemoOrganisation(
        slug="colectiva-semillas",
        name="Colectiva Semillas",
        country="CO",
        region=Region.LATIN_AMERICA,
        city="Medellín",
        visibility=Visibility.PUBLIC,
        focus=(
            "girls-education",
            "leadership",
        ),
        languages=("es",),
        joined_on=datetime.date(2022, 1, 15),
        year_founded=2014,
        descriptions={
            "en": (
                "Keeps girls in school through mentoring circles and "
                "scholarships in the hillside neighbourhoods of Medellín."
            ),
            "es": (
                "Mantiene a las niñas en la escuela con círculos de mentoría "
                "y becas en los barrios de ladera de Medellín."
            ),
            "fr": (
                "Maintient les filles à l'école grâce à des cercles de "
                "mentorat et des bourses dans les quartiers des collines de "
                "Medellín."
            ),
        },
    ),
    DemoOrganisation(
        slug="red-mujeres-andinas",
        name="Red de Mujeres Andinas",
        country="PE",
        region=Region.LATIN_AMERICA,
        city="Cusco",
        visibility=Visibility.COMMUNITY,
        focus=(
            "economic-security",
            "climate",
        ),
        languages=(
            "es",
            "qu",
        ),
        joined_on=datetime.date(2023, 5, 1),
        year_founded=2011,
        descriptions={
            "es": (
                "Cooperativas de tejedoras quechuas que comercializan juntas "
                "y defienden el agua de sus comunidades."
            ),
        },
    ),
    DemoOrganisation(
        slug="fanm-vanyan",
        name="Fanm Vanyan",
        country="HT",
        region=Region.LATIN_AMERICA,
        city="Jacmel",
        visibility=Visibility.HIDDEN,
        focus=("gbv-prevention",),
        languages=(
            "ht",
            "fr",
        ),
        joined_on=datetime.date(2022, 8, 1),
        year_founded=2010,
        descriptions={
            "en": (
                "Safe spaces and psychosocial support for women and girls, "
                "and advocacy against gender-based violence."
            ),
            "fr": (
                "Des espaces sûrs et un soutien psychosocial pour les femmes "
                "et les filles, et un plaidoyer contre les violences basées "
                "sur le genre."
            ),
        },
    ),
    DemoOrganisation(
        slug="femmes-debout-thies",
        name="Association Femmes Debout",
        country="SN",
        region=Region.WEST_CENTRAL_AFRICA,
        city="Thiès",
        visibility=Visibility.PUBLIC,
        focus=(
            "gbv-prevention",
            "advocacy",
        ),
        languages=(
            "fr",
            "wo",
        ),
        joined_on=datetime.date(2020, 9, 1),
        year_founded=2005,
        on_working_group=True,
        descriptions={
            "en": (
                "Community listening centres and legal support to prevent gender-based violence."
            ),
            "es": (
                "Centros comunitarios de escucha y apoyo jurídico para "
                "prevenir la violencia de género."
            ),
            "fr": (
                "Des centres d'écoute communautaires et un appui juridique "
                "pour prévenir les violences basées sur le genre."
            ),
        },
        missions={
            "fr": ("Que chaque femme de Thiès vive sans violence et connaisse ses droits."),
        },
    ),
    DemoOrganisation(
        slug="femmes-leaders-kivu",
        name="Réseau des Femmes Leaders du Kivu",
        country="CD",
        region=Region.WEST_CENTRAL_AFRICA,
        city="Bukavu",
        visibility=Visibility.HIDDEN,
        focus=(
            "economic-security",
            "gbv-prevention",
        ),
        languages=(
            "fr",
            "sw",
            "ln",
        ),
        joined_on=datetime.date(2021, 6, 1),
        year_founded=2008,
        descriptions={
            "fr": (
                "Des groupes d'épargne et de petites entreprises qui ouvrent "
                "aux femmes survivantes du conflit un chemin vers la sécurité "
                "économique."
            ),
        },
    ),
    DemoOrganisation(
        slug="filles-du-faso",
        name="Association Filles du Faso",
        country="BF",
        region=Region.WEST_CENTRAL_AFRICA,
        city="Bobo-Dioulasso",
        visibility=Visibility.COMMUNITY,
        focus=(
            "girls-education",
            "reproductive-health",
        ),
        languages=("fr",),
        joined_on=datetime.date(2023, 1, 10),
        year_founded=2016,
        descriptions={
            "fr": (
                "Clubs de filles au collège : santé menstruelle, orientation "
                "scolaire et bourses pour rester à l'école."
            ),
        },
    ),
    DemoOrganisation(
        slug="kasa-women-cameroon",
        name="Kasa Women's Initiative",
        country="CM",
        region=Region.WEST_CENTRAL_AFRICA,
        city="Bamenda",
        visibility=Visibility.COMMUNITY,
        focus=(
            "economic-security",
            "leadership",
        ),
        languages=(
            "en",
            "fr",
        ),
        joined_on=datetime.date(2024, 2, 1),
        year_founded=2017,
        descriptions={
            "en": (
                "Village savings and loan groups and leadership training for "
                "women displaced by the crisis in the North-West region."
            ),
        },
    ),
    DemoOrganisation(
        slug="tujenge-womens-network",
        name="Tujenge Women's Network",
        country="KE",
        region=Region.EAST_SOUTHERN_AFRICA,
        city="Kisumu",
        visibility=Visibility.PUBLIC,
        focus=(
            "economic-security",
            "advocacy",
        ),
        languages=(
            "en",
            "sw",
        ),
        joined_on=datetime.date(2019, 11, 1),
        year_founded=2003,
        on_working_group=True,
        website="https://tujenge.example",
        descriptions={
            "en": (
                "Women-led cooperatives around Lake Victoria building income, "
                "leadership and a voice in county planning."
            ),
            "es": (
                "Cooperativas de mujeres alrededor del lago Victoria que "
                "generan ingresos, liderazgo y voz en la planificación del "
                "condado."
            ),
            "fr": (
                "Des coopératives de femmes autour du lac Victoria qui créent "
                "des revenus, du leadership et une voix dans la planification "
                "du comté."
            ),
        },
    ),
    DemoOrganisation(
        slug="chikondi-girls",
        name="Chikondi Girls Initiative",
        country="MW",
        region=Region.EAST_SOUTHERN_AFRICA,
        city="Lilongwe",
        visibility=Visibility.PUBLIC,
        focus=(
            "girls-education",
            "gbv-prevention",
        ),
        languages=(
            "en",
            "ny",
        ),
        joined_on=datetime.date(2022, 4, 1),
        year_founded=2015,
        descriptions={
            "en": (
                "Ends child marriage village by village, with chiefs, "
                "mothers' groups and girls' own clubs."
            ),
        },
    ),
    DemoOrganisation(
        slug="tesfa-ethiopia",
        name="Tesfa Women's Association",
        country="ET",
        region=Region.EAST_SOUTHERN_AFRICA,
        city="Bahir Dar",
        visibility=Visibility.COMMUNITY,
        focus=(
            "maternal-health",
            "reproductive-health",
        ),
        languages=(
            "am",
            "en",
        ),
        joined_on=datetime.date(2021, 10, 1),
        year_founded=2012,
        descriptions={
            "en": (
                "Community midwives and mothers' groups reducing maternal "
                "deaths in the Amhara highlands."
            ),
        },
    ),
    DemoOrganisation(
        slug="asha-womens-collective",
        name="Asha Women's Collective",
        country="NP",
        region=Region.SOUTH_ASIA,
        city="Pokhara",
        visibility=Visibility.PUBLIC,
        focus=(
            "girls-education",
            "reproductive-health",
        ),
        languages=(
            "ne",
            "en",
        ),
        joined_on=datetime.date(2023, 2, 1),
        year_founded=2013,
        descriptions={
            "en": (
                "Adolescent girls' clubs on menstrual health, education and "
                "leadership in the hill districts."
            ),
            "es": (
                "Clubes de adolescentes sobre salud menstrual, educación y "
                "liderazgo en los distritos de montaña."
            ),
            "fr": (
                "Des clubs d'adolescentes sur la santé menstruelle, "
                "l'éducation et le leadership dans les districts de montagne."
            ),
        },
    ),
    DemoOrganisation(
        slug="nari-shakti-sangathan",
        name="Nari Shakti Sangathan",
        country="IN",
        region=Region.SOUTH_ASIA,
        city="Varanasi",
        visibility=Visibility.COMMUNITY,
        focus=(
            "economic-security",
            "leadership",
        ),
        languages=(
            "hi",
            "en",
        ),
        joined_on=datetime.date(2020, 3, 1),
        year_founded=2001,
        descriptions={
            "en": (
                "Self-help groups of weavers and farm workers who negotiate "
                "fair wages and stand for village councils."
            ),
        },
    ),
    DemoOrganisation(
        slug="bayanihan-kababaihan",
        name="Bayanihan Kababaihan",
        country="PH",
        region=Region.EAST_ASIA_PACIFIC,
        city="Tacloban",
        visibility=Visibility.PUBLIC,
        focus=(
            "climate",
            "leadership",
        ),
        languages=(
            "tl",
            "en",
        ),
        joined_on=datetime.date(2024, 6, 1),
        year_founded=2014,
        descriptions={
            "en": (
                "Women leading typhoon preparedness and recovery in coastal "
                "communities of Eastern Visayas."
            ),
        },
    ),
]

MEMBERSHIPS = [
    DemoMembership("ana", "mujeres-unidas-salud", MembershipRole.LEAD),
    DemoMembership("valentina", "colectiva-semillas", MembershipRole.LEAD),
    DemoMembership("aminata", "femmes-debout-thies", MembershipRole.LEAD),
    DemoMembership("fatou", "femmes-debout-thies"),
    DemoMembership("esperance", "femmes-leaders-kivu", MembershipRole.LEAD),
    DemoMembership("achieng", "tujenge-womens-network", MembershipRole.LEAD),
    DemoMembership("sita", "asha-womens-collective", MembershipRole.LEAD),
    DemoMembership("nadege", "fanm-vanyan", MembershipRole.LEAD),
    DemoMembership("wanjiru", "tujenge-womens-network"),
    DemoMembership("rosa", "red-mujeres-andinas", MembershipRole.LEAD),
]


def load(*, people: dict[str, User], by: User) -> tuple[int, dict[str, Organisation]]:
    """Create the organisations not there yet (matched by slug) as `by` (staff), and the
    memberships not there yet. Returns how many rows it created, and the organisations by slug."""
    created = 0
    organisations = {}
    focus_areas = {area.slug: area for area in FocusArea.objects.all()}
    languages = {language.code: language for language in WorkingLanguage.objects.all()}
    for row in ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=row.slug).first()
        if organisation is None:
            organisation = services.create_organisation(
                by=by,
                data=row.profile(),
                focus_areas=[focus_areas[slug] for slug in row.focus],
                working_languages=[languages[code] for code in row.languages],
                social_links=[],
            )
            created += 1
        organisations[row.slug] = organisation
    for row in MEMBERSHIPS:
        organisation = organisations[row.organisation]
        if not organisation.memberships.filter(user=people[row.person]).exists():
            services.add_member(organisation=organisation, user=people[row.person], role=row.role)
            created += 1
    return created, organisations


def memberships_of(handle: str, organisations: dict[str, Organisation]) -> list[str]:
    """ "Association Femmes Debout (lead)": for the command's list of demo accounts."""
    return [
        f"{organisations[row.organisation].name} ({row.role})"
        for row in MEMBERSHIPS
        if row.person == handle
    ]
