"""The append-only story suggestions of migration 0002, shared with the tests that must empty
them."""

from core.append_only import AppendOnlyTable

SUGGESTIONS = AppendOnlyTable(
    table="stories_storysuggestion",
    prefix="stories_suggestion",
    message="story suggestions are append-only",
)
