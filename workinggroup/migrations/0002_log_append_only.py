"""The moderation log is append-only in the database itself, not only in the code."""

from django.db import migrations

from workinggroup.migrations._0002_sql import SQLITE_NO_DELETE, SQLITE_NO_UPDATE

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION workinggroup_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the moderation log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER workinggroup_log_append_only
    BEFORE UPDATE OR DELETE ON workinggroup_moderationlog
    FOR EACH ROW EXECUTE FUNCTION workinggroup_log_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS workinggroup_log_append_only ON workinggroup_moderationlog;
DROP FUNCTION IF EXISTS workinggroup_log_append_only();
"""
SQLITE_UP = [SQLITE_NO_UPDATE, SQLITE_NO_DELETE]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS workinggroup_log_no_update;",
    "DROP TRIGGER IF EXISTS workinggroup_log_no_delete;",
]


def _run(schema_editor, postgres, sqlite):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres)
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _run(schema_editor, POSTGRES_UP, SQLITE_UP)


def backwards(apps, schema_editor):
    _run(schema_editor, POSTGRES_DOWN, SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [("workinggroup", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
