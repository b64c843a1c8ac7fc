from core.exceptions import ApplicationError


class FeedbackError(ApplicationError):
    """A survey rule refused an action (closed, already answered, not meant for this person)."""
