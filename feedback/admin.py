from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from core.adminsafety import SafeAdminMixin
from feedback.models import Choice, Question, Survey


class QuestionInline(SafeAdminMixin, TranslationStackedInline):
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


class ChoiceInline(SafeAdminMixin, TranslationStackedInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(SafeAdminMixin, TabbedTranslationAdmin):
    list_display = ["text", "survey", "kind", "required"]
    list_filter = ["kind"]
    inlines = [ChoiceInline]
