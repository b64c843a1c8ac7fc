"""The skills people offer and look for, in the three portal languages. Staff can add more in
the admin; this only fills the list the first time."""

from django.db import migrations

SKILLS = [
    ("fundraising", "Fundraising", "Recaudación de fondos", "Collecte de fonds"),
    ("advocacy", "Advocacy", "Incidencia", "Plaidoyer"),
    ("safeguarding", "Safeguarding", "Protección y salvaguarda", "Protection et sauvegarde"),
    (
        "monitoring-evaluation",
        "Monitoring and evaluation",
        "Monitoreo y evaluación",
        "Suivi et évaluation",
    ),
    ("facilitation", "Facilitation", "Facilitación", "Facilitation"),
    (
        "training-of-trainers",
        "Training of trainers",
        "Formación de formadoras",
        "Formation de formatrices et formateurs",
    ),
    ("digital-security", "Digital security", "Seguridad digital", "Sécurité numérique"),
    (
        "communications-media",
        "Communications and media",
        "Comunicación y medios",
        "Communication et médias",
    ),
    (
        "financial-management",
        "Financial management",
        "Gestión financiera",
        "Gestion financière",
    ),
    (
        "community-organising",
        "Community organising",
        "Organización comunitaria",
        "Mobilisation communautaire",
    ),
    ("legal-support", "Legal support", "Apoyo jurídico", "Accompagnement juridique"),
    ("research", "Research", "Investigación", "Recherche"),
]


def seed(apps, schema_editor):
    Skill = apps.get_model("people", "Skill")
    for order, (slug, en, es, fr) in enumerate(SKILLS):
        Skill.objects.get_or_create(
            slug=slug,
            defaults={"name": en, "name_en": en, "name_es": es, "name_fr": fr, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
