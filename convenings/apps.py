from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConveningsConfig(AppConfig):
    name = "convenings"
    verbose_name = _("Convenings")

    def ready(self):
        from activities.selectors import provide_convening_of
        from convenings import models, selectors
        from core import content_cache
        from core.cache_signals import watch

        # An activity's page says which convening it belongs to (kept in its facts): a changed
        # convening or session makes the kept activity pages stale.
        watch(models.Convening, (content_cache.ACTIVITIES,))
        watch(models.ConveningSession, (content_cache.ACTIVITIES,))
        provide_convening_of(
            lambda activity, user: selectors.convening_of_activity(activity=activity, user=user)
        )
