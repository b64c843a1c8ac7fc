from core.exceptions import ApplicationError, NotAllowed


class ResourceError(ApplicationError):
    """A rule of the resource library refused an action."""


class ResourceNotAllowed(ResourceError, NotAllowed):
    """The person may not do this in the library (403)."""
