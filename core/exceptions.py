class ApplicationError(Exception):
    """A domain rule refused an action. The message is translated and safe to show to the user.

    Views turn it into a message and a 4xx response, never a 500.
    """

    status_code = 400

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status_code is not None:
            self.status_code = status_code


class NotAllowed(ApplicationError):
    """The person may not do this (a permission check refused): answered 403."""

    status_code = 403
