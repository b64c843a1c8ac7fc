"""The append-only activity log of migration 0007, shared with the tests that must empty it."""

from core.append_only import AppendOnlyTable

ACTIVITY_LOG = AppendOnlyTable(
    table="activities_activitylog",
    prefix="activities_log",
    message="the activity log is append-only",
)
