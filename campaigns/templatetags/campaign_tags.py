"""`{% campaigns_of activity "activity" as campaigns %}`: the campaigns an activity, story or
resource is part of, as the viewer may see them (one query), for the item's own page."""

from django import template
from django.contrib.auth.models import AnonymousUser

from campaigns import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def campaigns_of(context, item, kind: str) -> list:
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    return selectors.campaigns_of(user=user, kind=kind, item_id=item.pk)


@register.inclusion_tag("campaigns/_part_of.html", takes_context=True)
def part_of_campaigns(context, item, kind: str) -> dict:
    """ "Part of the campaign: 16 Days of Activism", linked; nothing when it is in none."""
    return {"campaigns": campaigns_of(context, item, kind)}


@register.simple_tag
def campaign_dates(campaign) -> str:
    """The campaign's days in the active language (CLDR, through Babel)."""
    from campaigns.sharing import dates_text

    return dates_text(campaign)
