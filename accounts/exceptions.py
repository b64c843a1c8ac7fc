from core.exceptions import ApplicationError


class InvitationError(ApplicationError):
    """An invitation link that cannot be used: unknown, expired or already used."""
