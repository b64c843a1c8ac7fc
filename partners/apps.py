from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from accounts.services import register_invitation_extension
        from partners.invitations import OrganisationInvitations

        register_invitation_extension(OrganisationInvitations())
