"""SQL of migration 0002 (append-only suggestions), shared with the tests that must empty the
table between transactional tests on SQLite."""

SQLITE_NO_UPDATE = """CREATE TRIGGER stories_suggestion_no_update BEFORE UPDATE ON stories_storysuggestion
       BEGIN SELECT RAISE(ABORT, 'story suggestions are append-only'); END;"""
SQLITE_NO_DELETE = """CREATE TRIGGER stories_suggestion_no_delete BEFORE DELETE ON stories_storysuggestion
       BEGIN SELECT RAISE(ABORT, 'story suggestions are append-only'); END;"""
