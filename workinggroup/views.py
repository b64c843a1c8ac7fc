from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.content import missing_languages, translated_text
from core.exceptions import ApplicationError
from core.pagination import paginate
from partners.permissions import is_community_member
from partners.selectors import organisations_of, organisations_visible_to
from workinggroup import permissions, selectors, services
from workinggroup.enums import Action, ItemKind
from workinggroup.forms import (
    CommentForm,
    FreeEntryForm,
    ItemForm,
    MeetingForm,
    ModerationForm,
    OutcomeForm,
    QueueFilterForm,
    TranslationForm,
)
from workinggroup.models import AgendaEntry

PAGE_SIZE = 25


def _community_only(request):
    if not is_community_member(request.user):
        raise PermissionDenied(_("The Working Group pages are for the Learning Lab community."))


@login_required
@require_GET
def overview(request):
    _community_only(request)
    kind = request.GET.get("kind", "")
    if kind not in ("", *ItemKind.values):
        kind = ""
    return render(
        request,
        "workinggroup/overview.html",
        {
            **paginate(request, selectors.community_items(user=request.user, kind=kind), PAGE_SIZE),
            "kind": kind,
            "meetings": selectors.meetings_visible_to(user=request.user)[:5],
            "can_propose": permissions.can_propose(request.user),
        },
    )


@login_required
@require_GET
def mine(request):
    return render(
        request,
        "workinggroup/mine.html",
        {"items": selectors.my_items(user=request.user)},
    )


def _item_form(request, kind, item=None):
    return ItemForm(
        request.POST if request.method == "POST" else None,
        kind=kind,
        user=request.user,
        organisations=organisations_of(user=request.user),
        hosts=organisations_visible_to(user=request.user).order_by("name"),
        item=item,
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose(request, kind: str):
    if not permissions.can_propose(request.user):
        raise PermissionDenied(_("Only members of a partner organisation can propose."))
    form = _item_form(request, kind)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            item = services.create_item(
                by=request.user,
                kind=kind,
                organisation=data["organisation"],
                language=data["language"],
                data=data,
                proposed_hosts=data.get("proposed_hosts") or [],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            return _form_page(request, form, kind, None, error.status_code)
        messages.success(
            request,
            _("Saved as a draft. Check it, add other languages if you can, then submit it."),
        )
        return redirect("workinggroup:item", pk=item.pk)
    return _form_page(request, form, kind, None, 400 if form.is_bound else 200)


def _form_page(request, form, kind, item, status):
    return render(
        request,
        "workinggroup/item_form.html",
        {"form": form, "kind": kind, "item": item, "kind_label": ItemKind(kind).label},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    item = selectors.item_for_page(user=request.user, pk=pk)
    if not permissions.can_edit_item(request.user, item):
        raise PermissionDenied(
            _(
                "This item can only be changed by its proposer while it is a draft or sent back "
                "for changes."
            )
        )
    form = _item_form(request, item.kind, item)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            services.update_item(
                item=item,
                by=request.user,
                version=data["version"],
                language=data["language"],
                data=data,
                proposed_hosts=data.get("proposed_hosts") or [],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
            item = selectors.item_for_page(user=request.user, pk=pk)
            return _form_page(request, form, item.kind, item, error.status_code)
        messages.success(request, _("Your changes are saved."))
        return redirect("workinggroup:item", pk=item.pk)
    return _form_page(request, form, item.kind, item, 400 if form.is_bound else 200)


def _item_context(request, item, moderation_form=None, comment_form=None):
    staff = permissions.can_moderate(request.user)
    actions = services.allowed_actions(item, request.user)
    return {
        "item": item,
        "title": translated_text(item, "title"),
        "description": translated_text(item, "description"),
        "missing": missing_languages(item, "title"),
        "history": selectors.history(item=item),
        "show_private": staff,
        "actions": [Action(a) for a in actions],
        "staff_actions": [Action(a) for a in actions if services.TRANSITIONS[a].by_staff],
        "proposer_actions": [Action(a) for a in actions if not services.TRANSITIONS[a].by_staff],
        "moderation_form": moderation_form
        or ModerationForm(
            initial={"version": item.version},
            meetings=selectors.draft_meetings(),
            merge_targets=selectors.merge_targets(item=item),
        ),
        "can_edit": permissions.can_edit_item(request.user, item),
        "can_translate": permissions.can_add_translations(request.user, item),
        "can_support": permissions.can_support(request.user, item),
        "supports": selectors.supports(item=item, user=request.user),
        "can_comment": permissions.can_comment(request.user, item),
        "comment_form": comment_form or CommentForm(),
    }


@login_required
@require_GET
def item_detail(request, pk: int):
    item = selectors.item_for_page(user=request.user, pk=pk)
    return render(request, "workinggroup/item.html", _item_context(request, item))


@login_required
@require_POST
def act(request, pk: int):
    """Every state change, by staff or by the proposer, through the one state machine."""
    item = selectors.item_for_page(user=request.user, pk=pk)
    form = ModerationForm(
        request.POST,
        meetings=selectors.draft_meetings(),
        merge_targets=selectors.merge_targets(item=item),
    )
    if not form.is_valid():
        return render(
            request,
            "workinggroup/item.html",
            _item_context(request, item, moderation_form=form),
            status=400,
        )
    data = form.cleaned_data
    schedule = None
    if data.get("starts_at") and data.get("ends_at") and data.get("timezone"):
        schedule = services.Schedule(data["starts_at"], data["ends_at"], data["timezone"])
    try:
        services.transition(
            item=item,
            action=data["action"],
            by=request.user,
            version=data["version"],
            message=data["message"],
            private_note=data["private_note"],
            meeting=data.get("meeting"),
            merge_into=data.get("merge_into"),
            schedule=schedule,
        )
    except ApplicationError as error:
        if error.status_code == 403:
            raise PermissionDenied(error.message) from None
        messages.error(request, error.message)
        item = selectors.item_for_page(user=request.user, pk=pk)
        return render(
            request,
            "workinggroup/item.html",
            _item_context(request, item, moderation_form=form),
            status=error.status_code,
        )
    messages.success(request, _("Done: %(action)s.") % {"action": Action(data["action"]).label})
    return redirect("workinggroup:item", pk=item.pk)


@login_required
@require_http_methods(["GET", "POST"])
def translations(request, pk: int):
    item = selectors.item_for_page(user=request.user, pk=pk)
    if not permissions.can_add_translations(request.user, item):
        raise PermissionDenied(
            _("Translations can be added by the proposer or the team until a decision.")
        )
    form = TranslationForm(request.POST if request.method == "POST" else None, item=item)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.add_translations(
                item=item,
                by=request.user,
                version=form.cleaned_data["version"],
                texts=form.texts(),
            )
        except ApplicationError as error:
            messages.error(request, error.message)
            status = error.status_code
        else:
            messages.success(request, _("The translations are saved."))
            return redirect("workinggroup:item", pk=item.pk)
    return render(
        request,
        "workinggroup/translations.html",
        {
            "form": form,
            "item": item,
            "title": translated_text(item, "title"),
            "missing": missing_languages(item, "title"),
        },
        status=status,
    )


@login_required
@require_POST
def support(request, pk: int):
    item = selectors.item_for_page(user=request.user, pk=pk)
    try:
        supported = services.toggle_support(item=item, user=request.user)
    except ApplicationError as error:
        raise PermissionDenied(error.message) from None
    messages.success(
        request,
        _("You support this recommendation.") if supported else _("Your support is withdrawn."),
    )
    return redirect("workinggroup:item", pk=item.pk)


@login_required
@require_POST
def comment(request, pk: int):
    item = selectors.item_for_page(user=request.user, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(by=request.user, item=item, body=form.cleaned_data["body"])
        except ApplicationError as error:
            raise PermissionDenied(error.message) from None
        return redirect("workinggroup:item", pk=item.pk)
    return render(
        request,
        "workinggroup/item.html",
        _item_context(request, item, comment_form=form),
        status=400,
    )


# --- Staff: queue and audit log ----------------------------------------------------------------


def _staff_only(request):
    if not permissions.can_moderate(request.user):
        raise PermissionDenied(_("Only the Learning Lab team moderates."))


@login_required
@require_GET
def queue(request):
    _staff_only(request)
    form = QueueFilterForm(
        request.GET or None,
        organisations=organisations_visible_to(user=request.user)
        .filter(working_group_items__isnull=False)
        .distinct()
        .order_by("name"),
    )
    if form.is_bound and not form.is_valid():
        return render(
            request, "workinggroup/queue.html", {"form": form, "page_obj": None}, status=400
        )
    filters = (
        selectors.QueueFilters(**form.cleaned_data) if form.is_bound else (selectors.QueueFilters())
    )
    return render(
        request,
        "workinggroup/queue.html",
        {"form": form, **paginate(request, selectors.moderation_queue(filters=filters), PAGE_SIZE)},
    )


@login_required
@require_GET
def log(request):
    _staff_only(request)
    return render(request, "workinggroup/log.html", paginate(request, selectors.audit_log(), 50))


# --- Meetings ----------------------------------------------------------------------------------


@login_required
@require_GET
def meetings(request):
    return render(
        request,
        "workinggroup/meetings.html",
        {
            "meetings": selectors.meetings_visible_to(user=request.user),
            "can_manage": permissions.can_manage_meetings(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not permissions.can_manage_meetings(request.user):
        raise PermissionDenied(_("Only the Learning Lab team keeps the agenda."))
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        meeting = services.create_meeting(
            by=request.user,
            starts_at=form.cleaned_data["starts_at"],
            timezone_name=form.cleaned_data["timezone"],
        )
        return redirect("workinggroup:meeting", pk=meeting.pk)
    return render(
        request,
        "workinggroup/meeting_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def _meeting_context(request, meeting, comment_form=None, free_form=None):
    manage = permissions.can_manage_meetings(request.user)
    return {
        "meeting": meeting,
        "agenda": selectors.agenda_for(meeting=meeting, user=request.user),
        "can_manage": manage,
        "can_comment": permissions.can_comment_on_meeting(request.user, meeting),
        "comment_form": comment_form or CommentForm(),
        "free_form": free_form or FreeEntryForm(),
        "outcome_form": OutcomeForm(),
    }


def _meeting_refused(request, meeting, message: str, status: int):
    """The agenda page again, saying why the action was refused, with its 4xx status."""
    messages.error(request, message)
    return render(
        request, "workinggroup/meeting.html", _meeting_context(request, meeting), status=status
    )


@login_required
@require_GET
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_for_page(user=request.user, pk=pk)
    return render(request, "workinggroup/meeting.html", _meeting_context(request, meeting))


@login_required
@require_POST
def meeting_comment(request, pk: int):
    meeting = selectors.meeting_for_page(user=request.user, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(by=request.user, meeting=meeting, body=form.cleaned_data["body"])
        except ApplicationError as error:
            raise PermissionDenied(error.message) from None
        return redirect("workinggroup:meeting", pk=meeting.pk)
    return render(
        request,
        "workinggroup/meeting.html",
        _meeting_context(request, meeting, comment_form=form),
        status=400,
    )


def _managed_meeting(request, pk):
    if not permissions.can_manage_meetings(request.user):
        raise PermissionDenied(_("Only the Learning Lab team keeps the agenda."))
    return selectors.meeting_for_page(user=request.user, pk=pk)


@login_required
@require_POST
def meeting_add_entry(request, pk: int):
    meeting = _managed_meeting(request, pk)
    form = FreeEntryForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "workinggroup/meeting.html",
            _meeting_context(request, meeting, free_form=form),
            status=400,
        )
    services.add_free_entry(meeting=meeting, by=request.user, titles=form.titles())
    return redirect("workinggroup:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_move_entry(request, pk: int, entry_pk: int):
    meeting = _managed_meeting(request, pk)
    entry = get_object_or_404(AgendaEntry, pk=entry_pk, meeting=meeting)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return _meeting_refused(request, meeting, _("Choose to move the item up or down."), 400)
    services.move_entry(entry=entry, by=request.user, direction=direction)
    return redirect("workinggroup:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_outcome(request, pk: int, entry_pk: int):
    meeting = _managed_meeting(request, pk)
    entry = get_object_or_404(AgendaEntry, pk=entry_pk, meeting=meeting)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _meeting_refused(
            request, meeting, _("The outcome could not be saved: check the fields."), 400
        )
    services.record_outcome(
        entry=entry,
        by=request.user,
        discussed=form.cleaned_data["discussed"],
        decision=form.cleaned_data["decision"],
        notes=form.note_fields(),
    )
    messages.success(request, _("The outcome is saved."))
    return redirect("workinggroup:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_publish(request, pk: int):
    meeting = _managed_meeting(request, pk)
    try:
        services.publish_meeting(meeting=meeting, by=request.user)
    except ApplicationError as error:
        return _meeting_refused(request, meeting, error.message, error.status_code)
    messages.success(request, _("The agenda is published; the Working Group has been told."))
    return redirect("workinggroup:meeting", pk=meeting.pk)
