from core.exceptions import ApplicationError, NotAllowed


class WorkingGroupError(ApplicationError):
    """A rule of the Working Group flow refused an action (state machine, stale page, ...)."""


class WorkingGroupNotAllowed(WorkingGroupError, NotAllowed):
    """The person may not do this in the Working Group flow (403)."""
