"""Helpers for the activities tests."""


def empty_activity_log(connection) -> None:
    """The activity log refuses UPDATE and DELETE in the database itself (migration 0007): a
    transactional test must lift that just long enough to leave no rows behind."""
    from activities.migrations import _0007_sql

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS activities_log_no_delete")
            cursor.execute("DELETE FROM activities_activitylog")
            cursor.execute(_0007_sql.SQLITE_NO_DELETE)
        else:
            for statement in (
                "ALTER TABLE activities_activitylog DISABLE TRIGGER activities_log_append_only",
                "DELETE FROM activities_activitylog",
                "ALTER TABLE activities_activitylog ENABLE TRIGGER activities_log_append_only",
            ):
                cursor.execute(statement)
