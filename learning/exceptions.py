from core.exceptions import ApplicationError, NotAllowed


class LearningError(ApplicationError):
    """A rule of the learning questions refused an action."""


class LearningNotAllowed(LearningError, NotAllowed):
    """The person may not do this with learning questions (403)."""
