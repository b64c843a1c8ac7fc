"""`{% part_of_convening activity %}`: "Part of the convening ...", linked, on a session's
activity page, as the viewer may see the convening (one query); nothing for other activities.
A template tag, like campaigns' `part_of_campaigns`, so that activities need not know of
convenings (dependencies point down)."""

from django import template
from django.contrib.auth.models import AnonymousUser

from convenings import selectors

register = template.Library()


@register.inclusion_tag("convenings/_part_of.html", takes_context=True)
def part_of_convening(context, activity) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    return {"convening": selectors.convening_of_activity(activity=activity, user=user)}
