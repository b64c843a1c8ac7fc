from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from campaigns import models
        from core import content_cache
        from core.cache_signals import watch

        # An activity's page (kept in the shared cache) says which campaigns it is part of.
        for model in (models.Campaign, models.CampaignActivity):
            watch(model, (content_cache.ACTIVITIES,))
