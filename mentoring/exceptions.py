from core.exceptions import ApplicationError, NotAllowed


class MentoringError(ApplicationError):
    """A rule of peer mentoring refused an action."""


class MentoringNotAllowed(MentoringError, NotAllowed):
    """The person may not do this (403)."""
