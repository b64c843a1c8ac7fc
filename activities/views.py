from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities import permissions, selectors, services, sharing
from activities.calendars import PUBLISH, calendar_for
from activities.enums import ActivityStatus, RegistrationStatus
from activities.forms import (
    ActivityFilterForm,
    ActivityForm,
    AnswerForm,
    CancelActivityForm,
    MaterialForm,
    NewActivityForm,
    ReasonForm,
    RegistrationForm,
    SuggestionForm,
    SupportRequestForm,
)
from activities.models import CalendarToken, Material, Suggestion, SupportRequest
from core import content_cache
from core.content import translated_text
from core.csv_export import csv_response
from core.filters import active_filter_chips
from core.i18n import absolute_url_for
from core.pagination import paginate
from core.refusals import bound_form, form_page
from partners.selectors import lead_organisation_ids, traces_for

PAGE_SIZE = 20


@require_GET
@content_cache.conditional_page("activities:list")
def activity_list(request):
    """The list's filter form and cards are kept for everyone who sees them the same way
    (core.content_cache); only the per-person parts are made for each request."""
    choices = content_cache.shared_value(
        request, "activities:list-choices", lambda: selectors.list_choices(user=request.user)
    )
    form = ActivityFilterForm(request.GET or None, choices=choices)
    if form.is_bound and not form.is_valid():
        return render(request, "activities/list.html", {"form": form, "page_obj": None}, status=400)
    filters = (
        selectors.ActivityFilters(**form.cleaned_data)
        if form.is_bound
        else selectors.ActivityFilters()
    )
    results = content_cache.fragment(request, "activities:list")
    context = {
        "form": form,
        "filters": filters,
        "fragment": results,
        "hosts_own": permissions.starts_partner_led(request.user),
    }
    if not results.cached:
        context["filter_chips"] = active_filter_chips(form, keep=["when"])
        context.update(
            paginate(
                request, selectors.activity_list(user=request.user, filters=filters), PAGE_SIZE
            )
        )
    return render(request, "activities/list.html", context)


def _detail_context(request, activity) -> dict:
    """What the activity page shows `request.user`: every "may I" is a boolean from
    activities.permissions, so the template never compares a status."""
    user = request.user
    registration = selectors.my_registration(activity=activity)
    if registration is not None and registration.status == RegistrationStatus.CANCELLED:
        registration = None
    show_people = permissions.can_see_participants(user, activity)
    title = translated_text(activity, "title")
    return {
        "activity": activity,
        "title": title,
        "description": translated_text(activity, "description"),
        "registration": registration,
        "registration_confirmed": registration is not None
        and registration.status == RegistrationStatus.CONFIRMED,
        "can_register": permissions.can_register(user, activity),
        "sign_in_to_register": not user.is_authenticated
        and permissions.is_open_for_registration(activity),
        "can_cancel_registration": permissions.can_cancel_registration(
            user, registration, activity
        ),
        "waiting_position": selectors.waiting_position(registration) if registration else None,
        "show_link": permissions.can_see_online_link(user, activity, registration),
        "show_people": show_people,
        # Read only when the page's facts are not in the cache (see `detail`).
        "participants": SimpleLazyObject(
            lambda: selectors.participants(activity=activity, viewer=user)
        )
        if show_people
        else None,
        "can_manage": permissions.can_manage_activity(user, activity),
        "can_edit": permissions.can_edit(user, activity),
        "can_add_material": permissions.can_add_material(user, activity),
        "can_cancel_activity": permissions.can_cancel_activity(user, activity),
        "can_publish": permissions.can_publish(user, activity),
        "can_see_support": permissions.can_see_support(user, activity),
        "can_hold_back": permissions.can_hold_back(user, activity),
        "can_release": permissions.can_release(user, activity),
        # Only for a held-back activity (seen by its hosts and the team alone).
        "hold": selectors.latest_hold(activity=activity) if activity.is_held_back else None,
        **(
            _kept_for_page(request, activity.pk)["sharing"]
            if request.method == "GET"
            else _sharing(request, activity)
        ),
    }


def _sharing(request, activity) -> dict:
    """The share link and message, and the link's preview (Open Graph tags in base.html, only
    a public activity's)."""
    return {
        "sharing": sharing.sharing_for(activity=activity, viewer=request.user),
        "share_preview": sharing.preview_for(activity=activity, viewer=request.user),
    }


def _registration_form(request, activity):
    return bound_form(RegistrationForm, request, activity=activity, prefix="registration")


def _page_activity(request, pk: int):
    """The activity for its page, with what goes with it (`_kept_for_page`)."""
    return _kept_for_page(request, pk)["activity"]


def _kept_for_page(request, pk: int) -> dict:
    """The activity for its page and its share link and message, and the person's own leads
    (permissions.is_host asks them), in one round trip to the shared cache.

    A listed activity is kept as everyone who sees the same organisations sees it, with the
    person's own registration read for them; a draft (seen by its hosts and staff only) is
    always read from the database, and so is its sharing."""
    kept = getattr(request, "_kept_for_page", {})
    if pk in kept:
        return kept[pk]
    user = request.user
    wanted = {
        "activity": content_cache.Wanted(
            "activities:page-activity",
            lambda _found: selectors.listed_activity_for_page(user=user, pk=pk),
            extra=(pk,),
        ),
        "sharing": content_cache.Wanted(
            "activities:sharing",
            lambda found: _sharing(request, found["activity"]) if found["activity"] else None,
            extra=(pk,),
        ),
    }
    if user.is_authenticated:
        wanted["leads"] = content_cache.Wanted(
            "lead-of", lambda _found: lead_organisation_ids(user=user), personal=True
        )
        wanted["mine"] = content_cache.Wanted(
            "activities:my-registrations",
            lambda _found: selectors.my_registrations_for(user=user, activity_id=pk),
            extra=(pk,),
            personal=True,
        )
    values = content_cache.kept_values(request, wanted)
    if user.is_authenticated:
        user.lead_organisation_ids = values["leads"]
    if values["activity"] is None:
        values["activity"] = selectors.activity_for_page(user=user, pk=pk, facts=False)
        values["sharing"] = _sharing(request, values["activity"])
    else:
        selectors.with_my_registration(values["activity"], values.get("mine", []))
    request._kept_for_page = kept
    kept[pk] = values
    return values


@require_GET
@content_cache.conditional_page("activities:detail")
def detail(request, pk: int):
    """Kept whole for everyone who sees the same organisations (core.content_cache); the
    person's own parts (their registration box, the meeting link, the hosts' links) are
    slots filled for each request by `registration_boxes`, `online_links` and `host_tools`."""
    context = _person_parts(request, pk)
    context["facts"] = content_cache.fragment(
        request, "activities:detail-facts", extra=(context["show_people"],)
    )
    if not context["facts"].cached:
        selectors.with_facts(context["activity"])
    return render(request, "activities/detail.html", context)


def _person_parts(request, pk: int) -> dict:
    """The activity page's context for the person asking, once per request."""
    kept = getattr(request, "_activity_page", {})
    if pk not in kept:
        activity = _page_activity(request, pk)
        context = _detail_context(request, activity)
        context["registration_form"] = _registration_form(request, activity)
        kept[pk] = context
        request._activity_page = kept
    return kept[pk]


# The person's own parts of the activity page: slot name -> template.
MY_PARTS = {
    "registration-box": "activities/_registration_box.html",
    "online-link": "activities/_online_link.html",
    "host-tools": "activities/_host_tools.html",
}


def _my_parts(request, pk: int) -> dict[str, str]:
    """The person's own parts of the activity page, rendered; for people signed in, kept
    under their own version (their registrations, roles) and the content's, so a person
    coming back to the page costs one read."""
    memo = request.__dict__.setdefault("_my_parts", {})
    if pk not in memo:

        def render_parts(_found=None):
            context = _person_parts(request, pk)
            return {
                name: content_cache.shareable(render_to_string(template, context, request))
                for name, template in MY_PARTS.items()
            }

        if request.user.is_authenticated:
            wanted = content_cache.Wanted(
                "activities:my-parts", render_parts, extra=(pk,), personal=True
            )
            memo[pk] = content_cache.kept_values(request, {"parts": wanted})["parts"]
        else:
            memo[pk] = render_parts()
    return memo[pk]


def _my_part(name: str):
    def fill(request, ids) -> dict[int, str]:
        return {pk: _my_parts(request, pk)[name] for pk in ids}

    return fill


for _name in MY_PARTS:
    content_cache.slot_filler(_name, personal=True)(_my_part(_name))


@login_required
@require_POST
def register(request, pk: int):
    """A refusal (closed, already registered, ...) shows the activity page again with the
    reason on the registration card and the refusal's status."""
    activity = selectors.activity_for_page(user=request.user, pk=pk)

    def on_valid(form):
        registration = services.register(
            activity=activity, user=request.user, **form.service_data()
        )
        if registration.status == RegistrationStatus.WAITLISTED:
            messages.warning(
                request,
                _(
                    "This activity is full: you are on the waiting list. If a place opens up, "
                    "it is yours and we will email you."
                ),
            )
        else:
            messages.success(request, _("You are registered. See you there!"))
        return redirect("activities:detail", pk=activity.pk)

    return form_page(
        request,
        "activities/detail.html",
        form=_registration_form(request, activity),
        form_name="registration_form",
        on_valid=on_valid,
        # Read again after a refusal: the page shows the activity as it is now.
        context=lambda: _detail_context(
            request, selectors.activity_for_page(user=request.user, pk=pk)
        ),
    )


@login_required
@require_POST
def cancel_registration(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    registration = selectors.my_registration(activity=activity)
    permissions.ensure_can_cancel_registration(request.user, registration, activity)
    services.cancel_registration(registration=registration, by=request.user)
    messages.success(request, _("Your registration is cancelled."))
    # Back to "My activities" when the button was there; any other `next` is ignored.
    if request.POST.get("next") == reverse("activities:mine"):
        return redirect("activities:mine")
    return redirect("activities:detail", pk=activity.pk)


@login_required
@require_GET
def mine(request):
    """The person's own registrations: what is coming (with what they asked for, and their
    place on a waiting list), and, a page at a time, what is past."""
    upcoming = selectors.my_upcoming_registrations(user=request.user)
    rows = [
        {
            "registration": registration,
            "can_cancel": permissions.can_cancel_registration(
                request.user, registration, registration.activity
            ),
        }
        for registration in upcoming
    ]
    return render(
        request,
        "activities/mine.html",
        {
            "upcoming": rows,
            "hosting": list(selectors.hosted_by_me(user=request.user)[:PAGE_SIZE]),
            "hosts_own": permissions.starts_partner_led(request.user),
            **paginate(request, selectors.my_past_registrations(user=request.user), PAGE_SIZE),
        },
    )


@require_GET
# The meeting link is in it for the people registered: no shared copy for people signed in.
@content_cache.conditional_page("activities:ics", html=False, whole_for_people=False)
def activity_ics(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    registration = selectors.my_registration(activity=activity)
    include = permissions.can_see_online_link(request.user, activity, registration)
    title = translated_text(activity, "title").text
    body = calendar_for(
        [activity],
        name=title,
        language=translation.get_language(),
        include_link=lambda _activity: include,
        zone_of=selectors.hosts_zone_shown_to(request.user),
        method=PUBLISH,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="learning-lab-{activity.pk}.ics"'
    return response


@login_required
@require_GET
def attendees(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    permissions.ensure_can_manage_activity(request.user, activity)
    return render(
        request,
        "activities/attendees.html",
        {
            "activity": activity,
            "title": translated_text(activity, "title"),
            "rows": selectors.attendee_rows(activity=activity),
            "summary": selectors.needs_summary(activity=activity),
        },
    )


@login_required
@require_GET
def attendees_csv(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    permissions.ensure_can_manage_activity(request.user, activity)
    traces = traces_for(request.user)
    return csv_response(
        f"attendees-{activity.pk}.csv",
        [
            _("Name"),
            _("Email address"),
            _("Status"),
            _("Interpretation into"),
            _("Accessibility needs"),
            _("Question for the hosts"),
            _("Registered"),
        ],
        (
            [
                row.user.display_name if traces.shows_person(row.user) else _("A community member"),
                row.user.email if traces.shows_person(row.user) else "",
                row.get_status_display(),
                row.get_interpretation_language_display(),
                row.accessibility_needs,
                row.question,
                row.requested_at.isoformat(),
            ]
            for row in selectors.attendee_rows(activity=activity)
        ),
    )


def _relations(form):
    return {
        "host_organisations": form.cleaned_data["host_organisations"],
        "host_people": form.cleaned_data["host_people"],
        "focus_areas": form.cleaned_data["focus_areas"],
    }


def _activity_form_page(request, form, *, on_valid, activity):
    """The activity form: saved through `on_valid`, or, when a host list's "Filter" button sent
    it, shown again unsaved and without errors, the lists narrowed, everything typed kept."""
    # A partner starting their own (partner-led) activity: "Host an activity".
    context = {"activity": activity, "hosting": activity is None and "led_by" not in form.fields}
    if request.method == "POST" and "filter_hosts" in request.POST:
        form.narrow_hosts()
        return render(request, "activities/form.html", {**context, "form": form})
    return form_page(request, "activities/form.html", form=form, on_valid=on_valid, context=context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    """The team adds any activity; a partner hosts one of their own (partner-led)."""
    permissions.ensure_can_create_activity(request.user)

    def on_valid(form):
        activity = services.create_activity(
            by=request.user,
            data=form.service_data(),
            status=form.cleaned_data["status"],
            led_by=form.leader(),
            **_relations(form),
        )
        if activity.status == ActivityStatus.SCHEDULED:
            messages.success(request, _("The activity is published."))
        else:
            messages.success(request, _("The activity has been saved."))
        return redirect("activities:detail", pk=activity.pk)

    return _activity_form_page(
        request,
        bound_form(NewActivityForm, request, user=request.user),
        on_valid=on_valid,
        activity=None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    permissions.ensure_can_edit(request.user, activity)

    def on_valid(form):
        services.update_activity(
            activity=activity, by=request.user, data=form.service_data(), **_relations(form)
        )
        messages.success(request, _("The activity has been saved."))
        return redirect("activities:detail", pk=activity.pk)

    return _activity_form_page(
        request,
        bound_form(ActivityForm, request, instance=activity, user=request.user),
        on_valid=on_valid,
        activity=activity,
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel_activity(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    permissions.ensure_can_cancel_activity(request.user, activity)

    def on_valid(form):
        services.change_status(
            activity=activity,
            to=ActivityStatus.CANCELLED,
            by=request.user,
            reason=form.reasons(),
        )
        messages.success(request, _("The activity is cancelled."))
        return redirect("activities:detail", pk=activity.pk)

    return form_page(
        request,
        "activities/cancel.html",
        form=bound_form(
            CancelActivityForm,
            request,
            language=translation.get_language(),
            readers=selectors.cancellation_readers(activity=activity),
        ),
        on_valid=on_valid,
        context={"activity": activity, "title": translated_text(activity, "title")},
    )


@login_required
@require_POST
def publish(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    services.change_status(activity=activity, to=ActivityStatus.SCHEDULED, by=request.user)
    messages.success(request, _("The activity is published."))
    return redirect("activities:detail", pk=activity.pk)


@login_required
@require_http_methods(["GET", "POST"])
def add_material(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    permissions.ensure_can_add_material(request.user, activity)

    def on_valid(form):
        services.add_material(activity=activity, by=request.user, **form.cleaned_data)
        messages.success(request, _("The material has been added."))
        return redirect("activities:detail", pk=activity.pk)

    return form_page(
        request,
        "activities/material_form.html",
        form=bound_form(MaterialForm, request),
        on_valid=on_valid,
        context={"activity": activity, "title": translated_text(activity, "title")},
    )


@require_GET
def material_file(request, pk: int, material_pk: int):
    """Materials are for the community: the file is read through the app, never a public URL."""
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    if not permissions.can_see_participants(request.user, activity):
        raise Http404("No material here.")
    material = get_object_or_404(Material, pk=material_pk, activity=activity)
    if not material.file:
        raise Http404("No file here.")
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=f"{material.title}{material.file.name[material.file.name.rfind('.') :]}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_calendar(request):
    """The person's calendar feed address; making a new one revokes the old."""
    token = None
    if request.method == "POST" and request.POST.get("action") == "revoke":
        services.revoke_calendar_token(user=request.user)
        messages.success(request, _("Your calendar address no longer works."))
        return redirect("activities:my_calendar")
    if request.method == "POST":
        token = services.rotate_calendar_token(user=request.user)
        messages.success(
            request,
            _("Here is your new calendar address. Any previous one no longer works."),
        )
    # On the portal's own address (SITE_URL), as in emails: calendar programs read it far from
    # this request.
    feed_url = absolute_url_for("personal_calendar", token=token) if token is not None else None
    return render(
        request,
        "activities/my_calendar.html",
        {
            "feed_url": feed_url,
            "has_feed": CalendarToken.objects.filter(user=request.user).exists(),
        },
    )


@require_GET
def personal_feed(request, token: str):
    """A person's registered activities, for their calendar program (no sign-in: the secret
    address is the key). In the person's language, with the meeting links."""
    user = selectors.user_for_calendar_token(token=token)

    def make_response():
        with translation.override(user.language):
            body = calendar_for(
                selectors.calendar_activities_for(user=user),
                name=_("My Learning Lab activities"),
                language=user.language,
                include_link=lambda _activity: True,
                zone_of=selectors.hosts_zone_shown_to(user),
                method=PUBLISH,
            )
        return HttpResponse(body, content_type="text/calendar; charset=utf-8")

    # Calendar programs ask every few minutes: a 304, or the copy kept for this person.
    with translation.override(user.language):
        return content_cache.person_response(
            request, "activities:personal-feed", user, make_response
        )


@require_GET
@content_cache.conditional_page("activities:public-ics", html=False, same_for_everyone=True)
def public_feed_ics(request):
    body = calendar_for(
        selectors.public_upcoming(),
        name=_("Learning Lab public events"),
        language=translation.get_language(),
        include_link=lambda _activity: False,
        zone_of=selectors.hosts_zone_shown_to(None),
        method=PUBLISH,
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- Partner-led activities: holding back, support requests, suggestions ---------------------


def _reason_page(request, pk: int, *, to_hold: bool):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    if to_hold:
        permissions.ensure_can_hold_back(request.user, activity)
    else:
        permissions.ensure_can_release(request.user, activity)

    def on_valid(form):
        services.change_status(
            activity=activity,
            to=ActivityStatus.HELD_BACK if to_hold else activity.held_back_from,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        if to_hold:
            messages.success(request, _("The activity is held back; its hosts have been told why."))
        else:
            messages.success(request, _("The activity is released; its hosts have been told."))
        return redirect("activities:detail", pk=activity.pk)

    return form_page(
        request,
        "activities/hold_back.html",
        form=bound_form(ReasonForm, request),
        on_valid=on_valid,
        context={
            "activity": activity,
            "title": translated_text(activity, "title"),
            "to_hold": to_hold,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def hold_back(request, pk: int):
    """The team holds back an activity that breaks the community's rules, with a reason."""
    return _reason_page(request, pk, to_hold=True)


@login_required
@require_http_methods(["GET", "POST"])
def release(request, pk: int):
    """The team releases an activity it held back, to what it was, with a reason."""
    return _reason_page(request, pk, to_hold=False)


def _support_context(request, activity, **forms) -> dict:
    """The support page of `activity` for its hosts and the team: what the hosts asked for and
    the answers, the team's suggestions and the hosts' answers, and the log."""
    user = request.user
    requests = selectors.support_requests(activity=activity)
    suggestions = selectors.suggestions(activity=activity)
    return {
        "activity": activity,
        "title": translated_text(activity, "title"),
        "support_requests": [
            {"request": row, "can_answer": permissions.can_answer_support(user, row)}
            for row in requests
        ],
        "suggestions": [
            {"suggestion": row, "can_answer": permissions.can_answer_suggestion(user, row)}
            for row in suggestions
        ],
        "log": selectors.activity_log(activity=activity),
        "can_request_support": permissions.can_request_support(user, activity),
        "can_suggest": permissions.can_suggest(user, activity),
        "ask_form": forms.get("ask_form") or SupportRequestForm(),
        "suggestion_form": forms.get("suggestion_form") or SuggestionForm(),
        "answer_form": forms.get("answer_form"),
        "answered_pk": forms.get("answered_pk"),
    }


def _support_activity(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    permissions.ensure_can_see_support(request.user, activity)
    # Suggestions and requests name their activity: no query each.
    return activity


@login_required
@require_GET
def support(request, pk: int):
    """For the hosts and the team only: never part of the shared activity page."""
    activity = _support_activity(request, pk)
    return render(request, "activities/support.html", _support_context(request, activity))


def _support_form_page(request, activity, form, form_name: str, on_valid, **extra):
    return form_page(
        request,
        "activities/support.html",
        form=form,
        form_name=form_name,
        on_valid=on_valid,
        context=lambda: _support_context(request, activity, **{form_name: form}, **extra),
    )


def _back_to_support(activity):
    return redirect(reverse("activities:support", args=[activity.pk]))


@login_required
@require_POST
def ask_support(request, pk: int):
    activity = _support_activity(request, pk)
    permissions.ensure_can_request_support(request.user, activity)

    def on_valid(form):
        services.request_support(
            activity=activity,
            by=request.user,
            kind=form.cleaned_data["kind"],
            details=form.cleaned_data["details"],
            language=translation.get_language(),
        )
        messages.success(request, _("Your request is with the Learning Lab team."))
        return _back_to_support(activity)

    return _support_form_page(
        request, activity, bound_form(SupportRequestForm, request), "ask_form", on_valid
    )


@login_required
@require_POST
def answer_support(request, pk: int, request_pk: int):
    activity = _support_activity(request, pk)
    row = get_object_or_404(SupportRequest, pk=request_pk, activity=activity)
    permissions.ensure_can_answer_support(request.user, row)

    def on_valid(form):
        services.answer_support(
            support=row, by=request.user, confirm=form.yes(), note=form.cleaned_data["note"]
        )
        messages.success(request, _("Your answer is saved; the hosts have been told."))
        return _back_to_support(activity)

    return _support_form_page(
        request,
        activity,
        bound_form(AnswerForm, request),
        "answer_form",
        on_valid,
        answered_pk=row.pk,
    )


@login_required
@require_POST
def suggest(request, pk: int):
    activity = _support_activity(request, pk)
    permissions.ensure_can_suggest(request.user, activity)

    def on_valid(form):
        services.suggest(activity=activity, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your suggestion is sent to the hosts."))
        return _back_to_support(activity)

    return _support_form_page(
        request, activity, bound_form(SuggestionForm, request), "suggestion_form", on_valid
    )


@login_required
@require_POST
def answer_suggestion(request, pk: int, suggestion_pk: int):
    activity = _support_activity(request, pk)
    row = get_object_or_404(Suggestion, pk=suggestion_pk, activity=activity)
    permissions.ensure_can_answer_suggestion(request.user, row)

    def on_valid(form):
        services.answer_suggestion(
            suggestion=row, by=request.user, accept=form.yes(), reply=form.cleaned_data["note"]
        )
        messages.success(request, _("Your answer is saved."))
        return _back_to_support(activity)

    return _support_form_page(
        request,
        activity,
        bound_form(AnswerForm, request),
        "answer_form",
        on_valid,
        answered_pk=row.pk,
    )


@login_required
@require_GET
def open_support(request):
    """The team's list of support requests waiting for an answer, oldest first."""
    permissions.ensure_can_see_open_requests(request.user)
    return render(
        request,
        "activities/open_support.html",
        paginate(request, selectors.open_support_requests(), PAGE_SIZE),
    )
