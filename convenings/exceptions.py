from core.exceptions import ApplicationError, NotAllowed


class ConveningError(ApplicationError):
    """A rule of convenings refused an action."""


class ConveningNotAllowed(ConveningError, NotAllowed):
    """The person may not do this with the convening (403)."""
