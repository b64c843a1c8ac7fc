"""Someone holding a copy of the PostgreSQL database (a dump, a backup, a stolen disk) tries to
read or pair the answers of 1 to 12 respondents: through the transaction ids (xmin) that tie a
receipt to the row written with it, through the order pg_dump lists rows in, by scanning the
waiting table, and by reading the raw pages, dead rows included, with pageinspect. What they
find is ciphertext of one length. Every step also checks what staff can see (0 or >= k)."""

import pytest
from django.db import DatabaseError, connection, transaction

from feedback import sealing
from feedback.models import PendingSubmission
from feedback.services import move_pending, reseal_pending
from tests.factories import StaffFactory, SurveyFactory
from tests.feedback.utils import (
    answer_as_new_partner,
    close_by_dates,
    published_view,
    questions_of,
)
from tests.utils import require_service

K = 5
RESPONDENTS = range(1, 13)
OLD_KEY = "TbuivDnuqVuh6HKm4jZ4a9cz8+JGH/wyragFq4pnOVA="
NEW_KEY = "mWepM26OWlYtbB0maO0DhjyuBEdeKU9uGD1tYNoQDiE="

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _require_postgresql():
    require_service(
        connection.vendor == "postgresql",
        "xmin, ctid and raw pages exist only on PostgreSQL (set DATABASE_URL)",
    )


def _canary(number: int) -> str:
    return f"zq-canary-{number:02d}-my-private-words"


def _answered(client, settings, respondents: int):
    """`respondents` people answer one survey, each in a request (and transaction) of their
    own, each with a free text nobody else wrote. Returns the survey and the texts."""
    settings.FEEDBACK_MIN_RESPONSES = K
    survey = SurveyFactory()
    canaries = [_canary(number) for number in range(respondents)]
    for text in canaries:
        answer_as_new_partner(client, survey, text=text)
    return survey, canaries


def _readable(data: bytes, canaries: list[str], survey) -> list[str]:
    """What of the answers can be read in `data`, as text or as its hex (how bytea prints)."""
    text_question = questions_of(survey)["text"].pk
    needles = [canary.encode() for canary in canaries] + [f'"{text_question}":'.encode()]
    return [
        needle.decode()
        for needle in needles
        if needle in data or needle.hex().encode() in data.lower()
    ]


def _rows(sql: str, *params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@pytest.mark.parametrize("respondents", RESPONDENTS)
def test_the_row_written_with_a_receipt_holds_no_readable_answer(client, settings, respondents):
    _require_postgresql()
    survey, canaries = _answered(client, settings, respondents)

    receipts = [int(x) for (x,) in _rows("SELECT xmin::text FROM feedback_receipt")]
    waiting = [
        (int(x), bytes(sealed))
        for x, sealed in _rows("SELECT xmin::text, sealed FROM feedback_pendingsubmission")
    ]
    # The attacker's pairing: the waiting rows whose xmin is the receipt's or next to it.
    paired = [
        sealed for receipt in receipts for xmin, sealed in waiting if abs(xmin - receipt) <= 1
    ]

    assert len(receipts) == respondents
    assert len(paired) >= respondents  # the pairing works...
    assert [_readable(sealed, canaries, survey) for sealed in paired] == [[]] * len(paired)
    assert len({len(sealed) for sealed in paired}) == 1  # ...and finds one length of ciphertext
    assert published_view(client, StaffFactory(), survey, K) == 0


@pytest.mark.parametrize("respondents", RESPONDENTS)
def test_rows_in_dump_order_reveal_nothing_readable(client, settings, respondents):
    _require_postgresql()
    survey, canaries = _answered(client, settings, respondents)

    receipts = _rows("SELECT t::text FROM feedback_receipt t ORDER BY ctid")
    waiting = _rows("SELECT t::text FROM feedback_pendingsubmission t ORDER BY ctid")
    columns = _rows(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'feedback_pendingsubmission' ORDER BY column_name"
    )

    assert len(receipts) == len(waiting) == respondents
    assert [_readable(row.encode(), canaries, survey) for (row,) in receipts + waiting] == (
        [[]] * (2 * respondents)
    )
    assert columns == [("id",), ("sealed",), ("survey_id",)]
    assert published_view(client, StaffFactory(), survey, K) == 0


@pytest.mark.parametrize("respondents", RESPONDENTS)
def test_no_free_text_answer_is_found_in_the_waiting_table(client, settings, respondents):
    _require_postgresql()
    survey, canaries = _answered(client, settings, respondents)

    as_text = "\n".join(row for (row,) in _rows("SELECT t::text FROM feedback_pendingsubmission t"))
    escaped = b"".join(
        bytes(row)
        for (row,) in _rows(
            "SELECT convert_to(encode(sealed, 'escape'), 'UTF8') FROM feedback_pendingsubmission"
        )
    )

    assert _readable(as_text.encode(), canaries, survey) == []
    assert _readable(escaped, canaries, survey) == []
    assert {len(_rows("SELECT 1 FROM feedback_pendingsubmission"))} == {respondents}


def _pageinspect() -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
    except DatabaseError:
        return False
    return True


def _raw_pages(relation: str) -> bytes:
    """Every page of `relation` as stored on disk: live rows, dead rows and free space."""
    (blocks,) = _rows(
        "SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int", relation
    )[0]
    return b"".join(
        bytes(_rows("SELECT get_raw_page(%s, %s)", relation, block)[0][0])
        for block in range(blocks)
    )


@pytest.mark.parametrize("respondents", RESPONDENTS)
def test_dead_rows_left_by_the_move_and_a_rotation_hold_no_plaintext(client, settings, respondents):
    _require_postgresql()
    require_service(_pageinspect(), "the pageinspect extension needs a PostgreSQL superuser")
    relation = "feedback_pendingsubmission"
    (toast,) = _rows(
        "SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = %s::regclass", relation
    )[0]
    # Keep vacuum away: the dead rows must still be on the pages this test reads.
    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER TABLE {relation} SET (autovacuum_enabled = false, "
            "toast.autovacuum_enabled = false)"
        )
    survey, canaries = _answered(client, settings, respondents)
    staff = StaffFactory()
    seen = [published_view(client, staff, survey, K)]

    # A rotation rewrites every waiting row (dead versions stay); then the move deletes them.
    settings.FEEDBACK_SEALING_KEYS = [OLD_KEY, NEW_KEY]
    assert reseal_pending() == {0: 0, 1: respondents, "none": 0}
    move_pending(survey_id=survey.pk)
    seen.append(published_view(client, staff, survey, K))
    close_by_dates(survey)
    move_pending(survey_id=survey.pk)
    seen.append(published_view(client, staff, survey, K))

    # Every page: rows that earlier tests (rolled back) left behind may fill the first ones.
    (blocks,) = _rows(
        "SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int", relation
    )[0]
    dead = sum(
        _rows(
            "SELECT count(*) FROM heap_page_items(get_raw_page(%s, %s)) WHERE t_xmax::text <> '0'",
            relation,
            block,
        )[0][0]
        for block in range(blocks)
    )
    pages = _raw_pages(relation) + _raw_pages(toast)
    answers_pages = _raw_pages("feedback_answer")
    published = respondents if respondents >= K else 0

    assert seen == [0, respondents - K if respondents >= 2 * K else 0, published]
    assert dead >= respondents  # the reseal's old versions, and the moved rows, are still there
    assert _readable(pages, canaries, survey) == []
    assert PendingSubmission.objects.count() == respondents - published
    # The same reading finds the answers where they are meant to be readable: once published.
    assert sum(canary.encode() in answers_pages for canary in canaries) == published
    assert len(sealing.configured_keys()) == 2
