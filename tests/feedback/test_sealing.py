"""Sealing of waiting answers: what is stored opens to the answers with the right key only, has
the same length whatever was written, survives a key rotation, and a row no key opens is kept
and reported, never lost silently. Keys are checked at start."""

import logging
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from feedback import sealing
from feedback.checks import check_sealing_keys, check_sealing_keys_deployed
from feedback.models import PendingSubmission, Receipt, Response
from feedback.services import move_pending
from tests.factories import SurveyFactory
from tests.feedback.utils import (
    answer_as_new_partner,
    answer_data,
    close_by_dates,
    partner,
    questions_of,
)

OLD_KEY = "TbuivDnuqVuh6HKm4jZ4a9cz8+JGH/wyragFq4pnOVA="
NEW_KEY = "mWepM26OWlYtbB0maO0DhjyuBEdeKU9uGD1tYNoQDiE="
STRANGER_KEY = "q9B0l0nqH0bqgJ3oQx0Wq8e3vZ0m2qY9Yk1r5m8c6tE="


def _waiting_answers():
    return [
        sealing.answers_of(sealing.unseal(row.sealed)[1]) for row in PendingSubmission.objects.all()
    ]


@pytest.mark.django_db
def test_sealed_answers_open_to_what_was_written_and_all_have_one_length():
    survey = SurveyFactory()
    size = sealing.payload_size(survey.questions.all())
    short = {"1": "4"}
    long = {"1": "2", "3": "Une réponse bien plus longue, avec des détails. " * 50}

    sealed = [sealing.seal(short, size=size), sealing.seal(long, size=size)]

    assert [len(box) for box in sealed] == [size + 48, size + 48]
    assert [sealing.answers_of(sealing.unseal(box)[1]) for box in sealed] == [short, long]
    assert b"longue" not in sealed[1]
    assert sealing.seal(short, size=size) != sealed[0]  # a fresh sender key every time


@pytest.mark.django_db
def test_the_fixed_size_holds_the_longest_answers_of_any_characters():
    survey = SurveyFactory()
    questions = questions_of(survey)
    size = sealing.payload_size(survey.questions.all())

    for character in ("a", '"', "\x01", "é", "語", "😀"):
        answers = {
            str(questions["scale"].pk): "5",
            str(questions["single"].pk): "99999999999999999999",
            str(questions["text"].pk): character * 5000,
        }

        assert len(sealing.pad(answers, size=size)) == size


@pytest.mark.django_db
def test_answers_are_sealed_with_the_first_key_and_open_with_any(client, settings):
    survey = SurveyFactory()
    settings.FEEDBACK_SEALING_KEYS = [OLD_KEY]
    answer_as_new_partner(client, survey, text="before the rotation")
    settings.FEEDBACK_SEALING_KEYS = [NEW_KEY, OLD_KEY]
    answer_as_new_partner(client, survey, text="after the rotation")

    keys = [sealing.unseal(row.sealed)[0] for row in PendingSubmission.objects.all()]
    texts = sorted(answers[str(questions_of(survey)["text"].pk)] for answers in _waiting_answers())

    assert sorted(keys) == [0, 1]
    assert texts == ["after the rotation", "before the rotation"]


@pytest.mark.django_db
def test_reseal_moves_every_waiting_answer_to_the_new_key_so_the_old_can_go(client, settings):
    survey = SurveyFactory()
    settings.FEEDBACK_SEALING_KEYS = [OLD_KEY]
    for _ in range(2):
        answer_as_new_partner(client, survey, text="sealed with the old key")
    settings.FEEDBACK_SEALING_KEYS = [NEW_KEY, OLD_KEY]
    answer_as_new_partner(client, survey)
    new, old = (sealing.public_name(sealing.decode_key(key)) for key in (NEW_KEY, OLD_KEY))

    before, during, after = StringIO(), StringIO(), StringIO()
    call_command("feedback_reseal", "--dry-run", stdout=before)
    call_command("feedback_reseal", stdout=during)
    call_command("feedback_reseal", "--dry-run", stdout=after)
    settings.FEEDBACK_SEALING_KEYS = [NEW_KEY]

    assert before.getvalue().splitlines() == [
        f"key 1 ({new}): 1 waiting",
        f"key 2 ({old}): 2 waiting",
        "no key: 0 waiting",
    ]
    assert (
        during.getvalue().splitlines()[1] == f"key 2 ({old}): 2 waiting (sealed again with key 1)"
    )
    assert after.getvalue().splitlines() == [
        f"key 1 ({new}): 3 waiting",
        f"key 2 ({old}): 0 waiting",
        "no key: 0 waiting",
    ]
    assert len(_waiting_answers()) == 3  # all open with the new key alone


@pytest.mark.django_db
def test_a_row_no_key_opens_is_kept_and_counted_without_stopping_the_batch(
    client, settings, caplog
):
    settings.FEEDBACK_MIN_RESPONSES = 3
    survey = SurveyFactory()
    settings.FEEDBACK_SEALING_KEYS = [STRANGER_KEY]
    for _ in range(2):
        answer_as_new_partner(client, survey, text="sealed with a key since lost")
    settings.FEEDBACK_SEALING_KEYS = [NEW_KEY]
    for _ in range(3):
        answer_as_new_partner(client, survey, text="sealed with the current key")
    close_by_dates(survey)
    caplog.set_level(logging.INFO)

    moved = move_pending(survey_id=survey.pk)
    report = StringIO()
    call_command("feedback_reseal", "--dry-run", stdout=report, stderr=StringIO())

    assert moved == 3
    assert Response.objects.filter(survey=survey).count() == 3
    assert PendingSubmission.objects.filter(survey=survey).count() == 2
    assert [r.getMessage() for r in caplog.records if r.name == "feedback.services"] == [
        f"2 waiting answer(s) of survey {survey.pk} open with no key in "
        "FEEDBACK_SEALING_KEYS; kept, not counted"
    ]
    assert report.getvalue().splitlines()[-1] == "no key: 2 waiting"


@pytest.mark.django_db
def test_without_a_key_answers_are_refused_and_nothing_is_stored(client, settings):
    settings.FEEDBACK_SEALING_KEYS = []
    survey = SurveyFactory()
    client.force_login(partner())
    client.raise_request_exception = False

    response = client.post(f"/en/feedback/{survey.pk}/", answer_data(survey, text="kept?"))

    assert response.status_code == 500
    assert not Receipt.objects.exists()
    assert not PendingSubmission.objects.exists()


def test_system_checks_refuse_bad_keys_and_a_deployment_without_one(settings):
    settings.FEEDBACK_SEALING_KEYS = ["bm90IGEga2V5"]
    invalid = [check.id for check in check_sealing_keys()]
    settings.FEEDBACK_SEALING_KEYS = []
    settings.DEBUG = True
    developing = [check.id for check in check_sealing_keys()]
    deployed = [check.id for check in check_sealing_keys_deployed()]
    settings.FEEDBACK_SEALING_KEYS = [NEW_KEY]
    fine = check_sealing_keys() + check_sealing_keys_deployed()

    assert invalid == ["feedback.E001"]
    assert developing == ["feedback.W001"]
    assert deployed == ["feedback.E002"]
    assert fine == []


def _manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k != "FEEDBACK_SEALING_KEYS"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(django_settings.BASE_DIR),
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": "a-production-like-secret-key-with-plenty-of-entropy-4f9a8c7d6e5b4a39",
            "ALLOWED_HOSTS": "lab.example.org",
            "DATABASE_URL": "sqlite:////tmp/learninglab-sealing-check.sqlite3",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_with_an_invalid_key_and_check_deploy_without_one():
    invalid = _manage("check", FEEDBACK_SEALING_KEYS="not-a-key")
    missing = _manage("check", "--deploy")
    present = _manage("check", "--deploy", "--tag", "security", FEEDBACK_SEALING_KEYS=NEW_KEY)

    assert invalid.returncode != 0
    assert "FEEDBACK_SEALING_KEYS holds a value that is not a base64 key of 32 bytes." in (
        invalid.stderr
    )
    assert missing.returncode != 0
    assert "(feedback.E002) FEEDBACK_SEALING_KEYS is empty" in missing.stderr
    assert "feedback.E002" not in present.stdout + present.stderr


def test_keygen_prints_a_new_valid_key_each_time():
    first, second = StringIO(), StringIO()
    call_command("feedback_keygen", stdout=first, stderr=StringIO())
    call_command("feedback_keygen", stdout=second, stderr=StringIO())

    keys = [first.getvalue().strip(), second.getvalue().strip()]

    assert keys[0] != keys[1]
    assert all(len(sealing.decode_key(key).encode()) == 32 for key in keys)
