"""Messages written before there were versions per language move into the field of their
author's language, and the log stays append-only through the migration, both ways."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from tests.factories import OrganisationFactory, UserFactory
from workinggroup.migrations import _0002_sql

BEFORE = [("workinggroup", "0003_input_ranges"), ("activities", "0003_proposed_becomes_draft")]
AFTER = [
    ("workinggroup", "0004_message_per_language"),
    ("activities", "0004_cancellation_reason_per_language"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _migrate_to_latest():
    """Every app's last migration: going back to BEFORE also unapplied the later migrations
    of these apps (and of those depending on them), which AFTER alone would leave out."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps


def _empty_the_log():
    """The transactional test must leave no rows; the log refuses deletes, so lift that."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS workinggroup_log_no_delete")
            cursor.execute("DELETE FROM workinggroup_moderationlog")
            cursor.execute(_0002_sql.SQLITE_NO_DELETE)
        else:
            for statement in (
                "ALTER TABLE workinggroup_moderationlog DISABLE TRIGGER "
                "workinggroup_log_append_only",
                "DELETE FROM workinggroup_moderationlog",
                "ALTER TABLE workinggroup_moderationlog ENABLE TRIGGER "
                "workinggroup_log_append_only",
            ):
                cursor.execute(statement)


def _update_is_refused(model, pk) -> bool:
    try:
        with transaction.atomic():
            model.objects.filter(pk=pk).update(private_note="changed")
    except DatabaseError:
        return True
    return False


@pytest.mark.django_db(transaction=True)
def test_old_messages_move_into_their_authors_language_and_the_log_stays_append_only():
    apps = _migrate(BEFORE)
    Item = apps.get_model("workinggroup", "Item")
    Log = apps.get_model("workinggroup", "ModerationLog")
    Activity = apps.get_model("activities", "Activity")
    # People and organisations as they are today (their tables do not change here).
    spanish, english = UserFactory(language="es"), UserFactory(language="en")
    organisation = OrganisationFactory()
    item = Item.objects.create(
        kind="proposal",
        title="T",
        description="D",
        original_language="es",
        organisation_id=organisation.pk,
        proposer_id=spanish.pk,
    )
    log = {"item": item, "action": "decline", "from_state": "submitted", "to_state": "declined"}
    by_spanish = Log.objects.create(actor_id=spanish.pk, message="No, gracias.", **log)
    by_english = Log.objects.create(actor_id=english.pk, message="No, thanks.", **log)
    silent = Log.objects.create(actor_id=english.pk, message="", **log)
    start = datetime.datetime(2031, 5, 6, 12, tzinfo=datetime.UTC)
    activity = Activity.objects.create(
        type="call",
        title="Call",
        original_language="fr",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        status="cancelled",
        cancellation_reason="Grève.",
    )

    try:
        apps = _migrate(AFTER)
        Log = apps.get_model("workinggroup", "ModerationLog")
        rows = {
            entry.pk: (entry.message_en, entry.message_es, entry.message_fr)
            for entry in Log.objects.all()
        }
        moved = apps.get_model("activities", "Activity").objects.get(pk=activity.pk)
        refused_after = _update_is_refused(Log, by_spanish.pk)
        apps = _migrate(BEFORE)
        refused_back = _update_is_refused(
            apps.get_model("workinggroup", "ModerationLog"), by_spanish.pk
        )
    finally:
        latest = _migrate_to_latest()  # the database as the other tests expect it
        refused_again = _update_is_refused(
            latest.get_model("workinggroup", "ModerationLog"), by_spanish.pk
        )
        _empty_the_log()

    assert rows[by_spanish.pk] == (None, "No, gracias.", None)
    assert rows[by_english.pk] == ("No, thanks.", None, None)
    assert rows[silent.pk] == (None, None, None)
    assert (moved.cancellation_reason_fr, moved.cancellation_reason_en) == ("Grève.", None)
    assert (refused_after, refused_back, refused_again) == (True, True, True)
