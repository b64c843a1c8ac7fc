from core.exceptions import ApplicationError, NotAllowed


class StoryError(ApplicationError):
    """A rule of partner stories refused an action."""


class StoryNotAllowed(StoryError, NotAllowed):
    """The person may not do this with the story (403)."""
