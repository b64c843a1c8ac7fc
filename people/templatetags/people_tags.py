from django import template

from people.permissions import can_browse_people as _can_browse_people

register = template.Library()


@register.filter
def can_browse_people(user) -> bool:
    """{% if user|can_browse_people %}: links to the people directory only for the community."""
    return _can_browse_people(user)
