from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Peer mentoring")

    def ready(self) -> None:
        # The standing peer-mentoring survey asks everyone whose relationship ended: feedback
        # sits below this app, so the audience is provided to it here (see mentoring.feedback).
        from mentoring import feedback

        feedback.provide_audience()
