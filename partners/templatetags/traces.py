"""The one way templates show an organisation or a person: through the viewer's `Traces`.

The viewer is the `viewer` in the context (an email's recipient), else the signed-in person of
the request, else an anonymous visitor: when in doubt, the one who may see least.
"""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from partners.selectors import Traces, traces_for

register = template.Library()


def _traces(context) -> Traces:
    viewer = context.get("viewer")
    if viewer is None:
        request = context.get("request")
        viewer = getattr(request, "user", None) or AnonymousUser()
    return traces_for(viewer)


@register.simple_tag(takes_context=True)
def visible_organisations(context, organisations) -> list:
    """`{% visible_organisations item.proposed_hosts.all as hosts %}`: only those the viewer
    may see."""
    return _traces(context).visible(organisations)


@register.simple_tag(takes_context=True)
def organisation_name(context, organisation, link: bool = False) -> str:
    """The organisation's name (a link to its profile with `link=True`) if the viewer may see
    it, else a neutral "A partner organisation" that says nothing about which one."""
    if not _traces(context).shows_organisation(organisation):
        return _("A partner organisation")
    if link:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("partners:profile", kwargs={"slug": organisation.slug}),
            organisation.name,
        )
    return organisation.name


@register.simple_tag(takes_context=True)
def person_name(context, person, missing: str = "") -> str:
    """A person's name if the viewer may see it, else "A community member". `missing` is said
    when there is nobody (a deleted account)."""
    if person is None:
        return missing or _("Former member")
    if not _traces(context).shows_person(person):
        return _("A community member")
    return person.display_name


@register.simple_tag(takes_context=True)
def person_email(context, person) -> str:
    """A person's email address, or nothing: its domain can name their organisation."""
    if person is None or not _traces(context).shows_person(person):
        return ""
    return person.email


@register.simple_tag(takes_context=True)
def visible_people(context, people) -> list:
    """Only the people the viewer may see, for lists that would rather leave a name out."""
    traces = _traces(context)
    return [person for person in people if traces.shows_person(person)]


@register.simple_tag(takes_context=True)
def shows_person(context, person) -> bool:
    return _traces(context).shows_person(person)
