from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from accounts.services import register_invitation_extension
        from partners.invitations import OrganisationInvitations

        register_invitation_extension(OrganisationInvitations())

        from core import content_cache
        from core.cache_signals import watch
        from partners import models, selectors

        for model in (models.Organisation, models.FocusArea):
            watch(model, (content_cache.PARTNERS, content_cache.ACTIVITIES))
        both = (content_cache.PARTNERS, content_cache.ACTIVITIES)
        watch(models.Membership, both, person="user_id")
        for model in (models.WorkingLanguage, models.SocialLink):
            watch(model, (content_cache.PARTNERS,))
        content_cache.provide("viewer_class", selectors.viewer_class)
        content_cache.provide("seen_as", selectors.remember_class)
