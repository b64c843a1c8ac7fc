"""Demo partner stories: public ones in Spanish, French and English, one for the community only,
one by a hidden organisation published without naming it, and one in review after a suggestion
from the team, each with a small generated photo. Created through the services."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from accounts.models import User
from partners.models import Membership, Organisation
from stories import services
from stories.enums import Action, Audience
from stories.models import Story

# (organisation slug, language, title, body, photo alt text, audience, anonymous, end state)
STORIES = [
    (
        "mujeres-unidas-salud",
        "es",
        "Una radio comunitaria para hablar de salud",
        "Cada sábado, promotoras de salud responden en la radio las preguntas que las mujeres "
        "no se atreven a hacer en la consulta. En un año llegamos a doce comunidades.",
        "Tres mujeres frente a un micrófono en una cabina de radio",
        Audience.PUBLIC,
        False,
        "published",
    ),
    (
        "femmes-debout-thies",
        "fr",
        "Des tontines qui financent l’école des filles",
        "Nos groupes d’épargne consacrent une part de chaque tour à la scolarité des filles. "
        "Les mères décident ensemble qui en a besoin.",
        "Un cercle de femmes assises qui comptent des billets",
        Audience.PUBLIC,
        False,
        "published",
    ),
    (
        "tujenge-womens-network",
        "en",
        "Market days as safe spaces",
        "We set up a tent at the weekly market where women can talk to a counsellor without "
        "anyone noticing why they came.",
        "A green tent between market stalls",
        Audience.PUBLIC,
        False,
        "published",
    ),
    (
        "red-mujeres-andinas",
        "es",
        "Lo que aprendimos al perder una subvención",
        "Compartimos con la comunidad cómo reorganizamos el trabajo cuando un donante se retiró.",
        "Un cuaderno con un presupuesto escrito a mano",
        Audience.COMMUNITY,
        False,
        "published",
    ),
    (
        "fanm-vanyan",
        "fr",
        "Une maison où l’on écoute",
        "Des femmes qui ont survécu à la violence accueillent d’autres femmes, la nuit, sans "
        "poser de questions.",
        "Des chaises en cercle dans une pièce claire",
        Audience.PUBLIC,
        True,
        "published",
    ),
    (
        "asha-womens-collective",
        "en",
        "Teaching girls to code on shared phones",
        "Six phones, forty girls, and a timetable they wrote themselves.",
        "Girls sharing a phone at a table",
        Audience.PUBLIC,
        False,
        "in_review",
    ),
]

COLOURS = [(180, 70, 90), (60, 120, 160), (90, 150, 80), (200, 150, 60), (120, 90, 160)]


def _photo(index: int) -> SimpleUploadedFile:
    """A small picture drawn here (no camera, so nothing to strip: the service strips anyway)."""
    image = Image.new("RGB", (640, 400), COLOURS[index % len(COLOURS)])
    draw = ImageDraw.Draw(image)
    for step in range(5):
        draw.ellipse((60 + step * 100, 140, 140 + step * 100, 220), fill=(250, 245, 235))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile(f"demo-{index}.jpg", out.getvalue(), content_type="image/jpeg")


def load(*, organisations: dict[str, Organisation], staff: User) -> int:
    """Create the demo stories once (nothing when any exists). Returns how many rows."""
    if Story.objects.exists():
        return 0
    created = 0
    for index, (slug, language, title, body, alt, audience, anonymous, end) in enumerate(STORIES):
        organisation = organisations.get(slug)
        membership = (
            Membership.objects.filter(organisation=organisation).select_related("user").first()
        )
        if organisation is None or membership is None:
            continue
        author = membership.user
        story = services.write_story(
            by=author,
            organisation=organisation,
            language=language,
            title=title,
            body=body,
            audience=audience,
            anonymous=anonymous,
        )
        services.add_photo(story=story, by=author, upload=_photo(index), alt_text=alt)
        created += 2
        if audience == Audience.COMMUNITY:
            services.transition(story=story, action=Action.PUBLISH, by=author, version=None)
            continue
        services.transition(story=story, action=Action.SUBMIT, by=author, version=None)
        if end == "in_review":
            services.transition(
                story=story,
                action=Action.SUGGEST,
                by=staff,
                version=None,
                message="Could you add what the girls built? A sentence is enough.",
                message_language=language,
            )
            services.transition(story=story, action=Action.SUBMIT, by=author, version=None)
            created += 1
        else:
            services.transition(story=story, action=Action.PUBLISH, by=staff, version=None)
    return created
