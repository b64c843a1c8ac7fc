"""The managed lists partners choose from, in the three portal languages. Staff can add more in
the admin; this only fills them the first time."""

from django.db import migrations

FOCUS_AREAS = [
    ("girls-education", "Girls' education", "Educación de las niñas", "Éducation des filles"),
    (
        "reproductive-health",
        "Sexual and reproductive health",
        "Salud sexual y reproductiva",
        "Santé sexuelle et reproductive",
    ),
    (
        "gbv-prevention",
        "Gender-based violence prevention",
        "Prevención de la violencia de género",
        "Prévention des violences basées sur le genre",
    ),
    ("economic-security", "Economic security", "Seguridad económica", "Sécurité économique"),
    ("leadership", "Women's leadership", "Liderazgo de las mujeres", "Leadership des femmes"),
    (
        "maternal-health",
        "Maternal and child health",
        "Salud materno-infantil",
        "Santé maternelle et infantile",
    ),
    (
        "climate",
        "Climate and environment",
        "Clima y medio ambiente",
        "Climat et environnement",
    ),
    (
        "advocacy",
        "Advocacy and policy",
        "Incidencia y políticas públicas",
        "Plaidoyer et politiques publiques",
    ),
]

LANGUAGES = [
    ("en", "English", "Inglés", "Anglais"),
    ("es", "Spanish", "Español", "Espagnol"),
    ("fr", "French", "Francés", "Français"),
    ("pt", "Portuguese", "Portugués", "Portugais"),
    ("ar", "Arabic", "Árabe", "Arabe"),
    ("sw", "Kiswahili", "Suajili", "Swahili"),
    ("ht", "Haitian Creole", "Criollo haitiano", "Créole haïtien"),
    ("wo", "Wolof", "Wólof", "Wolof"),
    ("ln", "Lingala", "Lingala", "Lingala"),
    ("ha", "Hausa", "Hausa", "Haoussa"),
    ("yo", "Yoruba", "Yoruba", "Yoruba"),
    ("am", "Amharic", "Amárico", "Amharique"),
    ("ny", "Chichewa", "Chichewa", "Chichewa"),
    ("hi", "Hindi", "Hindi", "Hindi"),
    ("ne", "Nepali", "Nepalí", "Népalais"),
    ("bn", "Bengali", "Bengalí", "Bengali"),
    ("tl", "Filipino", "Filipino", "Filipino"),
    ("qu", "Quechua", "Quechua", "Quechua"),
    ("quc", "K'iche'", "K'iche'", "K'iche'"),
    ("gn", "Guarani", "Guaraní", "Guarani"),
]


def seed(apps, schema_editor):
    FocusArea = apps.get_model("partners", "FocusArea")
    WorkingLanguage = apps.get_model("partners", "WorkingLanguage")
    for position, (slug, en, es, fr) in enumerate(FOCUS_AREAS):
        FocusArea.objects.get_or_create(
            slug=slug,
            defaults={"name": en, "name_en": en, "name_es": es, "name_fr": fr, "position": position},
        )
    for code, en, es, fr in LANGUAGES:
        WorkingLanguage.objects.get_or_create(
            code=code, defaults={"name": en, "name_en": en, "name_es": es, "name_fr": fr}
        )


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
