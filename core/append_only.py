"""Tables the database itself keeps append-only (a log, the team's suggestions): triggers that
refuse UPDATE and DELETE on PostgreSQL and SQLite, made by one migration operation, and lifted
only by `empty()` for transactional tests (SQLite deletes row by row where PostgreSQL truncates).

The Working Group's moderation log (workinggroup migration 0002) predates this module and uses
the same trigger names and SQL written out."""

from dataclasses import dataclass

from django.db import migrations


@dataclass(frozen=True)
class AppendOnlyTable:
    table: str  # "activities_activitylog"
    prefix: str  # names the triggers: "<prefix>_append_only", "<prefix>_no_update", ...
    message: str  # the refusal, in English, for logs

    def _sqlite_trigger(self, event: str) -> str:
        return (
            f"CREATE TRIGGER {self.prefix}_no_{event.lower()} BEFORE {event} ON {self.table}\n"
            f"       BEGIN SELECT RAISE(ABORT, '{self.message}'); END;"
        )

    @property
    def sqlite_no_update(self) -> str:
        return self._sqlite_trigger("UPDATE")

    @property
    def sqlite_no_delete(self) -> str:
        return self._sqlite_trigger("DELETE")

    @property
    def postgres_up(self) -> str:
        return f"""
CREATE OR REPLACE FUNCTION {self.prefix}_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{self.message}';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {self.prefix}_append_only
    BEFORE UPDATE OR DELETE ON {self.table}
    FOR EACH ROW EXECUTE FUNCTION {self.prefix}_append_only();
"""

    @property
    def postgres_down(self) -> str:
        return f"""
DROP TRIGGER IF EXISTS {self.prefix}_append_only ON {self.table};
DROP FUNCTION IF EXISTS {self.prefix}_append_only();
"""

    def _run(self, schema_editor, *, up: bool) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(self.postgres_up if up else self.postgres_down)
        elif vendor == "sqlite":
            statements = (
                [self.sqlite_no_update, self.sqlite_no_delete]
                if up
                else [f"DROP TRIGGER IF EXISTS {self.prefix}_no_{e};" for e in ("update", "delete")]
            )
            for statement in statements:
                schema_editor.execute(statement)

    def operation(self) -> migrations.RunPython:
        """The migration operation that adds the triggers (and drops them when undone)."""
        return migrations.RunPython(
            lambda apps, schema_editor: self._run(schema_editor, up=True),
            lambda apps, schema_editor: self._run(schema_editor, up=False),
        )

    def empty(self, connection) -> None:
        """Delete every row, the refusal lifted just for that (transactional tests)."""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {self.prefix}_no_delete")
                # The table name is this module's constant, never input.
                cursor.execute(f"DELETE FROM {self.table}")  # noqa: S608  # nosec B608
                cursor.execute(self.sqlite_no_delete)
            else:
                trigger = f"{self.prefix}_append_only"
                cursor.execute(f"ALTER TABLE {self.table} DISABLE TRIGGER {trigger}")
                cursor.execute(f"DELETE FROM {self.table}")  # noqa: S608  # nosec B608
                cursor.execute(f"ALTER TABLE {self.table} ENABLE TRIGGER {trigger}")
