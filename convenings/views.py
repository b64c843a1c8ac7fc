from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities.calendars import PUBLISH, calendar_for
from activities.permissions import is_open_for_registration
from activities.selectors import hosts_zone_shown_to
from convenings import permissions, selectors, services
from convenings.enums import ConveningState
from convenings.exceptions import ConveningError
from convenings.forms import AttachSessionForm, LinkStoryForm, RegistrationForm, StateForm
from convenings.models import ConveningSession, ConveningStory
from core.content import translated_text
from core.refusals import bound_form, form_page

STATE_DONE = {
    ConveningState.DRAFT: gettext_lazy("The convening is a draft again: only the team sees it."),
    ConveningState.PUBLISHED: gettext_lazy("The convening is published."),
    ConveningState.ARCHIVED: gettext_lazy(
        "The convening is archived: its record stays for everyone."
    ),
}


@require_GET
def convening_list(request):
    lists = selectors.convening_list(user=request.user)
    return render(request, "convenings/list.html", {"coming": lists.coming, "past": lists.past})


def _programme(request, convening) -> dict:
    """What the convening page and the registration page show `request.user`."""
    user = request.user
    sessions = selectors.mark_places(
        user=user, sessions=list(selectors.sessions_visible_to(user=user, convening=convening))
    )
    registration = selectors.registration_for(user=user, convening=convening)
    return {
        "convening": convening,
        "title": translated_text(convening, "title"),
        "summary": translated_text(convening, "summary"),
        "sessions": sessions,
        "days": selectors.programme_days(sessions),
        "registration": registration,
        "chosen_ids": registration.chosen_ids if registration else frozenset(),
        "can_register": permissions.can_register(user, convening),
        "sign_in_to_register": not user.is_authenticated
        and permissions.is_open_for_registration(convening),
        "can_manage": permissions.can_manage(user),
    }


@require_GET
def detail(request, slug: str):
    convening = selectors.convening_for_page(user=request.user, slug=slug)
    context = _programme(request, convening)
    context["outcomes"] = translated_text(convening, "outcomes")
    context["materials"] = selectors.archive_materials(
        user=request.user, sessions=context["sessions"]
    )
    context["stories"] = selectors.archive_stories(user=request.user, convening=convening)
    return render(request, "convenings/detail.html", context)


def _registration_form(request, convening, sessions, registration):
    choosable = [session for session in sessions if is_open_for_registration(session.activity)]
    ids = {session.pk for session in choosable}
    if registration is not None:
        ids |= set(registration.chosen_ids)
    interpretation = sorted(
        {code for session in choosable for code in session.activity.interpretation_language_list}
    )
    initial = {"sessions": sorted(registration.chosen_ids)} if registration else {}
    return bound_form(
        RegistrationForm,
        request,
        session_ids=sorted(ids),
        interpretation=interpretation,
        initial=initial,
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request, slug: str):
    """One form: the sessions chosen, day by day. A refusal (a full programme closed, a
    session no longer open) shows the form again with the reason and the refusal's status."""
    convening = selectors.convening_for_page(user=request.user, slug=slug)
    permissions.ensure_can_register(request.user, convening)
    context = _programme(request, convening)
    choosable_ids = {
        session.pk for session in context["sessions"] if is_open_for_registration(session.activity)
    }

    def on_valid(form):
        result = services.save_registration(
            convening=convening,
            user=request.user,
            session_ids=form.cleaned_data["sessions"],
            interpretation_language=form.cleaned_data.get("interpretation_language", ""),
        )
        if result.waitlisted:
            messages.warning(
                request,
                _(
                    "Your programme is saved. Some sessions are full: you are on their waiting "
                    "list, and if a place opens up, it is yours and we will email you."
                ),
            )
        else:
            messages.success(request, _("Your programme is saved. See you there!"))
        return redirect("convenings:my_programme", slug=convening.slug)

    form = _registration_form(request, convening, context["sessions"], context["registration"])
    checked = (
        set(form.data.getlist("sessions"))
        if form.is_bound
        else {str(pk) for pk in context["chosen_ids"]}
    )
    for session in context["sessions"]:
        session.is_checked = str(session.pk) in checked
        session.is_choosable = session.pk in choosable_ids
    return form_page(
        request, "convenings/register.html", form=form, on_valid=on_valid, context=context
    )


@login_required
@require_POST
def cancel(request, slug: str):
    convening = selectors.convening_for_page(user=request.user, slug=slug)
    services.cancel_registration(convening=convening, user=request.user)
    messages.success(request, _("Your registration for the convening is cancelled."))
    return redirect("convenings:detail", slug=convening.slug)


@login_required
@require_GET
def my_programme(request, slug: str):
    convening = selectors.convening_for_page(user=request.user, slug=slug)
    registration = selectors.registration_for(user=request.user, convening=convening)
    sessions = selectors.mark_places(
        user=request.user,
        sessions=selectors.chosen_sessions(
            user=request.user, convening=convening, registration=registration
        ),
    )
    return render(
        request,
        "convenings/my_programme.html",
        {
            "convening": convening,
            "title": translated_text(convening, "title"),
            "registration": registration,
            "days": selectors.programme_days(sessions),
            "can_register": permissions.can_register(request.user, convening),
        },
    )


@login_required
@require_GET
def my_programme_ics(request, slug: str):
    """Every chosen session, in one calendar file; the meeting link only where the person has
    a place (as on each activity's own .ics)."""
    user = request.user
    convening = selectors.convening_for_page(user=user, slug=slug)
    registration = selectors.registration_for(user=user, convening=convening)
    sessions = selectors.mark_places(
        user=user,
        sessions=selectors.chosen_sessions(
            user=user, convening=convening, registration=registration
        ),
    )
    confirmed = {session.activity_id for session in sessions if session.has_place}
    body = calendar_for(
        selectors.calendar_activities(sessions=sessions),
        name=translated_text(convening, "title").text,
        language=translation.get_language(),
        include_link=lambda activity: activity.pk in confirmed,
        zone_of=hosts_zone_shown_to(user),
        method=PUBLISH,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="learning-lab-convening-{convening.pk}.ics"'
    )
    return response


# --- The team ----------------------------------------------------------------------------------


def _manage_context(request, convening, **forms) -> dict:
    user = request.user
    return {
        "convening": convening,
        "title": translated_text(convening, "title"),
        "sessions": list(
            selectors.sessions_visible_to(user=user, convening=convening, listed=False)
        ),
        "story_links": list(selectors.story_links(convening=convening)),
        "next_states": [
            ConveningState(state) for state in permissions.next_states(user, convening)
        ],
        "attach_form": forms.get("attach_form")
        or AttachSessionForm(activities=selectors.attachable_activities(convening=convening)),
        "story_form": forms.get("story_form")
        or LinkStoryForm(stories=selectors.linkable_stories(user=user, convening=convening)),
    }


def _managed(request, slug: str):
    permissions.ensure_can_manage(request.user)
    return selectors.convening_for_page(user=request.user, slug=slug)


@login_required
@require_GET
def manage(request, slug: str):
    convening = _managed(request, slug)
    return render(request, "convenings/manage.html", _manage_context(request, convening))


@login_required
@require_POST
def set_state(request, slug: str):
    convening = _managed(request, slug)
    form = StateForm(request.POST)
    if not form.is_valid():
        raise ConveningError(_("This request was not understood. Go back and try again."))
    to = form.cleaned_data["to"]
    services.set_state(convening=convening, to=to, by=request.user)
    messages.success(request, STATE_DONE[to])
    return redirect("convenings:manage", slug=convening.slug)


@login_required
@require_POST
def attach_session(request, slug: str):
    convening = _managed(request, slug)

    def on_valid(form):
        services.attach_session(
            convening=convening,
            activity=form.cleaned_data["activity"],
            kind=form.cleaned_data["kind"],
            order=form.cleaned_data["order"],
            by=request.user,
        )
        messages.success(request, _("The activity is now a session of the convening."))
        return redirect("convenings:manage", slug=convening.slug)

    form = bound_form(
        AttachSessionForm, request, activities=selectors.attachable_activities(convening=convening)
    )
    return form_page(
        request,
        "convenings/manage.html",
        form=form,
        form_name="attach_form",
        on_valid=on_valid,
        context=lambda: _manage_context(request, convening, attach_form=form),
    )


@login_required
@require_POST
def detach_session(request, slug: str, session_pk: int):
    convening = _managed(request, slug)
    session = get_object_or_404(ConveningSession, convening=convening, pk=session_pk)
    services.detach_session(session=session, by=request.user)
    messages.success(request, _("The session is taken out of the programme."))
    return redirect("convenings:manage", slug=convening.slug)


@login_required
@require_POST
def link_story(request, slug: str):
    convening = _managed(request, slug)

    def on_valid(form):
        services.link_story(convening=convening, story=form.cleaned_data["story"], by=request.user)
        messages.success(request, _("The story is in the convening's archive."))
        return redirect("convenings:manage", slug=convening.slug)

    form = bound_form(
        LinkStoryForm,
        request,
        stories=selectors.linkable_stories(user=request.user, convening=convening),
    )
    return form_page(
        request,
        "convenings/manage.html",
        form=form,
        form_name="story_form",
        on_valid=on_valid,
        context=lambda: _manage_context(request, convening, story_form=form),
    )


@login_required
@require_POST
def unlink_story(request, slug: str, link_pk: int):
    convening = _managed(request, slug)
    link = get_object_or_404(ConveningStory, convening=convening, pk=link_pk)
    services.unlink_story(link=link, by=request.user)
    messages.success(request, _("The story is no longer in the convening's archive."))
    return redirect("convenings:manage", slug=convening.slug)
