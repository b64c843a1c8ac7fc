from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ConveningState(models.TextChoices):
    """DRAFT (the team prepares it) -> PUBLISHED (the programme is open) -> ARCHIVED (it took
    place: its record stays as the Lab's memory). Moved only by `convenings.services.set_state`."""

    DRAFT = "draft", pgettext_lazy("convening state", "Draft")
    PUBLISHED = "published", pgettext_lazy("convening state", "Published")
    ARCHIVED = "archived", pgettext_lazy("convening state", "Archived")


# Seen by everyone (the sessions inside follow their activities' own rules).
ConveningState.LISTED = (ConveningState.PUBLISHED, ConveningState.ARCHIVED)
# The allowed moves (a mistaken archive is published again; a published one back to draft).
ConveningState.NEXT = {
    ConveningState.DRAFT: (ConveningState.PUBLISHED,),
    ConveningState.PUBLISHED: (ConveningState.ARCHIVED, ConveningState.DRAFT),
    ConveningState.ARCHIVED: (ConveningState.PUBLISHED,),
}


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    PARTNERSHIP_REVIEW = "partnership_review", _("State of the Partnership review")
    WORKSHOP = "workshop", _("Workshop")
    PEER_EXCHANGE = "peer_exchange", _("Peer exchange")
    PUBLIC_EVENT = "public_event", _("Public event alongside")
    OTHER = "other", _("Other session")
