"""The anonymity promise, checked where it matters: in the database, the logs, error reports and
Celery messages."""

import logging
import sys

import pytest
from django.db import connection, models
from django.views.debug import ExceptionReporter

from feedback.models import Answer, PendingSubmission, Receipt, Response
from feedback.services import move_pending
from tests.factories import PartnerFactory, SurveyFactory
from tests.feedback.utils import answer_data
from tests.utils import require_service


def test_response_tables_have_no_link_to_people_and_no_time():
    for model in (Response, Answer, PendingSubmission):
        related = {
            f.related_model.__name__
            for f in model._meta.get_fields()
            if f.is_relation and f.concrete
        }
        times = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.DateTimeField | models.DateField | models.TimeField)
        ]
        columns = {f.column for f in model._meta.concrete_fields}
        assert related <= {"Survey", "Response", "Question", "Choice"}, model
        assert times == [], model
        assert not columns & {"user_id", "session_key", "ip", "ip_address", "registration_id"}
        assert isinstance(model._meta.pk, models.UUIDField), model


def test_waiting_and_counted_rows_hold_nothing_but_the_survey_and_sealed_or_counted_answers():
    assert {f.name for f in PendingSubmission._meta.concrete_fields} == {"id", "survey", "sealed"}
    assert {f.name for f in Response._meta.concrete_fields} == {"id", "survey"}


def test_receipt_holds_only_person_survey_and_day():
    assert {f.name for f in Receipt._meta.concrete_fields} == {"id", "user", "survey", "day"}
    assert isinstance(Receipt._meta.get_field("day"), models.DateField)
    assert not isinstance(Receipt._meta.get_field("day"), models.DateTimeField)


def _answer(client, survey, count, **kwargs):
    for _ in range(count):
        client.force_login(PartnerFactory())
        client.post(f"/en/feedback/{survey.pk}/", answer_data(survey, **kwargs))


def _close(survey):
    survey.opens_on = survey.closes_on = survey.opens_on.replace(year=2000)
    survey.save()


@pytest.mark.django_db
def test_an_open_survey_moves_all_but_k_once_2k_wait(client, settings):
    settings.FEEDBACK_MIN_RESPONSES = 3
    survey = SurveyFactory()
    _answer(client, survey, 5)

    moved_too_early = move_pending(survey_id=survey.pk)
    _answer(client, survey, 1)
    moved = move_pending(survey_id=survey.pk)

    assert moved_too_early == 0
    assert moved == 3
    assert Receipt.objects.filter(survey=survey).count() == 6
    assert Response.objects.filter(survey=survey).count() == 3
    assert PendingSubmission.objects.count() == 3


@pytest.mark.django_db
def test_a_closed_survey_moves_everything_left_only_from_k(client):
    few, enough = SurveyFactory(), SurveyFactory()
    _answer(client, few, 4)
    _answer(client, enough, 5)
    _close(few)
    _close(enough)

    assert move_pending(survey_id=few.pk) == 0
    assert move_pending(survey_id=enough.pk) == 5
    assert PendingSubmission.objects.filter(survey=few).count() == 4
    assert Response.objects.filter(survey=few).count() == 0


@pytest.mark.django_db(transaction=True)
def test_database_bookkeeping_does_not_pair_receipts_with_responses(client):
    """50 people answer, each in their own transaction; the batch moves in another. No
    response shares a transaction id (xmin) with a receipt, and neither the primary keys nor
    the physical order (ctid) of responses follows the order of the receipts."""
    require_service(
        connection.vendor == "postgresql",
        "xmin and ctid exist only on PostgreSQL (set DATABASE_URL)",
    )
    survey = SurveyFactory()
    people = [PartnerFactory() for _ in range(50)]
    for number, person in enumerate(people):
        client.force_login(person)
        response = client.post(
            f"/en/feedback/{survey.pk}/", answer_data(survey, text=f"answer-{number:02d}")
        )
        assert response.status_code == 302
    _close(survey)

    assert move_pending(survey_id=survey.pk) == 50

    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text, user_id FROM feedback_receipt ORDER BY id")
        receipts = cursor.fetchall()
        cursor.execute(
            "SELECT r.xmin::text, a.text FROM feedback_response r "
            "JOIN feedback_answer a ON a.response_id = r.id WHERE a.text <> ''"
        )
        response_rows = cursor.fetchall()
        cursor.execute(
            "SELECT a.text FROM feedback_response r JOIN feedback_answer a "
            "ON a.response_id = r.id WHERE a.text <> '' ORDER BY r.id"
        )
        by_key = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT a.text FROM feedback_response r JOIN feedback_answer a "
            "ON a.response_id = r.id WHERE a.text <> '' ORDER BY r.ctid"
        )
        by_ctid = [row[0] for row in cursor.fetchall()]

    receipt_xmins = {xmin for xmin, _user in receipts}
    assert len(receipt_xmins) == 50
    assert not receipt_xmins & {xmin for xmin, _text in response_rows}
    # Person i (by receipt order) wrote "answer-i": compare that order with the responses'.
    assert abs(_spearman([int(t[-2:]) for t in by_key])) < 0.5
    assert abs(_spearman([int(t[-2:]) for t in by_ctid])) < 0.5


def _spearman(ranks: list[int]) -> float:
    """Rank correlation between positions 0..n-1 and `ranks` (a permutation of 0..n-1)."""
    n = len(ranks)
    d2 = sum((position - rank) ** 2 for position, rank in enumerate(ranks))
    return 1 - 6 * d2 / (n * (n * n - 1))


def test_spearman_helper_detects_order():
    assert _spearman(list(range(50))) == 1
    assert _spearman(list(reversed(range(50)))) == -1


@pytest.mark.django_db
def test_logs_and_task_messages_never_carry_answers(client, caplog, settings):
    from celery.signals import task_prerun

    settings.FEEDBACK_MIN_RESPONSES = 3
    survey = SurveyFactory()
    published = []

    def record(sender=None, args=None, kwargs=None, **_extra):
        published.append(repr((args, kwargs)))

    task_prerun.connect(record)
    caplog.set_level(logging.DEBUG)
    try:
        emails = []
        for number in range(6):
            person = PartnerFactory()
            emails.append(person.email)
            client.force_login(person)
            client.post(
                f"/en/feedback/{survey.pk}/",
                answer_data(survey, text=f"my secret opinion {number}"),
            )
        from feedback.tasks import move_pending_task

        move_pending_task.delay()
    finally:
        task_prerun.disconnect(record)

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert Response.objects.count() == 3
    assert "secret opinion" not in logged
    assert published and all("secret opinion" not in p for p in published)
    assert all(email not in p for p in published for email in emails)


@pytest.mark.django_db
def test_error_reports_do_not_pair_the_person_with_the_answers(client, monkeypatch):
    survey = SurveyFactory()
    person = PartnerFactory()
    client.force_login(person)
    captured = {}

    def fail(*args, **kwargs):
        captured["exc_info"] = None
        raise RuntimeError("database went away")

    monkeypatch.setattr(PendingSubmission.objects, "create", fail)
    client.raise_request_exception = False
    from django.core.signals import got_request_exception

    def keep(sender, request=None, **kwargs):
        captured["request"] = request
        captured["exc_info"] = sys.exc_info()

    got_request_exception.connect(keep)
    try:
        response = client.post(
            f"/en/feedback/{survey.pk}/", answer_data(survey, text="what I really think")
        )
    finally:
        got_request_exception.disconnect(keep)

    report = ExceptionReporter(captured["request"], *captured["exc_info"]).get_traceback_text()
    assert response.status_code == 500
    assert "database went away" in report
    assert "what I really think" not in report
    assert not Receipt.objects.exists()  # refused: nothing half-saved
