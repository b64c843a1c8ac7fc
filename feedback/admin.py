from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from core.adminsafety import SafeAdminMixin
from feedback.models import Choice, Question, Survey
from feedback.services import is_answered


class FrozenOnceAnsweredMixin:
    """Once anyone has answered the survey, its questions and choices stay as they were
    answered: shown, but neither changed, added nor removed (the same rule as the portal's
    `feedback.services._check_unanswered`)."""

    def _survey_of(self, obj):
        return obj if isinstance(obj, Survey) else getattr(obj, "survey", None)

    def _frozen(self, obj) -> bool:
        survey = self._survey_of(obj)
        return survey is not None and survey.pk is not None and is_answered(survey)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class FrozenInlineMixin(FrozenOnceAnsweredMixin):
    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)


class QuestionInline(SafeAdminMixin, FrozenInlineMixin, TranslationStackedInline):
    model = Question
    extra = 0
    fields = ["position", "kind", "text", "required", "scale_low_label", "scale_high_label"]


@admin.register(Survey)
class SurveyAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    """Surveys and their questions. Responses are not in the admin: they are read only as
    aggregates, on the results page, above the threshold."""

    list_display = ["title", "kind", "audience", "opens_on", "closes_on"]
    list_filter = ["kind", "audience"]
    search_fields = ["title_en", "title_es", "title_fr"]
    inlines = [QuestionInline]
    readonly_fields = ["opening_notice_sent_at", "reminder_sent_at"]


class ChoiceInline(SafeAdminMixin, FrozenInlineMixin, TranslationStackedInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(SafeAdminMixin, FrozenOnceAnsweredMixin, TabbedTranslationAdmin):
    """A question of an answered survey is shown read-only and cannot be deleted."""

    list_display = ["text", "survey", "kind", "required"]
    list_filter = ["kind"]
    inlines = [ChoiceInline]
