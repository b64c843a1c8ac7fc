"""The activity log (held back, released) is append-only in the database itself, not only in
the code: the same triggers as the Working Group's moderation log."""

from django.db import migrations

from activities.migrations._0007_sql import SQLITE_NO_DELETE, SQLITE_NO_UPDATE

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION activities_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the activity log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER activities_log_append_only
    BEFORE UPDATE OR DELETE ON activities_activitylog
    FOR EACH ROW EXECUTE FUNCTION activities_log_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS activities_log_append_only ON activities_activitylog;
DROP FUNCTION IF EXISTS activities_log_append_only();
"""
SQLITE_UP = [SQLITE_NO_UPDATE, SQLITE_NO_DELETE]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS activities_log_no_update;",
    "DROP TRIGGER IF EXISTS activities_log_no_delete;",
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
    dependencies = [("activities", "0006_partner_led")]

    operations = [migrations.RunPython(forwards, backwards)]
