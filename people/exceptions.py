from core.exceptions import ApplicationError, NotAllowed


class ProfileError(ApplicationError):
    """A rule of people's profiles refused an action."""


class ProfileNotAllowed(ProfileError, NotAllowed):
    """The person may not do this with the profile (403)."""
