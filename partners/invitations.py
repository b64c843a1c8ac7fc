"""Invitations into an organisation, built on the portal's invitations (accounts): the link is
accounts', the organisation and the role are partners' (`OrganisationInvitation`). Registered
with accounts in `PartnersConfig.ready`, so accounts never imports partners."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.exceptions import InvitationError
from accounts.models import Invitation, User
from accounts.services import InvitationExtension, Joining
from partners.models import OrganisationInvitation
from partners.services import add_member


def _extra(invitation: Invitation) -> OrganisationInvitation | None:
    return (
        OrganisationInvitation.objects.select_related("organisation")
        .filter(invitation=invitation)
        .first()
    )


class OrganisationInvitations(InvitationExtension):
    def joining(self, invitation: Invitation) -> Joining | None:
        extra = _extra(invitation)
        if extra is None:
            return None
        organisation = extra.organisation
        return Joining(
            name=organisation.name,
            url=reverse("partners:profile", kwargs={"slug": organisation.slug}),
        )

    def accept(self, invitation: Invitation, user: User) -> None:
        """Make the person a member with the invited role; only the invited address may."""
        extra = _extra(invitation)
        if extra is None:
            return
        if user.email.lower() != invitation.email.lower():
            raise InvitationError(
                _("This invitation was sent to another email address."), status_code=403
            )
        add_member(organisation=extra.organisation, user=user, role=extra.role)
