"""What pages of one app show from another app above it. The partners profile lists the
organisation's activities; partners sits below activities, so the list is fetched here, in the
app at the top, rather than by partners' view."""

from django import template

from activities import selectors as activity_selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def hosted_activities(context, organisation):
    """The organisation's recent and coming activities that the viewer may see."""
    return activity_selectors.hosted_by(organisation=organisation, user=context["request"].user)
