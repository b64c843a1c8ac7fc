from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MembershipRole(models.TextChoices):
    MEMBER = "member", pgettext_lazy("membership role", "Member")
    LEAD = "lead", pgettext_lazy("membership role", "Lead")


class Visibility(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("visibility", "Public")
    COMMUNITY = "community", pgettext_lazy("visibility", "Community only")
    HIDDEN = "hidden", pgettext_lazy("visibility", "Hidden")


VISIBILITY_HELP = {
    Visibility.PUBLIC: _("Anyone on the internet can see the profile and its pin on the map."),
    Visibility.COMMUNITY: _("Only signed-in members of the Learning Lab community can see it."),
    Visibility.HIDDEN: _("Only your own members and the Learning Lab team can see it."),
}


class Region(models.TextChoices):
    LATIN_AMERICA = "latin_america", _("Latin America and the Caribbean")
    WEST_CENTRAL_AFRICA = "west_central_africa", _("West and Central Africa")
    EAST_SOUTHERN_AFRICA = "east_southern_africa", _("East and Southern Africa")
    MIDDLE_EAST_NORTH_AFRICA = "middle_east_north_africa", _("Middle East and North Africa")
    SOUTH_ASIA = "south_asia", _("South Asia")
    EAST_ASIA_PACIFIC = "east_asia_pacific", _("East Asia and the Pacific")
    EUROPE_CENTRAL_ASIA = "europe_central_asia", _("Europe and Central Asia")
    NORTH_AMERICA = "north_america", _("North America")
