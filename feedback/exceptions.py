from core.exceptions import ApplicationError, NotAllowed


class FeedbackError(ApplicationError):
    """A survey rule refused an action (closed, already answered, not meant for this person)."""


class FeedbackNotAllowed(FeedbackError, NotAllowed):
    """The person may not do this with surveys (403)."""
