"""Who may see and do what in the resource library: the one place these rules live.

A resource is seen by anyone (public), by the Learning Lab community (community) or only by the
members of the organisations that made it (organisation); the team sees all, and hides what
breaks the community's rules (with a reason). Community members add resources for their own
organisations; the person who added one, the leads of its organisations and the team change it.
A hidden organisation that made a public resource is never named to those who may not see it
(templates print makers through the `traces` tags)."""

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff
from partners.enums import MembershipRole
from partners.models import Membership
from partners.permissions import is_community_member
from resources.enums import ResourceVisibility
from resources.exceptions import ResourceNotAllowed
from resources.models import Resource


def _member_of_makers(user: User, resource: Resource, *, leads_only: bool = False) -> bool:
    if not user.is_authenticated:
        return False
    memberships = Membership.objects.filter(user=user, organisation__resources=resource)
    if leads_only:
        memberships = memberships.filter(role=MembershipRole.LEAD)
    return memberships.exists()


def can_view(user: User, resource: Resource) -> bool:
    """The rule `selectors.resources_visible_to` applies to a query, for one resource."""
    if is_staff(user):
        return True
    if resource.hidden_by_staff:
        return False
    if resource.visibility == ResourceVisibility.PUBLIC:
        return True
    if resource.visibility == ResourceVisibility.COMMUNITY:
        return is_community_member(user)
    return user.is_authenticated and (
        resource.added_by_id == user.pk or _member_of_makers(user, resource)
    )


def can_add(user: User) -> bool:
    return is_community_member(user)


def can_edit(user: User, resource: Resource) -> bool:
    """The person who added it and the leads of its organisations (while the team has not
    hidden it), and the team."""
    if is_staff(user):
        return True
    if not is_community_member(user) or resource.hidden_by_staff:
        return False
    return resource.added_by_id == user.pk or _member_of_makers(user, resource, leads_only=True)


def can_moderate(user: User) -> bool:
    return is_staff(user)


# --- Refusals ---------------------------------------------------------------------------------


def ensure_can_add(user: User) -> None:
    if not can_add(user):
        raise ResourceNotAllowed(
            _("Adding to the library is for the Learning Lab community and team.")
        )


def ensure_can_edit(user: User, resource: Resource) -> None:
    if not can_edit(user, resource):
        raise ResourceNotAllowed(
            _(
                "Only the person who added this resource, the leads of the organisations that "
                "made it and the team can change it."
            )
        )


def ensure_can_moderate(user: User) -> None:
    if not can_moderate(user):
        raise ResourceNotAllowed(_("Only the Learning Lab team moderates."))
