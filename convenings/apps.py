from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConveningsConfig(AppConfig):
    name = "convenings"
    verbose_name = _("Convenings")

    def ready(self):
        from convenings import models
        from core import content_cache
        from core.cache_signals import watch

        # An activity's page says which convening it belongs to (templatetags.convening_tags,
        # kept in the page's facts): a changed convening or session makes kept pages stale.
        watch(models.Convening, (content_cache.ACTIVITIES,))
        watch(models.ConveningSession, (content_cache.ACTIVITIES,))
