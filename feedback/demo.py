"""Demo feedback: this year's annual survey, open, and last year's with anonymous results to
look at. Loaded by `manage.py load_demo_data` (portal). Surveys and questions go through the
feedback services; last year's responses are written as the batch mover writes them, because
answers only arrive sealed (`submit_answers` needs the sealing keys, which a laptop may not
have) and the results are what the demo shows."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import User
from feedback import services
from feedback.enums import QuestionKind, SurveyKind
from feedback.models import Answer, Response, Survey


@dataclass(frozen=True)
class DemoResponse:
    useful: int  # 1 to 5
    helps_most: tuple[int, ...]  # indexes into CHANNELS
    change: str = ""  # free text keeps no language: it is the only trace of one


CHANNELS = [
    {"text_en": "Calls", "text_es": "Llamadas", "text_fr": "Appels"},
    {"text_en": "Webinars", "text_es": "Webinarios", "text_fr": "Webinaires"},
    {"text_en": "Retreats", "text_es": "Retiros", "text_fr": "Retraites"},
    {
        "text_en": "Peer mentoring",
        "text_es": "Mentoría entre pares",
        "text_fr": "Mentorat entre pairs",
    },
]

LAST_YEAR = [
    DemoResponse(5, (0, 3), "Más llamadas en español, por favor."),
    DemoResponse(4, (1,), "Des horaires adaptés à l’Afrique de l’Ouest."),
    DemoResponse(5, (0, 2), "Keep the retreats: they build trust."),
    DemoResponse(3, (3,)),
    DemoResponse(4, (0, 1), "Partager les enregistrements plus vite."),
    DemoResponse(4, (2,)),
    DemoResponse(5, (0,), "Que las socias lideren más webinarios."),
    DemoResponse(2, (1, 3), "Moins de réunions en ligne le vendredi."),
]


def _survey(*, by: User, year: int, opens_on: datetime.date, closes_on: datetime.date):
    survey = services.save_survey(
        by=by,
        data={
            "audience": "partners",
            "opens_on": opens_on,
            "closes_on": closes_on,
            "title_en": f"Learning Lab annual survey {year}",
            "title_es": f"Encuesta anual del Learning Lab {year}",
            "title_fr": f"Questionnaire annuel du Learning Lab {year}",
            "introduction_en": "Tell us what works for you in the Lab, and what does not.",
            "introduction_es": "Cuéntanos qué te funciona en el Lab y qué no.",
            "introduction_fr": "Dites-nous ce qui marche pour vous dans le Lab, et ce qui "
            "ne marche pas.",
        },
    )
    useful = services.add_question(
        survey=survey,
        by=by,
        kind=QuestionKind.SCALE,
        required=True,
        texts={
            "text_en": "How useful is the Learning Lab for your organisation?",
            "text_es": "¿Qué tan útil es el Learning Lab para tu organización?",
            "text_fr": "Dans quelle mesure le Learning Lab est-il utile à votre organisation ?",
        },
        labels={
            "scale_low_label_en": "Not useful",
            "scale_low_label_es": "Nada útil",
            "scale_low_label_fr": "Pas utile",
            "scale_high_label_en": "Very useful",
            "scale_high_label_es": "Muy útil",
            "scale_high_label_fr": "Très utile",
        },
        choices=[],
    )
    channel = services.add_question(
        survey=survey,
        by=by,
        kind=QuestionKind.MULTIPLE,
        required=False,
        texts={
            "text_en": "Which activities help you most?",
            "text_es": "¿Qué actividades te ayudan más?",
            "text_fr": "Quelles activités vous aident le plus ?",
        },
        labels={},
        choices=CHANNELS,
    )
    idea = services.add_question(
        survey=survey,
        by=by,
        kind=QuestionKind.TEXT,
        required=False,
        texts={
            "text_en": "One thing we should change",
            "text_es": "Algo que deberíamos cambiar",
            "text_fr": "Une chose que nous devrions changer",
        },
        labels={},
        choices=[],
    )
    return survey, useful, channel, idea


SUMMARY = {
    "what_we_heard_en": "Most of you found the activities useful, and peer exchanges helped "
    "most. Many asked for calls at times that suit every region.",
    "what_we_heard_es": "A la mayoría les resultaron útiles las actividades, y los "
    "intercambios entre pares fueron lo que más ayudó. Muchas pidieron llamadas en horarios "
    "que convengan a todas las regiones.",
    "what_we_heard_fr": "La plupart d’entre vous ont trouvé les activités utiles, et les "
    "échanges entre pairs ont le plus aidé. Beaucoup ont demandé des appels à des horaires "
    "qui conviennent à toutes les régions.",
    "what_we_will_do_en": "From next quarter, the calls rotate their time every month.",
    "what_we_will_do_es": "Desde el próximo trimestre, las llamadas cambian de horario cada mes.",
    "what_we_will_do_fr": "Dès le prochain trimestre, les appels changent d’horaire chaque mois.",
}


def load(*, staff: User) -> int:
    """Create the two surveys once (nothing when an annual survey exists). Returns how many
    rows it created (surveys and responses)."""
    if Survey.objects.filter(kind=SurveyKind.SURVEY).exists():
        return 0
    today = timezone.localdate()
    _survey(
        by=staff,
        year=today.year,
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=25),
    )
    _last, useful, channel, idea = _survey(
        by=staff,
        year=today.year - 1,
        opens_on=today - datetime.timedelta(days=380),
        closes_on=today - datetime.timedelta(days=350),
    )
    choices = list(channel.choices.order_by("position"))
    for row in LAST_YEAR:
        response = Response.objects.create(survey=_last)
        Answer.objects.create(response=response, question=useful, scale_value=row.useful)
        for index in row.helps_most:
            Answer.objects.create(response=response, question=channel, choice=choices[index])
        if row.change:
            Answer.objects.create(response=response, question=idea, text=row.change)
    summary = services.save_summary(survey=_last, by=staff, texts=SUMMARY)
    services.publish_summary(summary=summary, by=staff)
    return 3 + len(LAST_YEAR)
