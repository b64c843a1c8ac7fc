from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self):
        from core import content_cache
        from core.cache_signals import watch
        from feedback import checks  # noqa: F401  (registers the sealing key checks)
        from feedback.models import Survey

        # An activity page links its survey (for the hosts).
        watch(Survey, (content_cache.ACTIVITIES,))
