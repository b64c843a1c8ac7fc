from core.exceptions import ApplicationError


class ActivityError(ApplicationError):
    """A rule about activities or registrations refused an action."""
