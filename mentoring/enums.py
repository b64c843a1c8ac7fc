from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RequestState(models.TextChoices):
    """REQUESTED -> ACCEPTED (a mentoring relationship) -> ENDED; or REQUESTED -> DECLINED or
    WITHDRAWN. Moved only by mentoring.services (the NEXT table below)."""

    REQUESTED = "requested", pgettext_lazy("mentoring request", "Waiting for an answer")
    ACCEPTED = "accepted", pgettext_lazy("mentoring request", "Accepted")
    DECLINED = "declined", pgettext_lazy("mentoring request", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("mentoring request", "Withdrawn")
    ENDED = "ended", pgettext_lazy("mentoring request", "Ended")


RequestState.NEXT = {
    RequestState.REQUESTED: (RequestState.ACCEPTED, RequestState.DECLINED, RequestState.WITHDRAWN),
    RequestState.ACCEPTED: (RequestState.ENDED,),
    RequestState.DECLINED: (),
    RequestState.WITHDRAWN: (),
    RequestState.ENDED: (),
}
# Counted as a match in the team's figures: accepted once, whatever happened next.
RequestState.MATCHED = (RequestState.ACCEPTED, RequestState.ENDED)


class Reason(models.TextChoices):
    """Why a peer is suggested (mentoring.selectors.suggestions)."""

    SKILL = "skill", _("offers this skill")
    THEME = "theme", _("works on this theme")
    LANGUAGE = "language", _("speaks a language you speak")
    INTERPRETATION = "interpretation", _("no shared language: with interpretation")
    SAME_REGION = "same_region", _("works in your region")
    OTHER_REGION = "other_region", _("works in another region")
    HOSTED = "hosted", _("has hosted activities on this topic")
    MENTORED = "mentored", _("has mentored before")
