from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from partners.models import Organisation
from workinggroup.models import Item

TITLE_LIMIT = 200
TEXT_LIMIT = 5000


class LearningQuestion(models.Model):
    """A question partners want to learn about, and what the community learned about it: the
    activities that addressed it (and so their materials) and the Working Group's outcomes."""

    title = models.CharField(_("question"), max_length=TITLE_LIMIT)
    body = models.TextField(
        _("more about it"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)]
    )
    original_language = models.CharField(_("written in"), max_length=8, choices=settings.LANGUAGES)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="learning_questions",
    )
    # The asker's organisation when they asked: named only to those who may see it.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_questions",
    )
    supporters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporters"),
        blank=True,
        related_name="supported_learning_questions",
    )
    activities = models.ManyToManyField(
        Activity, verbose_name=_("activities"), blank=True, related_name="learning_questions"
    )
    outcomes = models.ManyToManyField(
        Item,
        verbose_name=_("Working Group outcomes"),
        blank=True,
        related_name="learning_questions",
    )
    hidden_by_staff = models.BooleanField(_("hidden by the team"), default=False)
    hidden_reason = models.TextField(
        _("why it is hidden"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)]
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("learning question")
        verbose_name_plural = _("learning questions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
