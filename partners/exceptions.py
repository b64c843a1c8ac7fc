from core.exceptions import ApplicationError


class PartnerError(ApplicationError):
    """A rule about organisations or membership refused an action."""
