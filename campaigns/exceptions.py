from core.exceptions import ApplicationError, NotAllowed


class CampaignError(ApplicationError):
    """A rule of campaigns refused an action."""


class CampaignNotAllowed(CampaignError, NotAllowed):
    """The person may not do this with the campaign (403)."""
