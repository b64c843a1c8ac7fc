"""The always-open feedback box, and a first template of questions for activity surveys, in the
three portal languages. Staff can change both in the admin."""

from django.db import migrations


def t(en, es, fr, field="text"):
    return {field: en, f"{field}_en": en, f"{field}_es": es, f"{field}_fr": fr}


BOX_TOPICS = [
    t("The Learning Lab in general", "El Learning Lab en general", "Le Learning Lab en général"),
    t("An activity", "Una actividad", "Une activité"),
    t("The Working Group", "El Grupo de Trabajo", "Le Groupe de travail"),
    t("This portal", "Este portal", "Ce portail"),
    t("Something else", "Otra cosa", "Autre chose"),
]


def create(apps, schema_editor):
    Survey = apps.get_model("feedback", "Survey")
    Question = apps.get_model("feedback", "Question")
    Choice = apps.get_model("feedback", "Choice")

    box = Survey.objects.create(
        kind="box",
        **t("Feedback box", "Buzón de comentarios", "Boîte à idées", "title"),
        **t(
            "Tell the Learning Lab team anything, any time. Nobody, not even the team, can know "
            "who wrote it.",
            "Cuéntale al equipo del Learning Lab lo que quieras, cuando quieras. Nadie, ni "
            "siquiera el equipo, puede saber quién lo escribió.",
            "Dites ce que vous voulez à l’équipe du Learning Lab, quand vous voulez. Personne, "
            "pas même l’équipe, ne peut savoir qui l’a écrit.",
            "introduction",
        ),
    )
    topic = Question.objects.create(
        survey=box, position=1, kind="single", required=False,
        **t("What is it about?", "¿De qué se trata?", "De quoi s’agit-il ?"),
    )
    for position, choice in enumerate(BOX_TOPICS, start=1):
        Choice.objects.create(question=topic, position=position, **choice)
    Question.objects.create(
        survey=box, position=2, kind="text", required=True,
        **t("Your message", "Tu mensaje", "Votre message"),
    )

    template = Survey.objects.create(
        kind="template",
        audience="activity",
        **t("After the activity", "Después de la actividad", "Après l’activité", "title"),
        **t(
            "A few questions about the activity you joined. Your answers are anonymous.",
            "Unas preguntas sobre la actividad en la que participaste. Tus respuestas son "
            "anónimas.",
            "Quelques questions sur l’activité à laquelle vous avez participé. Vos réponses "
            "sont anonymes.",
            "introduction",
        ),
    )
    Question.objects.create(
        survey=template, position=1, kind="scale", required=True,
        **t("How useful was it for your work?", "¿Qué tan útil fue para tu trabajo?",
            "Dans quelle mesure était-ce utile pour votre travail ?"),
        **t("Not useful", "Nada útil", "Pas utile", "scale_low_label"),
        **t("Very useful", "Muy útil", "Très utile", "scale_high_label"),
    )
    Question.objects.create(
        survey=template, position=2, kind="scale", required=True,
        **t("Could you follow it in your language?", "¿Pudiste seguirla en tu idioma?",
            "Avez-vous pu la suivre dans votre langue ?"),
        **t("Not at all", "Para nada", "Pas du tout", "scale_low_label"),
        **t("Completely", "Totalmente", "Entièrement", "scale_high_label"),
    )
    again = Question.objects.create(
        survey=template, position=3, kind="single", required=False,
        **t("Would you join a similar activity?", "¿Participarías en una actividad similar?",
            "Participeriez-vous à une activité semblable ?"),
    )
    for position, choice in enumerate(
        [t("Yes", "Sí", "Oui"), t("Maybe", "Tal vez", "Peut-être"), t("No", "No", "Non")],
        start=1,
    ):
        Choice.objects.create(question=again, position=position, **choice)
    Question.objects.create(
        survey=template, position=4, kind="text", required=False,
        **t("What should we do differently next time?",
            "¿Qué deberíamos hacer diferente la próxima vez?",
            "Que devrions-nous faire autrement la prochaine fois ?"),
    )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
