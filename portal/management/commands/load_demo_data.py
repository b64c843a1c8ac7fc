"""Load a believable Learning Lab community so a first run shows something real.

Idempotent: people and organisations are matched by email and slug; running it again changes
nothing. Refuses to run on a production configuration (DEBUG off) unless told otherwise, because
the demo accounts have published passwords.
"""

import datetime
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from activities.enums import ActivityStatus, MaterialKind
from activities.models import Activity, Material, Registration
from feedback.enums import SurveyKind
from feedback.models import Answer, Choice, Question, Response, Survey
from partners.enums import MembershipRole, Region, Visibility
from partners.models import FocusArea, Membership, Organisation, WorkingLanguage
from portal.management.commands._demo_activities import ACTIVITIES
from workinggroup.enums import Action, Decision, ItemKind, ItemState, MeetingState
from workinggroup.models import AgendaEntry, Comment, Item, Meeting, ModerationLog, Support

# Published on purpose, for demo accounts only; the command refuses to run with DEBUG off.
DEMO_PASSWORD = "learninglab-demo"  # noqa: S105  # nosec B105

# slug, name, country, region, city, visibility, focus areas, working languages, joined,
# Working Group seat, founded, website, and the description in whichever languages the
# organisation wrote it (some wrote in one language only, as partners do).
ORGANISATIONS = [
    {
        "slug": "mujeres-unidas-salud",
        "name": "Mujeres Unidas por la Salud",
        "country": "GT",
        "region": Region.LATIN_AMERICA,
        "city": "Quetzaltenango",
        "visibility": Visibility.PUBLIC,
        "focus": ["reproductive-health", "maternal-health"],
        "languages": ["es", "quc"],
        "joined_on": datetime.date(2021, 3, 1),
        "on_working_group": True,
        "year_founded": 2009,
        "website": "https://mujeresunidas.example",
        "description_en": "Indigenous women health promoters bringing reproductive health care "
        "and information to rural communities in the western highlands.",
        "description_es": "Promotoras de salud indígenas que llevan atención e información en "
        "salud reproductiva a comunidades rurales del altiplano occidental.",
        "description_fr": "Des promotrices de santé autochtones qui apportent soins et "
        "information en santé reproductive aux communautés rurales des hauts plateaux.",
        "mission_es": "Que cada mujer maya decida sobre su salud, en su idioma.",
    },
    {
        "slug": "colectiva-semillas",
        "name": "Colectiva Semillas",
        "country": "CO",
        "region": Region.LATIN_AMERICA,
        "city": "Medellín",
        "visibility": Visibility.PUBLIC,
        "focus": ["girls-education", "leadership"],
        "languages": ["es"],
        "joined_on": datetime.date(2022, 1, 15),
        "year_founded": 2014,
        "description_en": "Keeps girls in school through mentoring circles and scholarships in "
        "the hillside neighbourhoods of Medellín.",
        "description_es": "Mantiene a las niñas en la escuela con círculos de mentoría y becas "
        "en los barrios de ladera de Medellín.",
        "description_fr": "Maintient les filles à l'école grâce à des cercles de mentorat et "
        "des bourses dans les quartiers des collines de Medellín.",
    },
    {
        "slug": "red-mujeres-andinas",
        "name": "Red de Mujeres Andinas",
        "country": "PE",
        "region": Region.LATIN_AMERICA,
        "city": "Cusco",
        "visibility": Visibility.COMMUNITY,
        "focus": ["economic-security", "climate"],
        "languages": ["es", "qu"],
        "joined_on": datetime.date(2023, 5, 1),
        "year_founded": 2011,
        "description_es": "Cooperativas de tejedoras quechuas que comercializan juntas y "
        "defienden el agua de sus comunidades.",
    },
    {
        "slug": "fanm-vanyan",
        "name": "Fanm Vanyan",
        "country": "HT",
        "region": Region.LATIN_AMERICA,
        "city": "Jacmel",
        "visibility": Visibility.HIDDEN,
        "focus": ["gbv-prevention"],
        "languages": ["ht", "fr"],
        "joined_on": datetime.date(2022, 8, 1),
        "year_founded": 2010,
        "description_en": "Safe spaces and psychosocial support for women and girls, and "
        "advocacy against gender-based violence.",
        "description_fr": "Des espaces sûrs et un soutien psychosocial pour les femmes et les "
        "filles, et un plaidoyer contre les violences basées sur le genre.",
    },
    {
        "slug": "femmes-debout-thies",
        "name": "Association Femmes Debout",
        "country": "SN",
        "region": Region.WEST_CENTRAL_AFRICA,
        "city": "Thiès",
        "visibility": Visibility.PUBLIC,
        "focus": ["gbv-prevention", "advocacy"],
        "languages": ["fr", "wo"],
        "joined_on": datetime.date(2020, 9, 1),
        "on_working_group": True,
        "year_founded": 2005,
        "description_en": "Community listening centres and legal support to prevent "
        "gender-based violence.",
        "description_es": "Centros comunitarios de escucha y apoyo jurídico para prevenir la "
        "violencia de género.",
        "description_fr": "Des centres d'écoute communautaires et un appui juridique pour "
        "prévenir les violences basées sur le genre.",
        "mission_fr": "Que chaque femme de Thiès vive sans violence et connaisse ses droits.",
    },
    {
        "slug": "femmes-leaders-kivu",
        "name": "Réseau des Femmes Leaders du Kivu",
        "country": "CD",
        "region": Region.WEST_CENTRAL_AFRICA,
        "city": "Bukavu",
        "visibility": Visibility.HIDDEN,
        "focus": ["economic-security", "gbv-prevention"],
        "languages": ["fr", "sw", "ln"],
        "joined_on": datetime.date(2021, 6, 1),
        "year_founded": 2008,
        "description_fr": "Des groupes d'épargne et de petites entreprises qui ouvrent aux "
        "femmes survivantes du conflit un chemin vers la sécurité économique.",
    },
    {
        "slug": "filles-du-faso",
        "name": "Association Filles du Faso",
        "country": "BF",
        "region": Region.WEST_CENTRAL_AFRICA,
        "city": "Bobo-Dioulasso",
        "visibility": Visibility.COMMUNITY,
        "focus": ["girls-education", "reproductive-health"],
        "languages": ["fr"],
        "joined_on": datetime.date(2023, 1, 10),
        "year_founded": 2016,
        "description_fr": "Clubs de filles au collège : santé menstruelle, orientation "
        "scolaire et bourses pour rester à l'école.",
    },
    {
        "slug": "kasa-women-cameroon",
        "name": "Kasa Women's Initiative",
        "country": "CM",
        "region": Region.WEST_CENTRAL_AFRICA,
        "city": "Bamenda",
        "visibility": Visibility.COMMUNITY,
        "focus": ["economic-security", "leadership"],
        "languages": ["en", "fr"],
        "joined_on": datetime.date(2024, 2, 1),
        "year_founded": 2017,
        "description_en": "Village savings and loan groups and leadership training for women "
        "displaced by the crisis in the North-West region.",
    },
    {
        "slug": "tujenge-womens-network",
        "name": "Tujenge Women's Network",
        "country": "KE",
        "region": Region.EAST_SOUTHERN_AFRICA,
        "city": "Kisumu",
        "visibility": Visibility.PUBLIC,
        "focus": ["economic-security", "advocacy"],
        "languages": ["en", "sw"],
        "joined_on": datetime.date(2019, 11, 1),
        "on_working_group": True,
        "year_founded": 2003,
        "website": "https://tujenge.example",
        "description_en": "Women-led cooperatives around Lake Victoria building income, "
        "leadership and a voice in county planning.",
        "description_es": "Cooperativas de mujeres alrededor del lago Victoria que generan "
        "ingresos, liderazgo y voz en la planificación del condado.",
        "description_fr": "Des coopératives de femmes autour du lac Victoria qui créent des "
        "revenus, du leadership et une voix dans la planification du comté.",
    },
    {
        "slug": "chikondi-girls",
        "name": "Chikondi Girls Initiative",
        "country": "MW",
        "region": Region.EAST_SOUTHERN_AFRICA,
        "city": "Lilongwe",
        "visibility": Visibility.PUBLIC,
        "focus": ["girls-education", "gbv-prevention"],
        "languages": ["en", "ny"],
        "joined_on": datetime.date(2022, 4, 1),
        "year_founded": 2015,
        "description_en": "Ends child marriage village by village, with chiefs, mothers' groups "
        "and girls' own clubs.",
    },
    {
        "slug": "tesfa-ethiopia",
        "name": "Tesfa Women's Association",
        "country": "ET",
        "region": Region.EAST_SOUTHERN_AFRICA,
        "city": "Bahir Dar",
        "visibility": Visibility.COMMUNITY,
        "focus": ["maternal-health", "reproductive-health"],
        "languages": ["am", "en"],
        "joined_on": datetime.date(2021, 10, 1),
        "year_founded": 2012,
        "description_en": "Community midwives and mothers' groups reducing maternal deaths in "
        "the Amhara highlands.",
    },
    {
        "slug": "asha-womens-collective",
        "name": "Asha Women's Collective",
        "country": "NP",
        "region": Region.SOUTH_ASIA,
        "city": "Pokhara",
        "visibility": Visibility.PUBLIC,
        "focus": ["girls-education", "reproductive-health"],
        "languages": ["ne", "en"],
        "joined_on": datetime.date(2023, 2, 1),
        "year_founded": 2013,
        "description_en": "Adolescent girls' clubs on menstrual health, education and "
        "leadership in the hill districts.",
        "description_es": "Clubes de adolescentes sobre salud menstrual, educación y liderazgo "
        "en los distritos de montaña.",
        "description_fr": "Des clubs d'adolescentes sur la santé menstruelle, l'éducation et "
        "le leadership dans les districts de montagne.",
    },
    {
        "slug": "nari-shakti-sangathan",
        "name": "Nari Shakti Sangathan",
        "country": "IN",
        "region": Region.SOUTH_ASIA,
        "city": "Varanasi",
        "visibility": Visibility.COMMUNITY,
        "focus": ["economic-security", "leadership"],
        "languages": ["hi", "en"],
        "joined_on": datetime.date(2020, 3, 1),
        "year_founded": 2001,
        "description_en": "Self-help groups of weavers and farm workers who negotiate fair "
        "wages and stand for village councils.",
    },
    {
        "slug": "bayanihan-kababaihan",
        "name": "Bayanihan Kababaihan",
        "country": "PH",
        "region": Region.EAST_ASIA_PACIFIC,
        "city": "Tacloban",
        "visibility": Visibility.PUBLIC,
        "focus": ["climate", "leadership"],
        "languages": ["tl", "en"],
        "joined_on": datetime.date(2024, 6, 1),
        "year_founded": 2014,
        "description_en": "Women leading typhoon preparedness and recovery in coastal "
        "communities of Eastern Visayas.",
    },
]

# (email, display name, language, time zone, staff?, superuser?, [(organisation slug, role)])
PEOPLE = [
    ("admin@learninglab.example", "Lab Administrator", "en", "America/New_York", True, True, []),
    ("staff@learninglab.example", "Grace Mensah", "en", "America/New_York", True, False, []),
    ("equipo@learninglab.example", "Lucía Herrera", "es", "America/Bogota", True, False, []),
    (
        "ana@mujeresunidas.example",
        "Ana Tzul",
        "es",
        "America/Guatemala",
        False,
        False,
        [("mujeres-unidas-salud", MembershipRole.LEAD)],
    ),
    (
        "valentina@semillas.example",
        "Valentina Ríos",
        "es",
        "America/Bogota",
        False,
        False,
        [("colectiva-semillas", MembershipRole.LEAD)],
    ),
    (
        "aminata@femmesdebout.example",
        "Aminata Diop",
        "fr",
        "Africa/Dakar",
        False,
        False,
        [("femmes-debout-thies", MembershipRole.LEAD)],
    ),
    (
        "fatou@femmesdebout.example",
        "Fatou Sarr",
        "fr",
        "Africa/Dakar",
        False,
        False,
        [("femmes-debout-thies", MembershipRole.MEMBER)],
    ),
    (
        "esperance@femmeskivu.example",
        "Espérance Mugisho",
        "fr",
        "Africa/Lubumbashi",
        False,
        False,
        [("femmes-leaders-kivu", MembershipRole.LEAD)],
    ),
    (
        "achieng@tujenge.example",
        "Achieng Otieno",
        "en",
        "Africa/Nairobi",
        False,
        False,
        [("tujenge-womens-network", MembershipRole.LEAD)],
    ),
    (
        "sita@asha.example",
        "Sita Gurung",
        "en",
        "Asia/Kathmandu",
        False,
        False,
        [("asha-womens-collective", MembershipRole.LEAD)],
    ),
    (
        "nadege@fanmvanyan.example",
        "Nadège Pierre",
        "fr",
        "America/Port-au-Prince",
        False,
        False,
        [("fanm-vanyan", MembershipRole.LEAD)],
    ),
    (
        "wanjiru@tujenge.example",
        "Wanjiru Kamau",
        "en",
        "Africa/Nairobi",
        False,
        False,
        [("tujenge-womens-network", MembershipRole.MEMBER)],
    ),
    (
        "rosa@mujeresandinas.example",
        "Rosa Quispe",
        "es",
        "America/Lima",
        False,
        False,
        [("red-mujeres-andinas", MembershipRole.LEAD)],
    ),
]


class Command(BaseCommand):
    help = "Load demo organisations and people (idempotent). Prints the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with DEBUG off. The demo accounts have published passwords.",
        )

    def handle(self, *args, allow_production: bool = False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to load demo accounts with published passwords while DEBUG is off. "
                "Pass --allow-production if this really is a demo server."
            )
        # Everything in one transaction, written before anything is printed: output piped
        # to a closed pipe must not roll the data back.
        with transaction.atomic():
            created, organisations = self._load()

        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({created} new records).")
            if created
            else "Demo data already loaded; nothing changed."
        )
        self.stdout.write(f"Every demo account's password is: {DEMO_PASSWORD}")
        for email, name, language, _zone, is_staff, is_superuser, memberships in PEOPLE:
            role = "administrator" if is_superuser else "staff" if is_staff else "partner"
            where = ", ".join(f"{organisations[slug].name} ({r})" for slug, r in memberships)
            self.stdout.write(f"  {email:<32} {role:<13} {language}  {name}  {where}")

    def _load(self) -> tuple[int, dict]:
        created = 0
        organisations = {}
        focus_areas = {area.slug: area for area in FocusArea.objects.all()}
        languages = {language.code: language for language in WorkingLanguage.objects.all()}
        for data in ORGANISATIONS:
            data = dict(data)
            slug = data.pop("slug")
            focus = data.pop("focus")
            spoken = data.pop("languages")
            organisation, was_created = Organisation.objects.get_or_create(slug=slug, defaults=data)
            if was_created:
                organisation.focus_areas.set([focus_areas[code] for code in focus])
                organisation.working_languages.set([languages[code] for code in spoken])
            organisations[slug] = organisation
            created += was_created

        for email, name, language, zone, is_staff, is_superuser, memberships in PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email,
                    password=DEMO_PASSWORD,
                    display_name=name,
                    language=language,
                    timezone=zone,
                    is_staff=is_staff,
                    is_superuser=is_superuser,
                )
                created += 1
            _, was_created = EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            created += was_created
            for slug, role in memberships:
                _, was_created = Membership.objects.get_or_create(
                    user=user, organisation=organisations[slug], defaults={"role": role}
                )
                created += was_created

        created += self._activities(organisations)
        created += self._working_group(organisations)
        created += self._feedback()
        return created, organisations

    def _activities(self, organisations) -> int:
        """Activities from ACTIVITIES, dated from the first load; registrations of the demo
        partners; a recording for the past ones. Matched by English or first title."""
        created = 0
        partners = list(User.objects.filter(is_staff=False, email__in=[p[0] for p in PEOPLE]))
        staff = User.objects.filter(email="staff@learninglab.example").first()
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        for index, row in enumerate(ACTIVITIES):
            (
                kind,
                weeks,
                hours,
                zone,
                hour,
                hosts,
                spoken,
                interpretation,
                fmt,
                audience,
                capacity,
                titles,
                descriptions,
            ) = row
            key_language, key_title = next(iter(titles.items()))
            if Activity.objects.filter(**{f"title_{key_language}": key_title}).exists():
                continue
            local_day = (now + datetime.timedelta(weeks=weeks)).astimezone(ZoneInfo(zone))
            starts = local_day.replace(hour=hour)
            activity = Activity.objects.create(
                type=kind,
                original_language=key_language,
                spoken_languages=spoken,
                interpretation_languages=interpretation,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=hours),
                timezone=zone,
                format=fmt,
                place="" if fmt == "online" else "Kisumu" if "Africa" in zone else "Cusco",
                online_link="" if fmt == "in_person" else f"https://meet.example/ll-{index}",
                capacity=capacity,
                audience=audience,
                status=ActivityStatus.COMPLETED if weeks < 0 else ActivityStatus.SCHEDULED,
                created_by=staff,
                **{f"title_{code}": text for code, text in titles.items()},
                **{f"description_{code}": text for code, text in descriptions.items()},
            )
            activity.host_organisations.set([organisations[slug] for slug in hosts])
            lead = Membership.objects.filter(
                organisation=organisations[hosts[0]], role=MembershipRole.LEAD
            ).first()
            if lead:
                activity.host_people.add(lead.user)
            created += 1
            for offset, person in enumerate(partners[index % 3 :: 2][:5]):
                Registration.objects.create(
                    activity=activity,
                    user=person,
                    interpretation_language=(
                        person.language
                        if person.language in activity.interpretation_language_list
                        else ""
                    ),
                    requested_at=starts - datetime.timedelta(days=10 - offset),
                )
                created += 1
            if weeks < 0:
                Material.objects.create(
                    activity=activity,
                    kind=MaterialKind.RECORDING,
                    title=key_title,
                    language=key_language,
                    link=f"https://video.example/ll-{index}",
                    added_by=staff,
                )
                created += 1
        return created

    def _working_group(self, organisations) -> int:
        """Proposals and recommendations in several states, a draft and a published meeting,
        and three people elected to the Working Group."""
        if Item.objects.exists():
            return 0
        people = {user.email.split("@")[0]: user for user in User.objects.all()}
        User.objects.filter(
            email__in=[
                "ana@mujeresunidas.example",
                "aminata@femmesdebout.example",
                "achieng@tujenge.example",
            ]
        ).update(is_working_group_member=True)
        staff = people["staff"]
        now = timezone.now()
        rows = [
            # kind, proposer, organisation, language, title, description, state, extra
            (
                ItemKind.RECOMMENDATION,
                "valentina",
                "colectiva-semillas",
                "es",
                "Rotar el horario de las llamadas",
                "Que las llamadas del Learning Lab cambien de horario cada mes, para que ninguna "
                "región tenga que conectarse siempre de madrugada.",
                ItemState.ON_AGENDA,
                {},
            ),
            (
                ItemKind.RECOMMENDATION,
                "aminata",
                "femmes-debout-thies",
                "fr",
                "Un fonds d'interprétation pour les activités des partenaires",
                "Réserver un budget d'interprétation pour que chaque activité proposée par une "
                "partenaire puisse être suivie dans les trois langues.",
                ItemState.SUBMITTED,
                {},
            ),
            (
                ItemKind.PROPOSAL,
                "achieng",
                "tujenge-womens-network",
                "en",
                "Peer exchange: bookkeeping for women's cooperatives",
                "Two days of peer exchange where cooperative treasurers teach each other simple, "
                "honest bookkeeping.",
                ItemState.SUBMITTED,
                {
                    "activity_type": "peer_mentoring",
                    "spoken_languages": "en",
                    "interpretation_languages": "fr,es",
                    "format": "online",
                    "audience": "community",
                    "support_needed": "Interpretation into French and Spanish.",
                },
            ),
            (
                ItemKind.PROPOSAL,
                "ana",
                "mujeres-unidas-salud",
                "es",
                "Taller de seguridad digital para defensoras",
                "Un taller práctico para proteger teléfonos y cuentas de quienes acompañan a "
                "sobrevivientes.",
                ItemState.CHANGES_REQUESTED,
                {
                    "activity_type": "webinar",
                    "spoken_languages": "es",
                    "interpretation_languages": "en,fr",
                    "format": "online",
                    "audience": "community",
                },
            ),
            (
                ItemKind.PROPOSAL,
                "esperance",
                "femmes-leaders-kivu",
                "fr",
                "Visite d'échange sur l'épargne en zone de conflit",
                "Une visite entre groupes d'épargne du Kivu et du Burkina Faso.",
                ItemState.DRAFT,
                {
                    "activity_type": "retreat",
                    "spoken_languages": "fr",
                    "format": "in_person",
                    "audience": "community",
                },
            ),
        ]
        created = 0
        items = []
        for kind, proposer, slug, language, title, description, state, extra in rows:
            item = Item.objects.create(
                kind=kind,
                proposer=people[proposer],
                organisation=organisations[slug],
                original_language=language,
                state=state,
                submitted_at=None if state == ItemState.DRAFT else now,
                **{f"title_{language}": title, f"description_{language}": description},
                **extra,
            )
            items.append(item)
            created += 1
            if state != ItemState.DRAFT:
                ModerationLog.objects.create(
                    item=item,
                    actor=people[proposer],
                    action=Action.SUBMIT,
                    from_state=ItemState.DRAFT,
                    to_state=ItemState.SUBMITTED,
                )
                created += 1
        ModerationLog.objects.create(
            item=items[0],
            actor=staff,
            action=Action.PUT_ON_AGENDA,
            from_state=ItemState.SUBMITTED,
            to_state=ItemState.ON_AGENDA,
            message="Lo discutimos en la próxima reunión del Grupo de Trabajo.",
        )
        ModerationLog.objects.create(
            item=items[3],
            actor=staff,
            action=Action.REQUEST_CHANGES,
            from_state=ItemState.SUBMITTED,
            to_state=ItemState.CHANGES_REQUESTED,
            message="¿Pueden proponer dos fechas posibles y decir cuántas personas esperan?",
            private_note="Check the budget for a security trainer before approving.",
        )
        for supporter in ("aminata", "achieng", "sita"):
            Support.objects.create(item=items[0], user=people[supporter])
        Comment.objects.create(
            item=items[0],
            author=people["aminata"],
            body="Oui ! Pour nous à Thiès, 7 h du matin à Bogotá, c'est midi : parfait.",
        )
        upcoming = Meeting.objects.create(
            starts_at=now + datetime.timedelta(days=14), timezone="Africa/Nairobi"
        )
        AgendaEntry.objects.create(meeting=upcoming, position=1, item=items[0])
        AgendaEntry.objects.create(
            meeting=upcoming,
            position=2,
            title_en="Planning the annual retreat",
            title_es="Planificación del retiro anual",
            title_fr="Préparer la retraite annuelle",
        )
        past = Meeting.objects.create(
            starts_at=now - datetime.timedelta(days=30),
            timezone="America/Bogota",
            state=MeetingState.PUBLISHED,
            published_at=now - datetime.timedelta(days=37),
        )
        AgendaEntry.objects.create(
            meeting=past,
            position=1,
            title_en="Welcome to new partners",
            title_es="Bienvenida a las nuevas socias",
            title_fr="Accueil des nouvelles partenaires",
            discussed=True,
            decision=Decision.NOTED,
            outcome_notes_es="Cada nueva socia tendrá una socia acompañante durante seis meses.",
        )
        return created + 7

    def _feedback(self) -> int:
        """An open annual survey, and last year's with anonymous results to look at."""
        if Survey.objects.filter(kind=SurveyKind.SURVEY).exists():
            return 0
        today = timezone.localdate()
        created = 0
        for year_offset, opens, closes in ((0, -3, 25), (1, -380, -350)):
            year = today.year - year_offset
            survey = Survey.objects.create(
                kind=SurveyKind.SURVEY,
                audience="partners",
                opens_on=today + datetime.timedelta(days=opens),
                closes_on=today + datetime.timedelta(days=closes),
                title_en=f"Learning Lab annual survey {year}",
                title_es=f"Encuesta anual del Learning Lab {year}",
                title_fr=f"Questionnaire annuel du Learning Lab {year}",
                introduction_en="Tell us what works for you in the Lab, and what does not.",
                introduction_es="Cuéntanos qué te funciona en el Lab y qué no.",
                introduction_fr="Dites-nous ce qui marche pour vous dans le Lab, et ce qui "
                "ne marche pas.",
            )
            useful = Question.objects.create(
                survey=survey,
                position=1,
                kind="scale",
                required=True,
                text_en="How useful is the Learning Lab for your organisation?",
                text_es="¿Qué tan útil es el Learning Lab para tu organización?",
                text_fr="Dans quelle mesure le Learning Lab est-il utile à votre organisation ?",
                scale_low_label_en="Not useful",
                scale_low_label_es="Nada útil",
                scale_low_label_fr="Pas utile",
                scale_high_label_en="Very useful",
                scale_high_label_es="Muy útil",
                scale_high_label_fr="Très utile",
            )
            channel = Question.objects.create(
                survey=survey,
                position=2,
                kind="multiple",
                text_en="Which activities help you most?",
                text_es="¿Qué actividades te ayudan más?",
                text_fr="Quelles activités vous aident le plus ?",
            )
            choices = [
                Choice.objects.create(
                    question=channel, position=n, text_en=en, text_es=es, text_fr=fr
                )
                for n, (en, es, fr) in enumerate(
                    [
                        ("Calls", "Llamadas", "Appels"),
                        ("Webinars", "Webinarios", "Webinaires"),
                        ("Retreats", "Retiros", "Retraites"),
                        ("Peer mentoring", "Mentoría entre pares", "Mentorat entre pairs"),
                    ],
                    start=1,
                )
            ]
            idea = Question.objects.create(
                survey=survey,
                position=3,
                kind="text",
                text_en="One thing we should change",
                text_es="Algo que deberíamos cambiar",
                text_fr="Une chose que nous devrions changer",
            )
            created += 1
            if year_offset == 0:
                continue
            # Responses keep no language: free text is the only trace of it.
            answers = [
                (5, [0, 3], "Más llamadas en español, por favor."),
                (4, [1], "Des horaires adaptés à l’Afrique de l’Ouest."),
                (5, [0, 2], "Keep the retreats: they build trust."),
                (3, [3], ""),
                (4, [0, 1], "Partager les enregistrements plus vite."),
                (4, [2], ""),
                (5, [0], "Que las socias lideren más webinarios."),
                (2, [1, 3], "Moins de réunions en ligne le vendredi."),
            ]
            for score, picked, text in answers:
                response = Response.objects.create(survey=survey)
                Answer.objects.create(response=response, question=useful, scale_value=score)
                for index in picked:
                    Answer.objects.create(
                        response=response, question=channel, choice=choices[index]
                    )
                if text:
                    Answer.objects.create(response=response, question=idea, text=text)
                created += 1
        return created
