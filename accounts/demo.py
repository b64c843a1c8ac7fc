"""Demo people: the team and partners of README's "Demo accounts". Loaded by
`manage.py load_demo_data` (portal). Their memberships are partners' (partners/demo.py)."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress

from accounts.models import User

# Published on purpose, for demo accounts only; the command refuses to run with DEBUG off.
DEMO_PASSWORD = "learninglab-demo"  # noqa: S105  # nosec B105


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    language: str
    timezone: str
    is_staff: bool = False
    is_superuser: bool = False
    is_working_group_member: bool = False

    @property
    def handle(self) -> str:
        """ "ana" for ana@mujeresunidas.example: how the other demo modules name people."""
        return self.email.split("@")[0]

    @property
    def kind(self) -> str:
        return "administrator" if self.is_superuser else "staff" if self.is_staff else "partner"


PEOPLE = [
    DemoPerson(
        "admin@learninglab.example",
        "Lab Administrator",
        "en",
        "America/New_York",
        is_staff=True,
        is_superuser=True,
    ),
    DemoPerson(
        "staff@learninglab.example", "Grace Mensah", "en", "America/New_York", is_staff=True
    ),
    DemoPerson(
        "equipo@learninglab.example", "Lucía Herrera", "es", "America/Bogota", is_staff=True
    ),
    DemoPerson(
        "ana@mujeresunidas.example",
        "Ana Tzul",
        "es",
        "America/Guatemala",
        is_working_group_member=True,
    ),
    DemoPerson("valentina@semillas.example", "Valentina Ríos", "es", "America/Bogota"),
    DemoPerson(
        "aminata@femmesdebout.example",
        "Aminata Diop",
        "fr",
        "Africa/Dakar",
        is_working_group_member=True,
    ),
    DemoPerson("fatou@femmesdebout.example", "Fatou Sarr", "fr", "Africa/Dakar"),
    DemoPerson("esperance@femmeskivu.example", "Espérance Mugisho", "fr", "Africa/Lubumbashi"),
    DemoPerson(
        "achieng@tujenge.example",
        "Achieng Otieno",
        "en",
        "Africa/Nairobi",
        is_working_group_member=True,
    ),
    DemoPerson("sita@asha.example", "Sita Gurung", "en", "Asia/Kathmandu"),
    DemoPerson("nadege@fanmvanyan.example", "Nadège Pierre", "fr", "America/Port-au-Prince"),
    DemoPerson("wanjiru@tujenge.example", "Wanjiru Kamau", "en", "Africa/Nairobi"),
    DemoPerson("rosa@mujeresandinas.example", "Rosa Quispe", "es", "America/Lima"),
]


def load() -> tuple[int, dict[str, User]]:
    """Create the people not there yet (matched by email), with a verified address. Returns how
    many rows it created, and every demo person by handle."""
    created = 0
    people = {}
    for person in PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User.objects.create_user(
                email=person.email,
                password=DEMO_PASSWORD,
                display_name=person.name,
                language=person.language,
                timezone=person.timezone,
                is_staff=person.is_staff,
                is_superuser=person.is_superuser,
                is_working_group_member=person.is_working_group_member,
            )
            created += 1
        _, was_created = EmailAddress.objects.get_or_create(
            user=user, email=person.email, defaults={"verified": True, "primary": True}
        )
        created += was_created
        people[person.handle] = user
    return created, people
