"""Helpers for the activities tests."""


def empty_activity_log(connection) -> None:
    """The activity log refuses UPDATE and DELETE in the database itself (migration 0007): a
    transactional test must lift that just long enough to leave no rows behind."""
    from activities.migrations._0007_sql import ACTIVITY_LOG

    ACTIVITY_LOG.empty(connection)
