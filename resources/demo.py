"""Demo resources: a year of the library (toolkits, a curriculum, trainer resources, a
recording, community-only and organisation-only ones, one made by a hidden organisation),
created through the services with small generated PDFs."""

import datetime
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from partners.models import FocusArea, Organisation
from resources import services
from resources.models import Resource


def demo_pdf(text: str) -> bytes:
    """A tiny valid one-page PDF saying `text` (ASCII), so the demo has real files."""
    safe = text.encode("ascii", "ignore").decode().replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({safe}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


@dataclass(frozen=True)
class DemoResource:
    by: str  # a demo person's handle
    language: str
    kind: str
    visibility: str
    licence: str
    texts: dict[str, str]
    organisations: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    pdfs: tuple[str, ...] = ()  # languages with a generated PDF
    links: dict[str, str] = field(default_factory=dict)
    days_ago: int = 0


RESOURCES = [
    DemoResource(
        by="ana",
        language="es",
        kind="toolkit",
        visibility="public",
        licence="cc-by-4.0",
        texts={
            "title_es": "Caja de herramientas para promotoras comunitarias de salud",
            "summary_es": "Fichas, juegos y guías para talleres sobre salud sexual y "
            "reproductiva con mujeres jóvenes.",
            "title_fr": "Boîte à outils pour les promotrices communautaires de santé",
            "summary_fr": "Fiches, jeux et guides pour des ateliers sur la santé sexuelle "
            "et reproductive avec des jeunes femmes.",
            "title_en": "Toolkit for community health promoters",
        },
        organisations=("mujeres-unidas-salud",),
        themes=("reproductive-health",),
        regions=("latin_america",),
        pdfs=("es", "fr"),
        days_ago=20,
    ),
    DemoResource(
        by="aminata",
        language="fr",
        kind="curriculum",
        visibility="public",
        licence="cc-by-sa-4.0",
        texts={
            "title_fr": "Programme de formation au leadership des jeunes femmes",
            "summary_fr": "Six modules de deux heures, avec les objectifs et les exercices.",
            "title_en": "Young women's leadership curriculum",
            "summary_en": "Six two-hour modules, with objectives and exercises.",
        },
        organisations=("femmes-debout-thies",),
        themes=("leadership",),
        regions=("west_central_africa",),
        pdfs=("fr", "en"),
        days_ago=60,
    ),
    DemoResource(
        by="staff",
        language="en",
        kind="trainer",
        visibility="community",
        licence="cc-by-nc-4.0",
        texts={
            "title_en": "Facilitator notes: running a safe online session",
            "summary_en": "Consent, moderation and what to do when a session goes wrong.",
            "title_es": "Notas para facilitadoras: una sesión en línea segura",
        },
        themes=("gbv-prevention",),
        pdfs=("en",),
        days_ago=95,
    ),
    DemoResource(
        by="sita",
        language="en",
        kind="trainer",
        visibility="community",
        licence="all-rights-reserved",
        texts={
            "title_en": "Trainer's guide to village savings groups",
            "summary_en": "How we train group treasurers, with the forms we use.",
        },
        organisations=("asha-womens-collective",),
        themes=("economic-security",),
        regions=("south_asia",),
        pdfs=("en",),
        days_ago=130,
    ),
    DemoResource(
        by="achieng",
        language="en",
        kind="recording",
        visibility="public",
        licence="cc-by-4.0",
        texts={
            "title_en": "Recording: climate adaptation stories from Kisumu",
            "summary_en": "Women farmers tell what changed on their land, and what helped.",
            "title_fr": "Enregistrement\u00a0: récits d’adaptation au climat à Kisumu",
        },
        organisations=("tujenge-womens-network",),
        themes=("climate",),
        regions=("east_southern_africa",),
        links={"en": "https://example.org/recordings/kisumu-climate"},
        days_ago=170,
    ),
    DemoResource(
        by="rosa",
        language="es",
        kind="document",
        visibility="community",
        licence="cc-by-4.0",
        texts={
            "title_es": "Informe: incidencia municipal en los Andes",
            "summary_es": "Lo que aprendimos al llevar nuestras propuestas a tres municipios.",
        },
        organisations=("red-mujeres-andinas",),
        themes=("advocacy",),
        regions=("latin_america",),
        pdfs=("es",),
        days_ago=210,
    ),
    DemoResource(
        by="valentina",
        language="es",
        kind="document",
        visibility="organisation",
        licence="all-rights-reserved",
        texts={
            "title_es": "Plan interno de seguridad digital",
            "summary_es": "Solo para nuestro equipo: contraseñas, dispositivos y contactos.",
        },
        organisations=("colectiva-semillas",),
        pdfs=("es",),
        days_ago=250,
    ),
    DemoResource(
        by="esperance",
        language="fr",
        kind="toolkit",
        visibility="public",
        licence="cc-by-4.0",
        texts={
            "title_fr": "Accompagner les survivantes\u00a0: guide pour les paralégales",
            "summary_fr": "Les étapes de l’accompagnement juridique, de l’écoute au tribunal.",
            "title_en": "Supporting survivors: a guide for paralegals",
        },
        # A hidden organisation: its name is concealed from everyone outside it.
        organisations=("femmes-leaders-kivu",),
        themes=("gbv-prevention",),
        pdfs=("fr",),
        days_ago=300,
    ),
    DemoResource(
        by="staff",
        language="en",
        kind="link",
        visibility="public",
        licence="public-domain",
        texts={
            "title_en": "Women's rights treaties in plain language",
            "summary_en": "The main international texts, with summaries in three languages.",
            "title_es": "Los tratados de derechos de las mujeres en lenguaje sencillo",
            "title_fr": "Les traités sur les droits des femmes en langage simple",
        },
        themes=("advocacy",),
        links={
            "en": "https://example.org/treaties/en",
            "es": "https://example.org/treaties/es",
            "fr": "https://example.org/treaties/fr",
        },
        days_ago=340,
    ),
]


def load(*, people: dict[str, User], organisations: dict[str, Organisation]) -> int:
    """Create the demo resources once (nothing when any exists). Returns how many rows."""
    if Resource.objects.exists():
        return 0
    themes = {area.slug: area for area in FocusArea.objects.all()}
    created = 0
    now = timezone.now()
    for row in RESOURCES:
        by = people.get(row.by)
        if by is None or any(slug not in organisations for slug in row.organisations):
            continue
        uploads = {}
        for code in ("en", "es", "fr"):
            upload = None
            if code in row.pdfs:
                title = row.texts.get(f"title_{code}") or row.texts[f"title_{row.language}"]
                upload = SimpleUploadedFile(f"{code}.pdf", demo_pdf(title))
            uploads[code] = {"file": upload, "link": row.links.get(code, ""), "remove": False}
        resource = services.add_resource(
            by=by,
            language=row.language,
            kind=row.kind,
            licence=row.licence,
            visibility=row.visibility,
            texts=row.texts,
            themes=[themes[slug] for slug in row.themes if slug in themes],
            regions=row.regions,
            organisations=[organisations[slug] for slug in row.organisations],
            uploads=uploads,
        )
        Resource.objects.filter(pk=resource.pk).update(
            created_at=now - datetime.timedelta(days=row.days_ago)
        )
        created += 1 + resource.files.count()
    return created
