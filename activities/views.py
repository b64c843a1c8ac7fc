from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities import permissions, selectors, services
from activities.calendars import activity_url, calendar_for
from activities.enums import ActivityStatus, RegistrationStatus
from activities.forms import (
    ActivityFilterForm,
    ActivityForm,
    CancelActivityForm,
    MaterialForm,
    NewActivityForm,
    RegistrationForm,
)
from activities.models import Activity, CalendarToken, Material
from core.content import translated_text
from core.csv_export import csv_response
from core.exceptions import ApplicationError
from core.pagination import paginate
from partners.selectors import traces_for

PAGE_SIZE = 20


@require_GET
def activity_list(request):
    choices = selectors.list_choices(user=request.user)
    form = ActivityFilterForm(request.GET or None, choices=choices)
    if form.is_bound and not form.is_valid():
        return render(request, "activities/list.html", {"form": form, "page_obj": None}, status=400)
    filters = (
        selectors.ActivityFilters(**form.cleaned_data)
        if form.is_bound
        else selectors.ActivityFilters()
    )
    return render(
        request,
        "activities/list.html",
        {
            "form": form,
            "filters": filters,
            **paginate(
                request, selectors.activity_list(user=request.user, filters=filters), PAGE_SIZE
            ),
        },
    )


def _detail_context(request, activity, registration_form=None):
    registration = selectors.my_registration(activity=activity)
    show_people = permissions.can_see_participants(request.user, activity)
    manage = permissions.can_manage_activity(request.user, activity)
    page_url = activity_url(activity, translation.get_language())
    title = translated_text(activity, "title")
    return {
        "activity": activity,
        "title": title,
        "description": translated_text(activity, "description"),
        "registration": registration,
        "registration_form": registration_form
        or RegistrationForm(activity=activity, prefix="registration"),
        "can_register": request.user.is_authenticated
        and activity.status == ActivityStatus.SCHEDULED
        and not activity.is_past,
        "show_link": permissions.can_see_online_link(request.user, activity, registration),
        "show_people": show_people,
        "participants": selectors.participants(activity=activity, viewer=request.user)
        if show_people
        else None,
        "can_manage": manage,
        "page_url": page_url,
        "whatsapp_url": "https://wa.me/?text=" + quote(f"{title.text} {page_url}"),
    }


def _refused(request, activity, message: str, status: int, registration_form=None):
    """The activity page again, saying why the action was refused, with its 4xx status."""
    messages.error(request, message)
    return render(
        request,
        "activities/detail.html",
        _detail_context(request, activity, registration_form),
        status=status,
    )


@require_GET
def detail(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    return render(request, "activities/detail.html", _detail_context(request, activity))


@login_required
@require_POST
def register(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    form = RegistrationForm(request.POST, activity=activity, prefix="registration")
    if not form.is_valid():
        return render(
            request,
            "activities/detail.html",
            _detail_context(request, activity, form),
            status=400,
        )
    try:
        registration = services.register(
            activity=activity, user=request.user, **form.service_data()
        )
    except ApplicationError as error:
        activity = selectors.activity_for_page(user=request.user, pk=pk)
        return _refused(request, activity, error.message, error.status_code, form)
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


@login_required
@require_POST
def cancel_registration(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    registration = selectors.my_registration(activity=activity)
    if registration is None:
        return _refused(request, activity, _("You are not registered for this activity."), 409)
    try:
        services.cancel_registration(registration=registration, by=request.user)
    except ApplicationError as error:
        return _refused(request, activity, error.message, error.status_code)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("activities:detail", pk=activity.pk)


@require_GET
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
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="learning-lab-{activity.pk}.ics"'
    return response


def _managed(request, pk: int) -> Activity:
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    if not permissions.can_manage_activity(request.user, activity):
        raise PermissionDenied(_("Only the hosts and the Learning Lab team can do this."))
    return activity


@login_required
@require_GET
def attendees(request, pk: int):
    activity = _managed(request, pk)
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
    activity = _managed(request, pk)
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


def _activity_form_page(request, form, activity, status):
    return render(
        request,
        "activities/form.html",
        {"form": form, "activity": activity},
        status=status,
    )


def _relations(form):
    return {
        "host_organisations": form.cleaned_data["host_organisations"],
        "host_people": form.cleaned_data["host_people"],
        "focus_areas": form.cleaned_data["focus_areas"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not permissions.can_create_activity(request.user):
        raise PermissionDenied(_("Only the Learning Lab team can add activities."))
    form = NewActivityForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.create_activity(
                by=request.user,
                data=form.service_data(),
                status=form.cleaned_data["status"],
                **_relations(form),
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            return _activity_form_page(request, form, None, error.status_code)
        messages.success(request, _("The activity has been saved."))
        return redirect("activities:detail", pk=activity.pk)
    return _activity_form_page(request, form, None, 400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    activity = _managed(request, pk)
    form = ActivityForm(
        request.POST if request.method == "POST" else None, instance=activity, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_activity(
                activity=activity, by=request.user, data=form.service_data(), **_relations(form)
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            return _activity_form_page(request, form, activity, error.status_code)
        messages.success(request, _("The activity has been saved."))
        return redirect("activities:detail", pk=activity.pk)
    return _activity_form_page(request, form, activity, 400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def cancel_activity(request, pk: int):
    activity = _managed(request, pk)
    form = CancelActivityForm(request.POST if request.method == "POST" else None)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_activity(
                activity=activity, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            status = error.status_code
        else:
            messages.success(request, _("The activity is cancelled."))
            return redirect("activities:detail", pk=activity.pk)
    return render(
        request,
        "activities/cancel.html",
        {"form": form, "activity": activity, "title": translated_text(activity, "title")},
        status=status,
    )


@login_required
@require_POST
def publish(request, pk: int):
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    try:
        services.publish_activity(activity=activity, by=request.user)
    except ApplicationError as error:
        if error.status_code == 403:
            raise PermissionDenied(error.message) from None
        return _refused(request, activity, error.message, error.status_code)
    messages.success(request, _("The activity is published."))
    return redirect("activities:detail", pk=activity.pk)


@login_required
@require_http_methods(["GET", "POST"])
def add_material(request, pk: int):
    activity = _managed(request, pk)
    form = MaterialForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        services.add_material(activity=activity, by=request.user, **form.cleaned_data)
        messages.success(request, _("The material has been added."))
        return redirect("activities:detail", pk=activity.pk)
    return render(
        request,
        "activities/material_form.html",
        {"form": form, "activity": activity, "title": translated_text(activity, "title")},
        status=400 if form.is_bound else 200,
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
    feed_url = (
        request.build_absolute_uri(reverse("personal_calendar", kwargs={"token": token}))
        if token is not None
        else None
    )
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
    activities = selectors.calendar_activities_for(user=user)
    with translation.override(user.language):
        body = calendar_for(
            activities,
            name=_("My Learning Lab activities"),
            language=user.language,
            include_link=lambda _activity: True,
            zone_of=selectors.hosts_zone_shown_to(user),
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_GET
def public_feed_ics(request):
    body = calendar_for(
        selectors.public_upcoming(),
        name=_("Learning Lab public events"),
        language=translation.get_language(),
        include_link=lambda _activity: False,
        zone_of=selectors.hosts_zone_shown_to(None),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
