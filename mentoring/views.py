from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from core.refusals import bound_form, form_page
from core.timezones import zone_label
from mentoring import permissions, selectors, services
from mentoring.enums import RequestState
from mentoring.exceptions import MentoringError
from mentoring.forms import (
    AcceptForm,
    DeclineForm,
    EndForm,
    FindForm,
    RequestForm,
    SessionForm,
    VersionForm,
)
from partners.selectors import traces_for
from people.validators import spoken_language_name


@login_required
@require_GET
def mine(request):
    """The person's requests and relationships."""
    return render(
        request,
        "mentoring/mine.html",
        {
            "groups": selectors.my_requests(user=request.user),
            "can_ask": permissions.can_ask(request.user),
        },
    )


@login_required
@require_GET
def ask(request):
    """Suggestions of peers for a topic, each with why."""
    permissions.ensure_can_ask(request.user)
    form = FindForm(request.GET or None)
    topic = form.chosen_topic() if form.is_bound else selectors.Topic()
    suggestions = []
    if topic:
        suggestions = selectors.suggestions(
            viewer=request.user,
            topic=topic,
            interpretation_ok=form.cleaned_data.get("interpretation", False),
        )
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "mentoring/ask.html",
        {"form": form, "topic": topic, "suggestions": suggestions, "searched": bool(topic)},
        status=status,
    )


def _peer_for(request, topic) -> User:
    """The peer of a new request, only if the asker may see them and they offer the topic
    (else 404, as for nobody)."""
    raw = request.POST.get("peer") or request.GET.get("peer") or ""
    if not (raw.isascii() and raw.isdigit() and len(raw) < 12) or not topic:
        raise Http404("Nobody here.")
    peer = User.objects.filter(pk=int(raw), is_active=True).first()
    if peer is None or not selectors.may_ask(viewer=request.user, peer=peer, topic=topic):
        raise Http404("Nobody here.")
    return peer


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    permissions.ensure_can_ask(request.user)
    data = request.POST if request.method == "POST" else request.GET
    probe = RequestForm(
        data={"topic": data.get("topic", ""), "interpretation": data.get("interpretation", "")}
    )
    topic = probe.fields["topic"].to_topic(data.get("topic", "")) if probe.is_valid() else None
    peer = _peer_for(request, topic)

    def send(form):
        sent = services.ask(
            requester=request.user,
            peer=peer,
            topic=form.topic_value(),
            message=form.cleaned_data["message"],
            message_language=form.cleaned_data["message_language"],
            interpretation_ok=form.cleaned_data["interpretation"],
        )
        messages.success(
            request, _("Your request is sent to %(name)s.") % {"name": peer.display_name}
        )
        return redirect("mentoring:request", pk=sent.pk)

    initial = {
        "topic": data.get("topic", ""),
        "interpretation": probe.cleaned_data.get("interpretation"),
        "message_language": selectors.likely_language(writer=request.user, reader=peer),
    }
    form = (
        RequestForm(data=request.POST) if request.method == "POST" else RequestForm(initial=initial)
    )
    return form_page(
        request,
        "mentoring/new.html",
        form=form,
        on_valid=send,
        context={"peer": peer, "topic": topic},
    )


def _detail_context(request, relationship, accept_form=None) -> dict:
    user = request.user
    other = relationship.other(user)
    return {
        "accept_form": accept_form
        or AcceptForm(initial={"version": relationship.version}, zone=user.timezone),
        "zone": zone_label(user.timezone),
        "item": relationship,
        "other": other,
        # Shown once accepted, unless its domain would name an organisation hidden from the
        # viewer (then its owner writes first: see mentoring.notifications).
        "other_email": other.email
        if relationship.state in RequestState.MATCHED and traces_for(user).shows_person(other)
        else "",
        "i_write_first": not traces_for(other).shows_person(user),
        "is_requester": user.pk == relationship.requester_id,
        "spoken": spoken_language_name(relationship.language) if relationship.language else "",
        "can_answer": permissions.can_answer(user, relationship),
        "can_withdraw": permissions.can_withdraw(user, relationship),
        "can_plan": permissions.can_plan_session(user, relationship),
        "can_end": permissions.can_end(user, relationship),
        "sessions": selectors.sessions_of(relationship=relationship),
        "decline_form": DeclineForm(initial={"version": relationship.version}),
        "version_form": VersionForm(initial={"version": relationship.version}),
    }


@login_required
@require_GET
def detail(request, pk: int):
    relationship = selectors.request_for_page(user=request.user, pk=pk)
    return render(request, "mentoring/request.html", _detail_context(request, relationship))


@login_required
@require_POST
def accept(request, pk: int):
    """Accept, with the first session (in the peer's time zone): one form, one step."""
    relationship = selectors.request_for_page(user=request.user, pk=pk)
    permissions.ensure_can_answer(request.user, relationship)
    zone = request.user.timezone

    def done(form):
        data = form.cleaned_data
        services.accept(
            request=relationship,
            by=request.user,
            version=data["version"],
            first_session=_session_arguments(data, zone),
        )
        messages.success(
            request,
            _(
                "Thank you! We have introduced you to each other by email, and your first "
                "session is in both your calendars."
            ),
        )
        return redirect("mentoring:request", pk=pk)

    form = AcceptForm(request.POST, zone=zone)
    return form_page(
        request,
        "mentoring/request.html",
        form=form,
        form_name="accept_form",
        on_valid=done,
        context=lambda: _detail_context(request, relationship, accept_form=form),
    )


def _session_arguments(data: dict, zone: str) -> dict:
    """What `services.plan_session` takes from a session form's cleaned data."""
    return {
        "starts_at": data["starts_at"],
        "minutes": data["minutes"],
        "zone": zone,
        "format": data["format"],
        "place": data["place"],
        "online_link": data["online_link"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def decline(request, pk: int):
    relationship = selectors.request_for_page(user=request.user, pk=pk)
    permissions.ensure_can_answer(request.user, relationship)

    def done(form):
        services.decline(
            request=relationship,
            by=request.user,
            note=form.cleaned_data["note"],
            note_language=form.cleaned_data["note_language"],
            version=form.cleaned_data["version"],
        )
        messages.success(request, _("Your answer is sent, with kindness."))
        return redirect("mentoring:mine")

    return form_page(
        request,
        "mentoring/decline.html",
        form=bound_form(
            DeclineForm,
            request,
            initial={
                "version": relationship.version,
                "note_language": selectors.likely_language(
                    writer=request.user, reader=relationship.other(request.user)
                ),
            },
        ),
        on_valid=done,
        context={"item": relationship, "other": relationship.other(request.user)},
    )


@login_required
@require_POST
def withdraw(request, pk: int):
    relationship = selectors.request_for_page(user=request.user, pk=pk)
    permissions.ensure_can_withdraw(request.user, relationship)
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise MentoringError(_("This form is out of date. Look at the request again."))
    services.withdraw(request=relationship, by=request.user, version=form.cleaned_data["version"])
    messages.success(request, _("Your request is withdrawn."))
    return redirect("mentoring:mine")


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, pk: int):
    relationship = selectors.request_for_page(user=request.user, pk=pk)
    permissions.ensure_can_plan_session(request.user, relationship)
    zone = request.user.timezone

    def done(form):
        data = form.cleaned_data
        session = services.plan_session(
            relationship=relationship, by=request.user, **_session_arguments(data, zone)
        )
        messages.success(request, _("The session is planned: you both have it in your calendar."))
        return redirect("activities:detail", pk=session.activity_id)

    return form_page(
        request,
        "mentoring/plan.html",
        form=bound_form(SessionForm, request, zone=zone),
        on_valid=done,
        context={
            "item": relationship,
            "other": relationship.other(request.user),
            "zone": zone_label(zone),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def end(request, pk: int):
    relationship = selectors.request_for_page(user=request.user, pk=pk)
    permissions.ensure_can_end(request.user, relationship)

    def done(form):
        services.end(
            relationship=relationship, by=request.user, version=form.cleaned_data["version"]
        )
        messages.success(
            request,
            _(
                "The peer mentoring has ended. Thank you! Your invitation to the anonymous "
                "survey is on its way."
            ),
        )
        return redirect("mentoring:mine")

    return form_page(
        request,
        "mentoring/end.html",
        form=bound_form(EndForm, request, initial={"version": relationship.version}),
        on_valid=done,
        context={"item": relationship, "other": relationship.other(request.user)},
    )


@login_required
@require_GET
def figures(request):
    """For the team: how peer mentoring is used, in counts only."""
    permissions.ensure_can_see_figures(request.user)
    return render(request, "mentoring/figures.html", {"figures": selectors.figures()})
