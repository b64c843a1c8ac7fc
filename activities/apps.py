from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")

    def ready(self):
        # The per-person slots of shared cards (core.content_cache.personalise).
        from activities import models, selectors
        from activities.templatetags import activity_tags  # noqa: F401
        from core import content_cache
        from core.cache_signals import watch

        watch(models.Activity, (content_cache.ACTIVITIES,))
        watch(models.Registration, (content_cache.ACTIVITIES,), person="user_id")
        watch(models.Material, (content_cache.ACTIVITIES,))
        # Shown to the hosts (their links, the held-back notice) and counted for the team.
        watch(models.SupportRequest, (content_cache.ACTIVITIES,))
        watch(models.Suggestion, (content_cache.ACTIVITIES,))
        watch(models.ActivityLog, (content_cache.ACTIVITIES,))
        content_cache.provide("next_change", selectors.next_change)
