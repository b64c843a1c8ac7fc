from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning questions")

    def ready(self):
        from activities.selectors import QuestionFilter, provide_question_filter
        from core import content_cache
        from core.cache_signals import watch
        from learning import models, selectors

        # The activity list offers the questions as a filter (its choices are kept per viewer
        # class): a question or a link that changes makes the kept list pages stale.
        watch(
            models.LearningQuestion,
            (content_cache.ACTIVITIES,),
            many_to_many=[models.LearningQuestion.activities.through],
        )
        provide_question_filter(
            QuestionFilter(
                choices=lambda user: selectors.question_choices(user=user),
                activity_ids=lambda user, question: selectors.activities_for_question(
                    user=user, question=question
                ),
            )
        )
