"""Waiting answers are sealed (feedback/sealing.py) and keep no language; responses keep no
language either.

Rows already waiting are sealed here with the first key of FEEDBACK_SEALING_KEYS. Their old
plaintext stays in dead rows, the write-ahead log and backups until those are gone: on
PostgreSQL, run `VACUUM FULL feedback_pendingsubmission` after this migration (docs/anonymity.md).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def seal_waiting_answers(apps, schema_editor):
    from feedback import sealing

    PendingSubmission = apps.get_model("feedback", "PendingSubmission")
    Question = apps.get_model("feedback", "Question")
    sizes: dict[int, int] = {}
    for submission in PendingSubmission.objects.all():
        if submission.survey_id not in sizes:
            questions = Question.objects.filter(survey_id=submission.survey_id)
            sizes[submission.survey_id] = sealing.payload_size(questions.prefetch_related("choices"))
        submission.sealed = sealing.seal(submission.answers, size=sizes[submission.survey_id])
        submission.save(update_fields=["sealed"])


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_box_and_template"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="pendingsubmission",
            name="sealed",
            field=models.BinaryField(default=b""),
            preserve_default=False,
        ),
        migrations.RunPython(seal_waiting_answers, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="pendingsubmission", name="answers"),
        migrations.RemoveField(model_name="pendingsubmission", name="language"),
        migrations.RemoveField(model_name="response", name="language"),
        migrations.AlterField(
            model_name="survey",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
