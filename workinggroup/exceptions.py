from core.exceptions import ApplicationError


class WorkingGroupError(ApplicationError):
    """A rule of the Working Group flow refused an action (state machine, stale page, ...)."""
