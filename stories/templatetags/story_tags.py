from django import template

from stories import sharing

register = template.Library()


@register.filter
def story_region(story) -> str:
    """ "A partner in East and Southern Africa": who an anonymous story is by."""
    return sharing.region_label(story)
