from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities.models import Activity
from activities.selectors import activity_for_page
from core.content import translated_text
from core.csv_export import csv_response
from core.refusals import bound_form, form_page
from feedback import permissions, selectors, services
from feedback.enums import QuestionKind, SurveyKind
from feedback.forms import AnswerForm, AttachSurveyForm, QuestionForm, SummaryForm, SurveyForm
from feedback.models import Question, Survey, SurveySummary
from partners.permissions import is_community_member


@login_required
@require_GET
def survey_list(request):
    return render(
        request,
        "feedback/list.html",
        {
            "surveys": selectors.open_surveys_for(user=request.user),
            "box": selectors.feedback_box() if is_community_member(request.user) else None,
            "can_manage": permissions.can_manage_surveys(request.user),
        },
    )


def _survey_or_404(pk: int) -> Survey:
    try:
        return selectors.survey_with_questions(pk=pk)
    except Survey.DoesNotExist:
        raise Http404("No survey here.") from None


@sensitive_variables()
def _answer(request, survey):
    if not permissions.is_in_audience(request.user, survey):
        raise Http404("No survey here.")
    answered = selectors.has_answered(survey=survey, user=request.user)
    if request.method == "GET" and not answered and not survey.is_open():
        messages.info(
            request,
            _("This survey is closed.")
            if survey.is_closed()
            else _("This survey is not open yet."),
        )

    def submit(form):
        services.submit_answers(survey=survey, user=request.user, answers=form.answers())
        messages.success(
            request,
            _("Thank you. Your answers are saved, with nothing that links them to you."),
        )
        return redirect("feedback:list")

    return form_page(
        request,
        "feedback/answer.html",
        form=bound_form(AnswerForm, request, survey=survey),
        on_valid=submit,
        context={
            "survey": survey,
            "title": translated_text(survey, "title"),
            "introduction": translated_text(survey, "introduction"),
            "min_responses": settings.FEEDBACK_MIN_RESPONSES,
            "answered": answered,
        },
    )


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def answer(request, pk: int):
    survey = _survey_or_404(pk)
    if survey.kind != SurveyKind.SURVEY:
        raise Http404("No survey here.")
    return _answer(request, survey)


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def box(request):
    survey = selectors.feedback_box()
    if survey is None:
        raise Http404("No feedback box.")
    return _answer(request, _survey_or_404(survey.pk))


# --- Results -----------------------------------------------------------------------------------


def _results_survey(request, pk: int) -> Survey:
    survey = _survey_or_404(pk)
    permissions.ensure_can_see_results(request.user, survey)
    return survey


@login_required
@require_GET
def results(request, pk: int):
    survey = _results_survey(request, pk)
    return render(
        request,
        "feedback/results.html",
        {
            "survey": survey,
            "title": translated_text(survey, "title"),
            "results": selectors.results(survey=survey),
            "calendar": selectors.survey_calendar(survey=survey),
            "waiting": selectors.waiting(survey=survey)
            if permissions.can_see_waiting(request.user)
            else None,
        },
    )


@login_required
@require_GET
def results_csv(request, pk: int):
    survey = _results_survey(request, pk)
    summary = selectors.results(survey=survey)
    permissions.ensure_can_export(shown=summary.shown, threshold=summary.threshold)
    questions, rows = selectors.export_rows(survey=survey)
    return csv_response(
        f"survey-{survey.pk}.csv",
        [translated_text(q, "text").text for q in questions],
        rows,
    )


# --- Staff: building surveys ---------------------------------------------------------------------


@login_required
@require_GET
def manage(request):
    permissions.ensure_can_manage_surveys(request.user)
    return render(
        request,
        "feedback/manage.html",
        {
            "surveys": selectors.surveys_for_staff(),
            "box": selectors.feedback_box_for_staff(),
            "show_waiting": permissions.can_see_waiting(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, pk: int | None = None):
    permissions.ensure_can_manage_surveys(request.user)
    survey = _survey_or_404(pk) if pk else None

    def save(form):
        saved = services.save_survey(by=request.user, data=form.cleaned_data, survey=survey)
        messages.success(request, _("The survey is saved."))
        return redirect("feedback:survey_edit", pk=saved.pk)

    return form_page(
        request,
        "feedback/survey_form.html",
        form=bound_form(SurveyForm, request, survey=survey),
        on_valid=save,
        context={"survey": survey, "question_form": QuestionForm()},
    )


@login_required
@require_POST
def question_add(request, pk: int):
    permissions.ensure_can_manage_surveys(request.user)
    survey = _survey_or_404(pk)

    def add(form):
        services.add_question(survey=survey, by=request.user, **form.service_data())
        messages.success(request, _("The question is added."))
        return redirect("feedback:survey_edit", pk=survey.pk)

    return form_page(
        request,
        "feedback/survey_form.html",
        form=bound_form(QuestionForm, request),
        on_valid=add,
        context=lambda: {"form": SurveyForm(survey=survey), "survey": survey},
        form_name="question_form",
    )


@login_required
@require_POST
def question_delete(request, pk: int, question_pk: int):
    permissions.ensure_can_manage_surveys(request.user)
    question = get_object_or_404(Question, pk=question_pk, survey_id=pk)
    services.delete_question(question=question, by=request.user)
    return redirect("feedback:survey_edit", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def attach(request, activity_pk: int):
    """Hosts or staff add an after-activity survey from a template of questions."""
    activity: Activity = activity_for_page(user=request.user, pk=activity_pk)
    permissions.ensure_can_attach_survey(request.user, activity)

    def add(form):
        survey = services.survey_for_activity(
            activity=activity, template=form.cleaned_data["template"], by=request.user
        )
        messages.success(request, _("The survey is added. Its dates are below."))
        return redirect("feedback:results", pk=survey.pk)

    return form_page(
        request,
        "feedback/attach.html",
        form=bound_form(AttachSurveyForm, request, templates=selectors.templates()),
        on_valid=add,
        context={
            "activity": activity,
            "title": translated_text(activity, "title"),
            "question_kinds": QuestionKind,
            "plan": selectors.attach_plan(activity=activity),
        },
    )


# --- Summaries for the community ("You said, we did") -------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def summary_edit(request, pk: int):
    """The team writes what they heard in a closed survey and what the Lab will do."""
    permissions.ensure_can_manage_surveys(request.user)
    survey = _survey_or_404(pk)
    if survey.kind != SurveyKind.SURVEY:
        raise Http404("No survey here.")
    summary = selectors.summary_of(survey=survey)

    def save(form):
        services.save_summary(survey=survey, by=request.user, texts=form.cleaned_data)
        messages.success(request, _("The summary is saved."))
        return redirect("feedback:summary_edit", pk=survey.pk)

    return form_page(
        request,
        "feedback/summary_form.html",
        form=bound_form(SummaryForm, request, summary=summary),
        on_valid=save,
        context=lambda: {
            "survey": survey,
            "title": translated_text(survey, "title"),
            "summary": selectors.summary_of(survey=survey),
            "results": selectors.summary_results(survey=survey),
            "closed": survey.is_closed(),
        },
    )


def _publish(request, pk: int, *, publish: bool):
    permissions.ensure_can_manage_surveys(request.user)
    summary = get_object_or_404(SurveySummary.objects.select_related("survey"), survey_id=pk)
    services.publish_summary(summary=summary, by=request.user, publish=publish)
    messages.success(
        request,
        _("The summary is published for the community.")
        if publish
        else _("The summary is taken back: only the team sees it now."),
    )
    return redirect("feedback:summary_edit", pk=pk)


@login_required
@require_POST
def summary_publish(request, pk: int):
    return _publish(request, pk, publish=True)


@login_required
@require_POST
def summary_unpublish(request, pk: int):
    return _publish(request, pk, publish=False)


@login_required
@require_GET
def heard(request, pk: int):
    """A published summary, for the community: the team's words and the charts that pass the
    anonymity threshold, never a free-text answer."""
    permissions.ensure_can_read_summaries(request.user)
    summary = selectors.published_summary(pk=pk)
    return render(
        request,
        "feedback/heard.html",
        {
            "summary": summary,
            "title": translated_text(summary.survey, "title"),
            "heard": translated_text(summary, "what_we_heard"),
            "will_do": translated_text(summary, "what_we_will_do"),
            "results": selectors.summary_results(survey=summary.survey),
        },
    )
