"""The team's suggestions on stories are append-only in the database itself, not only in the
code (as workinggroup's moderation log)."""

from django.db import migrations

from stories.migrations._0002_sql import SQLITE_NO_DELETE, SQLITE_NO_UPDATE

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION stories_suggestion_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'story suggestions are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER stories_suggestion_append_only
    BEFORE UPDATE OR DELETE ON stories_storysuggestion
    FOR EACH ROW EXECUTE FUNCTION stories_suggestion_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS stories_suggestion_append_only ON stories_storysuggestion;
DROP FUNCTION IF EXISTS stories_suggestion_append_only();
"""
SQLITE_UP = [SQLITE_NO_UPDATE, SQLITE_NO_DELETE]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS stories_suggestion_no_update;",
    "DROP TRIGGER IF EXISTS stories_suggestion_no_delete;",
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
    dependencies = [("stories", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
