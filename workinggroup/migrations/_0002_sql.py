"""SQL of migration 0002 (the append-only moderation log), shared with the tests that must
empty the log between transactional tests on SQLite."""

SQLITE_NO_UPDATE = """CREATE TRIGGER workinggroup_log_no_update BEFORE UPDATE ON workinggroup_moderationlog
       BEGIN SELECT RAISE(ABORT, 'the moderation log is append-only'); END;"""
SQLITE_NO_DELETE = """CREATE TRIGGER workinggroup_log_no_delete BEFORE DELETE ON workinggroup_moderationlog
       BEGIN SELECT RAISE(ABORT, 'the moderation log is append-only'); END;"""
