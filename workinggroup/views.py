from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities import permissions as activity_permissions
from core.content import missing_languages, translated_text
from core.filters import active_filter_chips
from core.pagination import paginate
from core.refusals import bound_form, form_page
from partners.selectors import organisations_of, organisations_visible_to
from workinggroup import decisions, permissions, selectors, services
from workinggroup.enums import Action, ItemKind, ItemState, MeetingState
from workinggroup.forms import (
    CancelDecisionForm,
    CommentForm,
    DecisionForm,
    FollowUpForm,
    FreeEntryForm,
    ItemForm,
    MeetingForm,
    ModerationForm,
    OutcomeForm,
    PositionForm,
    QueueFilterForm,
    TranslationForm,
)
from workinggroup.models import AgendaEntry, FollowUp

PAGE_SIZE = 25


@login_required
@require_GET
def overview(request):
    permissions.ensure_community_member(request.user)
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
            "waiting": selectors.decisions_waiting_for(user=request.user),
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
    return bound_form(
        ItemForm,
        request,
        kind=kind,
        user=request.user,
        organisations=organisations_of(user=request.user),
        hosts=organisations_visible_to(user=request.user).order_by("name"),
        item=item,
    )


def _item_form_page(request, form, kind, item=None, *, on_valid):
    """The item form: saved through `on_valid`, or, when the host list's "Filter" button sent it,
    shown again unsaved and without errors, the list narrowed, everything typed kept."""
    context = {"kind": kind, "item": item, "kind_label": ItemKind(kind).label}
    if request.method == "POST" and "filter_hosts" in request.POST:
        form.narrow_hosts()
        return render(request, "workinggroup/item_form.html", {**context, "form": form})
    return form_page(
        request, "workinggroup/item_form.html", form=form, on_valid=on_valid, context=context
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose(request, kind: str):
    permissions.ensure_can_propose(request.user)

    def create(form):
        data = form.service_data()
        item = services.create_item(
            by=request.user,
            kind=kind,
            organisation=data["organisation"],
            language=data["language"],
            data=data,
            proposed_hosts=data.get("proposed_hosts") or [],
        )
        messages.success(
            request,
            _("Saved as a draft. Check it, add other languages if you can, then submit it."),
        )
        return redirect("workinggroup:item", pk=item.pk)

    return _item_form_page(request, _item_form(request, kind), kind, on_valid=create)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    item = selectors.item_for_page(user=request.user, pk=pk)
    permissions.ensure_can_edit_item(request.user, item)

    def update(form):
        data = form.service_data()
        services.update_item(
            item=item,
            by=request.user,
            version=data.get("version"),
            language=data["language"],
            data=data,
            proposed_hosts=data.get("proposed_hosts") or [],
        )
        messages.success(request, _("Your changes are saved."))
        return redirect("workinggroup:item", pk=item.pk)

    return _item_form_page(
        request, _item_form(request, item.kind, item), item.kind, item, on_valid=update
    )


# What a moderation action asks for beyond its message and note.
EXTRA_FIELDS = {
    Action.PUT_ON_AGENDA: ("meeting",),
    Action.MERGE: ("merge_into",),
}
DANGEROUS = {Action.HIDE, Action.DECLINE, Action.WITHDRAW}

# What the person reads once an action is taken: a whole sentence per action, so that each language
# can phrase it naturally (not "Done: Approve.").
DONE = {
    Action.SUBMIT: gettext_lazy("The item is submitted. The Learning Lab team will look at it."),
    Action.WITHDRAW: gettext_lazy("The item is withdrawn."),
    Action.PUT_ON_AGENDA: gettext_lazy("The item is on the meeting's agenda."),
    Action.APPROVE: gettext_lazy("The item is approved."),
    Action.REQUEST_CHANGES: gettext_lazy("The proposer is asked for changes."),
    Action.DECLINE: gettext_lazy("The item is declined."),
    Action.MERGE: gettext_lazy("The item is merged into the other one."),
    Action.HIDE: gettext_lazy("The item is hidden as abusive."),
}


@dataclass
class StaffAction:
    action: Action
    form: ModerationForm
    extra_fields: list
    is_open: bool
    is_danger: bool


def _moderation_form(item, action: str = "", data=None, viewer=None):
    return ModerationForm(
        data,
        action=action,
        initial={"version": item.version},
        meetings=selectors.draft_meetings(),
        merge_targets=selectors.merge_targets(item=item),
        language=translation.get_language(),
        readers=viewer
        and selectors.moderation_readers(
            item=item, by=viewer, deciding=action in services.DECIDING
        ),
    )


def _decision_context(
    request, item, position_form=None, record_form=None, cancel_form=None
) -> dict:
    """The item's decision of the Working Group: the round, the counts, the positions (members
    and staff), the member's own position form and the facilitator's forms. A sent form comes
    back with its errors."""
    decision = selectors.decision_for_page(item=item, user=request.user)
    context = {
        "decision": decision,
        "can_see_positions": permissions.can_see_positions(request.user),
        "can_open_decision": permissions.can_facilitate(request.user)
        and item.state in ItemState.OPEN,
        # A refused form is shown again with its message, even when the decision is closed.
        "decision_refusals": [
            f for f in (position_form, record_form, cancel_form) if f is not None
        ],
    }
    if decision is None or not decision.decision_round.is_open:
        return context
    decision_round = decision.decision_round
    if permissions.can_take_position(request.user, decision_round):
        context["can_take_position"] = True
        own = decision.own
        context["position_form"] = position_form or PositionForm(
            decision_round=decision_round,
            initial={"stance": own.stance, "reason": own.reason} if own else None,
        )
    if permissions.can_record_positions(request.user, decision_round):
        context["can_record"] = True
        context["record_form"] = record_form or PositionForm(
            decision_round=decision_round,
            members=selectors.working_group_members(viewer=request.user),
        )
        context["cancel_form"] = cancel_form or CancelDecisionForm()
        context["can_close_early"] = decision.answered >= decision_round.members_counted
    return context


def _item_context(request, item, moderation_form=None, **decision_forms):
    """The item's page; `moderation_form` is a sent moderation form shown again (with its
    errors) under its own action."""
    staff = permissions.can_moderate(request.user)
    actions = [Action(a) for a in services.allowed_actions(item, request.user)]
    sent = moderation_form.data.get("action") if moderation_form is not None else None
    staff_actions = []
    for action in actions:
        if not services.TRANSITIONS[action].by_staff:
            continue
        form = (
            moderation_form
            if action == sent
            else _moderation_form(item, action, viewer=request.user)
        )
        extra = EXTRA_FIELDS.get(action, ())
        staff_actions.append(
            StaffAction(
                action=action,
                form=form,
                extra_fields=[form[name] for name in extra],
                is_open=action == sent,
                is_danger=action in DANGEROUS,
            )
        )
    return {
        "item": item,
        "title": translated_text(item, "title"),
        "description": translated_text(item, "description"),
        "missing": missing_languages(item, "title"),
        "history": selectors.history(item=item),
        "show_private": staff,
        "staff_actions": staff_actions,
        "proposer_actions": [
            (action, action in DANGEROUS)
            for action in actions
            if not services.TRANSITIONS[action].by_staff
        ],
        "moderation_form": moderation_form,
        "can_edit": permissions.can_edit_item(request.user, item),
        # An agreed proposal's activity stays a draft until its hosts publish it.
        "can_see_activity": item.activity is not None
        and activity_permissions.can_view_activity(request.user, item.activity),
        "can_translate": permissions.can_add_translations(request.user, item),
        "can_support": permissions.can_support(request.user, item),
        "supports": selectors.supports(item=item, user=request.user),
        "can_comment": permissions.can_comment(request.user, item),
        "comments": item.comments.all(),
        "comment_action": "workinggroup:comment",
        "comment_target": item.pk,
        "comment_form": CommentForm(),
        "follow_ups": selectors.follow_ups(item=item),
        "can_follow_up": permissions.can_follow_up(request.user, item),
        **_decision_context(request, item, **decision_forms),
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
    rule = services.TRANSITIONS.get(request.POST.get("action", ""))
    if rule is not None and rule.by_round:
        permissions.ensure_not_for_the_working_group()
    if rule is not None:
        permissions.ensure_can_act(request.user, item, by_staff=rule.by_staff)
    form = _moderation_form(
        item, request.POST.get("action", ""), data=request.POST, viewer=request.user
    )

    def take(form):
        data = form.cleaned_data
        services.transition(
            item=item,
            action=data["action"],
            by=request.user,
            version=data["version"],
            message=form.messages(),
            private_note=data["private_note"],
            meeting=data.get("meeting"),
            merge_into=data.get("merge_into"),
        )
        messages.success(request, str(DONE[Action(data["action"])]))
        return redirect("workinggroup:item", pk=item.pk)

    return form_page(
        request,
        "workinggroup/item.html",
        form=form,
        on_valid=take,
        # After a refusal the page shows the item as it is now (its new version included).
        context=lambda: _item_context(
            request, selectors.item_for_page(user=request.user, pk=pk), moderation_form=form
        ),
        form_name="moderation_form",
    )


@login_required
@require_http_methods(["GET", "POST"])
def translations(request, pk: int):
    item = selectors.item_for_page(user=request.user, pk=pk)
    permissions.ensure_can_add_translations(request.user, item)

    def save(form):
        services.add_translations(
            item=item, by=request.user, version=form.cleaned_data["version"], texts=form.texts()
        )
        messages.success(request, _("The translations are saved."))
        return redirect("workinggroup:item", pk=item.pk)

    return form_page(
        request,
        "workinggroup/translations.html",
        form=bound_form(TranslationForm, request, item=item),
        on_valid=save,
        context={
            "item": item,
            "title": translated_text(item, "title"),
            "missing": missing_languages(item, "title"),
        },
    )


@login_required
@require_POST
def support(request, pk: int):
    item = selectors.item_for_page(user=request.user, pk=pk)
    supported = services.toggle_support(item=item, user=request.user)
    messages.success(
        request,
        _("You support this recommendation.") if supported else _("Your support is withdrawn."),
    )
    return redirect("workinggroup:item", pk=item.pk)


@login_required
@require_POST
def comment(request, pk: int):
    item = selectors.item_for_page(user=request.user, pk=pk)
    permissions.ensure_can_comment(request.user, item)

    def add(form):
        services.add_comment(by=request.user, item=item, body=form.cleaned_data["body"])
        return redirect("workinggroup:item", pk=item.pk)

    return form_page(
        request,
        "workinggroup/item.html",
        form=bound_form(CommentForm, request),
        on_valid=add,
        context=lambda: _item_context(request, item),
        form_name="comment_form",
    )


# --- Staff: queue and audit log ----------------------------------------------------------------


@login_required
@require_GET
def queue(request):
    permissions.ensure_can_moderate(request.user)
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
        {
            "form": form,
            "filter_chips": active_filter_chips(form),
            **paginate(request, selectors.moderation_queue(filters=filters), PAGE_SIZE),
        },
    )


@login_required
@require_GET
def log(request):
    permissions.ensure_can_moderate(request.user)
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
    permissions.ensure_can_manage_meetings(request.user)

    def create(form):
        meeting = services.create_meeting(
            by=request.user,
            starts_at=form.cleaned_data["starts_at"],
            timezone_name=form.cleaned_data["timezone"],
            decision_method=form.cleaned_data["decision_method"],
        )
        return redirect("workinggroup:meeting", pk=meeting.pk)

    return form_page(
        request,
        "workinggroup/meeting_form.html",
        form=bound_form(MeetingForm, request),
        on_valid=create,
    )


def _outcome_prefix(entry_pk: int) -> str:
    return f"entry-{entry_pk}"


def _meeting_context(request, meeting, *, free_form=None, outcome_form=None, outcome_entry=None):
    """The meeting's page: each agenda entry with its own outcome form (its own prefix, so no
    two share an id); a sent form (`free_form`, `outcome_form` of `outcome_entry`) shown again
    with its errors."""
    manage = permissions.can_manage_meetings(request.user)
    agenda = [
        (
            entry,
            outcome_form
            if outcome_form is not None and entry.pk == outcome_entry
            else OutcomeForm(prefix=_outcome_prefix(entry.pk), for_item=entry.item_id is not None),
        )
        for entry in selectors.agenda_for(meeting=meeting, user=request.user)
    ]
    draft = meeting.state == MeetingState.DRAFT
    return {
        "meeting": meeting,
        "is_draft": draft,
        "agenda": agenda,
        "can_manage": manage,
        "can_publish": manage and draft,
        "can_comment": permissions.can_comment_on_meeting(request.user, meeting),
        "comments": meeting.comments.all(),
        "show_comments": draft,
        "comment_action": "workinggroup:meeting_comment",
        "comment_target": meeting.pk,
        "comment_form": CommentForm(),
        "free_form": free_form or FreeEntryForm(),
        "outcome_form": outcome_form,
    }


@login_required
@require_GET
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_for_page(user=request.user, pk=pk)
    return render(request, "workinggroup/meeting.html", _meeting_context(request, meeting))


@login_required
@require_POST
def meeting_comment(request, pk: int):
    meeting = selectors.meeting_for_page(user=request.user, pk=pk)
    permissions.ensure_can_comment_on_meeting(request.user, meeting)

    def add(form):
        services.add_comment(by=request.user, meeting=meeting, body=form.cleaned_data["body"])
        return redirect("workinggroup:meeting", pk=meeting.pk)

    return form_page(
        request,
        "workinggroup/meeting.html",
        form=bound_form(CommentForm, request),
        on_valid=add,
        context=lambda: _meeting_context(request, meeting),
        form_name="comment_form",
    )


def _managed_meeting(request, pk):
    permissions.ensure_can_manage_meetings(request.user)
    return selectors.meeting_for_page(user=request.user, pk=pk)


@login_required
@require_POST
def meeting_add_entry(request, pk: int):
    meeting = _managed_meeting(request, pk)

    def add(form):
        services.add_free_entry(meeting=meeting, by=request.user, titles=form.titles())
        return redirect("workinggroup:meeting", pk=meeting.pk)

    form = bound_form(FreeEntryForm, request)
    return form_page(
        request,
        "workinggroup/meeting.html",
        form=form,
        on_valid=add,
        context=lambda: _meeting_context(request, meeting, free_form=form),
        form_name="free_form",
    )


@login_required
@require_POST
def meeting_move_entry(request, pk: int, entry_pk: int):
    meeting = _managed_meeting(request, pk)
    entry = get_object_or_404(AgendaEntry, pk=entry_pk, meeting=meeting)
    services.move_entry(entry=entry, by=request.user, direction=request.POST.get("direction", ""))
    return redirect("workinggroup:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_outcome(request, pk: int, entry_pk: int):
    meeting = _managed_meeting(request, pk)
    entry = get_object_or_404(AgendaEntry, pk=entry_pk, meeting=meeting)

    def record(form):
        services.record_outcome(
            entry=entry,
            by=request.user,
            discussed=form.cleaned_data["discussed"],
            decision=form.cleaned_data.get("decision", ""),
            notes=form.note_fields(),
        )
        messages.success(request, _("The outcome is saved."))
        return redirect("workinggroup:meeting", pk=meeting.pk)

    form = bound_form(
        OutcomeForm, request, prefix=_outcome_prefix(entry.pk), for_item=entry.item_id is not None
    )
    return form_page(
        request,
        "workinggroup/meeting.html",
        form=form,
        on_valid=record,
        context=lambda: _meeting_context(
            request, meeting, outcome_form=form, outcome_entry=entry.pk
        ),
        form_name="outcome_form",
    )


@login_required
@require_POST
def meeting_publish(request, pk: int):
    meeting = _managed_meeting(request, pk)
    services.publish_meeting(meeting=meeting, by=request.user)
    messages.success(request, _("The agenda is published; the Working Group has been told."))
    return redirect("workinggroup:meeting", pk=meeting.pk)


# --- Follow-up of approved recommendations ---------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request, pk: int, follow_up_pk: int | None = None):
    """The team adds an action to an approved recommendation, or changes one (its status
    above all: marking it done tells the supporters)."""
    item = selectors.item_for_page(user=request.user, pk=pk)
    permissions.ensure_can_follow_up(request.user, item)
    existing = get_object_or_404(FollowUp, pk=follow_up_pk, item=item) if follow_up_pk else None

    def save(form):
        services.save_follow_up(
            item=item, by=request.user, data=form.cleaned_data, follow_up=existing
        )
        messages.success(request, _("The follow-up action is saved."))
        return redirect("workinggroup:item", pk=item.pk)

    return form_page(
        request,
        "workinggroup/follow_up_form.html",
        form=bound_form(FollowUpForm, request, follow_up=existing),
        on_valid=save,
        context={
            "item": item,
            "title": translated_text(item, "title"),
            "follow_up": existing,
        },
    )


# --- Decisions of the Working Group ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def decision_open(request, pk: int):
    """A facilitator opens a decision of the Working Group on the item."""
    item = selectors.item_for_page(user=request.user, pk=pk)
    permissions.ensure_can_facilitate(request.user)

    def open_it(form):
        data = form.cleaned_data
        schedule = None
        if item.is_proposal:
            schedule = services.Schedule(data["starts_at"], data["ends_at"], data["timezone"])
        decisions.open_decision(
            item=item,
            by=request.user,
            version=data["version"],
            method=data["method"],
            closes_at=data["closes_at"],
            quorum=data.get("quorum"),
            meeting=data.get("meeting"),
            schedule=schedule,
        )
        messages.success(request, _("The decision is open; the Working Group members are told."))
        return redirect("workinggroup:item", pk=item.pk)

    return form_page(
        request,
        "workinggroup/decision_form.html",
        form=bound_form(
            DecisionForm,
            request,
            item=item,
            meetings=selectors.meetings_of(item=item),
            viewer=request.user,
        ),
        on_valid=open_it,
        context={
            "item": item,
            "title": translated_text(item, "title"),
            "members": decisions.active_members().count(),
        },
    )


@login_required
@require_POST
def decision_position(request, pk: int):
    """A member takes (or changes) their position; a facilitator records a member's."""
    decision_round = selectors.round_for_page(user=request.user, pk=pk)
    recording = "member" in request.POST
    members = selectors.working_group_members(viewer=request.user) if recording else None
    if not recording:
        permissions.ensure_can_take_position(request.user, decision_round, member=request.user)
    else:
        permissions.ensure_can_facilitate(request.user)
    form = bound_form(PositionForm, request, decision_round=decision_round, members=members)

    def take(form):
        data = form.cleaned_data
        decisions.take_position(
            decision_round=decision_round,
            by=request.user,
            member=data.get("member"),
            stance=data["stance"],
            reason=data["reason"],
        )
        messages.success(
            request,
            _("The position is recorded.") if recording else _("Your position is recorded."),
        )
        return redirect("workinggroup:item", pk=decision_round.item_id)

    item = selectors.item_for_page(user=request.user, pk=decision_round.item_id)
    return form_page(
        request,
        "workinggroup/item.html",
        form=form,
        on_valid=take,
        context=lambda: _item_context(
            request,
            selectors.item_for_page(user=request.user, pk=item.pk),
            **({"record_form": form} if recording else {"position_form": form}),
        ),
        form_name="record_form" if recording else "position_form",
    )


@login_required
@require_POST
def decision_close(request, pk: int):
    """A facilitator closes a decision before its deadline (everyone has answered)."""
    permissions.ensure_can_facilitate(request.user)
    decision_round = selectors.round_for_page(user=request.user, pk=pk)
    decisions.close_round(decision_round=decision_round, by=request.user)
    messages.success(request, _("The decision is closed and its result applied."))
    return redirect("workinggroup:item", pk=decision_round.item_id)


@login_required
@require_POST
def decision_cancel(request, pk: int):
    permissions.ensure_can_facilitate(request.user)
    decision_round = selectors.round_for_page(user=request.user, pk=pk)

    def cancel(form):
        decisions.cancel_round(
            decision_round=decision_round, by=request.user, message=form.cleaned_data["message"]
        )
        messages.success(request, _("The decision is cancelled; nothing was decided."))
        return redirect("workinggroup:item", pk=decision_round.item_id)

    form = bound_form(CancelDecisionForm, request)
    return form_page(
        request,
        "workinggroup/item.html",
        form=form,
        on_valid=cancel,
        context=lambda: _item_context(
            request,
            selectors.item_for_page(user=request.user, pk=decision_round.item_id),
            cancel_form=form,
        ),
        form_name="cancel_form",
    )
