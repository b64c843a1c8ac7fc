from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities.permissions import can_see_participants
from core.content import missing_languages, translated_text
from core.filters import active_filter_chips
from core.pagination import paginate
from core.refusals import bound_form, form_page
from learning import permissions, selectors, services
from learning.exceptions import LearningError
from learning.forms import (
    LinkActivityForm,
    LinkOutcomeForm,
    ModerationForm,
    QuestionEditForm,
    QuestionFilterForm,
    QuestionForm,
    SupportForm,
)

PAGE_SIZE = 20


@login_required
@require_GET
def question_list(request):
    permissions.ensure_community_member(request.user)
    form = QuestionFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "learning/list.html", {"form": form, "page_obj": None}, status=400)
    filters = (
        selectors.QuestionFilters(**form.cleaned_data)
        if form.is_bound
        else selectors.QuestionFilters()
    )
    return render(
        request,
        "learning/list.html",
        {
            "form": form,
            "filters": filters,
            "filter_chips": active_filter_chips(form),
            "can_ask": permissions.can_ask(request.user),
            **paginate(
                request, selectors.question_list(user=request.user, filters=filters), PAGE_SIZE
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask(request):
    permissions.ensure_community_member(request.user)

    def create(form):
        data = form.cleaned_data
        question = services.ask_question(
            by=request.user, language=data["language"], title=data["title"], body=data["body"]
        )
        messages.success(request, _("Your question is posted."))
        return redirect("learning:question", pk=question.pk)

    return form_page(
        request,
        "learning/question_form.html",
        form=bound_form(QuestionForm, request, user=request.user),
        on_valid=create,
    )


def _question_context(request, question) -> dict:
    user = request.user
    can_edit = permissions.can_edit(user, question)
    activities = selectors.linked_activities(question=question, user=user)
    context = {
        "question": question,
        "title": translated_text(question, "title"),
        "body": translated_text(question, "body"),
        "linked": [(activity, can_see_participants(user, activity)) for activity in activities],
        "outcomes": selectors.linked_outcomes(question=question, user=user),
        "can_edit": can_edit,
        "can_support": permissions.can_support(user, question),
        "supports": selectors.supports(question=question, user=user),
        "can_moderate": permissions.can_moderate(user),
    }
    if can_edit:
        # A form only when there is something to choose: an empty menu helps nobody.
        linkable = selectors.linkable_activities(question=question, user=user)
        if linkable.exists():
            context["link_activity_form"] = LinkActivityForm(activities=linkable)
        outcomes = selectors.linkable_outcomes(question=question, user=user)
        if outcomes.exists():
            context["link_outcome_form"] = LinkOutcomeForm(outcomes=outcomes)
    if context["can_moderate"]:
        context["moderation_form"] = ModerationForm(initial={"reason": question.hidden_reason})
    return context


@login_required
@require_GET
def question_detail(request, pk: int):
    permissions.ensure_community_member(request.user)
    question = selectors.question_for_page(user=request.user, pk=pk)
    return render(request, "learning/question.html", _question_context(request, question))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    permissions.ensure_community_member(request.user)
    question = selectors.question_for_page(user=request.user, pk=pk)
    permissions.ensure_can_edit(request.user, question)

    def save(form):
        services.update_question(question=question, by=request.user, texts=form.texts())
        messages.success(request, _("Your changes are saved."))
        return redirect("learning:question", pk=question.pk)

    return form_page(
        request,
        "learning/edit.html",
        form=bound_form(QuestionEditForm, request, question=question),
        on_valid=save,
        context={
            "question": question,
            "title": translated_text(question, "title"),
            "missing": missing_languages(question, "title"),
        },
    )


def _valid(form):
    """The cleaned data of a small form sent by a button; anything else is refused (400)."""
    if not form.is_valid():
        raise LearningError(_("This request was not understood. Go back and try again."))
    return form.cleaned_data


@login_required
@require_POST
def support(request, pk: int):
    permissions.ensure_community_member(request.user)
    question = selectors.question_for_page(user=request.user, pk=pk)
    wanted = _valid(SupportForm(request.POST))["support"]
    services.set_support(question=question, user=request.user, support=wanted)
    messages.success(
        request, _("You support this question.") if wanted else _("Your support is withdrawn.")
    )
    return redirect("learning:question", pk=question.pk)


@login_required
@require_POST
def link(request, pk: int):
    """Link an activity or a Working Group outcome to the question (`remove`: unlink it)."""
    permissions.ensure_community_member(request.user)
    question = selectors.question_for_page(user=request.user, pk=pk)
    permissions.ensure_can_edit(request.user, question)
    remove = request.POST.get("remove") == "yes"
    if "activity" in request.POST:
        activity = _valid(
            LinkActivityForm(
                request.POST,
                activities=selectors.link_targets_activities(
                    question=question, user=request.user, linked=remove
                ),
            )
        )["activity"]
        change = services.unlink_activity if remove else services.link_activity
        change(question=question, by=request.user, activity=activity)
    else:
        item = _valid(
            LinkOutcomeForm(
                request.POST,
                outcomes=selectors.link_targets_outcomes(
                    question=question, user=request.user, linked=remove
                ),
            )
        )["outcome"]
        change = services.unlink_outcome if remove else services.link_outcome
        change(question=question, by=request.user, item=item)
    messages.success(request, _("The link is removed.") if remove else _("The link is added."))
    return redirect("learning:question", pk=question.pk)


@login_required
@require_POST
def moderate(request, pk: int):
    permissions.ensure_can_moderate(request.user)
    question = selectors.question_for_page(user=request.user, pk=pk)
    data = _valid(ModerationForm(request.POST))
    services.moderate(question=question, by=request.user, hide=data["hide"], reason=data["reason"])
    messages.success(
        request,
        _("The question is hidden from the community.")
        if data["hide"]
        else _("The question is shown again."),
    )
    return redirect("learning:question", pk=question.pk)
