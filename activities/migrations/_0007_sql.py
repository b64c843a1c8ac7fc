"""SQL of migration 0007 (the append-only activity log), shared with the tests that must
empty the log between transactional tests on SQLite."""

SQLITE_NO_UPDATE = """CREATE TRIGGER activities_log_no_update BEFORE UPDATE ON activities_activitylog
       BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END;"""
SQLITE_NO_DELETE = """CREATE TRIGGER activities_log_no_delete BEFORE DELETE ON activities_activitylog
       BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END;"""
