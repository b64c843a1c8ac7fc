from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.exceptions import InvitationError
from activities import selectors as activity_selectors
from core.content import translated_text
from core.exceptions import ApplicationError
from core.pagination import paginate
from partners import permissions, selectors, services
from partners.forms import (
    DirectoryFilterForm,
    MemberInvitationForm,
    MemberRoleForm,
    OrganisationForm,
)
from partners.models import Membership

PAGE_SIZE = 20


@require_GET
def directory(request):
    choices = selectors.directory_choices(user=request.user)
    form = DirectoryFilterForm(request.GET or None, choices=choices)
    if form.is_bound and not form.is_valid():
        return render(
            request, "partners/directory.html", {"form": form, "page_obj": None}, status=400
        )
    filters = selectors.DirectoryFilters(**form.cleaned_data) if form.is_bound else None
    organisations = selectors.directory(
        user=request.user, filters=filters or selectors.DirectoryFilters()
    )
    return render(
        request,
        "partners/directory.html",
        {"form": form, "filters": filters, **paginate(request, organisations, PAGE_SIZE)},
    )


@require_GET
def map_view(request):
    pins = selectors.map_pins(user=request.user)
    return render(
        request,
        "partners/map.html",
        {"pins": pins, "organisation_count": sum(len(pin.organisations) for pin in pins)},
    )


@require_GET
def profile(request, slug: str):
    organisation = selectors.organisation_for_profile(user=request.user, slug=slug)
    sensitive = permissions.can_see_sensitive_details(request.user, organisation)
    return render(
        request,
        "partners/profile.html",
        {
            "organisation": organisation,
            "description": translated_text(organisation, "description"),
            "mission": translated_text(organisation, "mission"),
            "can_see_sensitive": sensitive,
            "can_edit": permissions.can_edit_organisation(request.user, organisation),
            "members": selectors.members_of(organisation=organisation) if sensitive else None,
            "activities": activity_selectors.hosted_by(
                organisation=organisation, user=request.user
            ),
        },
    )


def _profile_form_response(request, form, organisation, status):
    return render(
        request,
        "partners/edit.html",
        {"form": form, "organisation": organisation},
        status=status,
    )


def _save_from_form(request, form, organisation=None):
    kwargs = {
        "by": request.user,
        "data": form.cleaned_data,
        "focus_areas": form.cleaned_data["focus_areas"],
        "working_languages": form.cleaned_data["working_languages"],
        "social_links": form.cleaned_data["social_links"],
        "logo": form.logo_change(),
    }
    if organisation is None:
        return services.create_organisation(**kwargs)
    return services.update_organisation(organisation=organisation, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug: str):
    organisation = selectors.organisation_for_profile(user=request.user, slug=slug)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied(_("Only the leads of this organisation can change its profile."))
    staff = permissions.can_edit_staff_fields(request.user)
    form = OrganisationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=organisation,
        staff=staff,
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation = _save_from_form(request, form, organisation)
        except ApplicationError as error:
            messages.error(request, error.message)
            return _profile_form_response(request, form, organisation, error.status_code)
        messages.success(request, _("The profile has been saved."))
        return redirect("partners:profile", slug=organisation.slug)
    return _profile_form_response(request, form, organisation, 400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not permissions.can_create_organisation(request.user):
        raise PermissionDenied(_("Only the Learning Lab team can add organisations."))
    form = OrganisationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        staff=True,
    )
    if request.method == "POST" and form.is_valid():
        organisation = _save_from_form(request, form)
        messages.success(
            request, _("The organisation has been added. Invite its first lead below.")
        )
        return redirect("partners:members", slug=organisation.slug)
    return _profile_form_response(request, form, None, 400 if form.is_bound else 200)


def _managed_organisation(request, slug):
    organisation = selectors.organisation_for_profile(user=request.user, slug=slug)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied(_("Only the leads of this organisation can manage its members."))
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def members(request, slug: str):
    organisation = _managed_organisation(request, slug)
    form = MemberInvitationForm(
        request.POST if request.method == "POST" else None,
        initial={"language": translation.get_language()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_to_organisation(
                organisation=organisation,
                by=request.user,
                **form.cleaned_data,
            )
        except (InvitationError, ApplicationError) as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("An invitation to join %(organisation)s is on its way to %(email)s.")
                % {"organisation": organisation.name, "email": invitation.email},
            )
            return redirect("partners:members", slug=organisation.slug)
    return _members_page(request, organisation, form, status=400 if form.is_bound else 200)


def _members_page(request, organisation, form=None, status=200):
    return render(
        request,
        "partners/members.html",
        {
            "organisation": organisation,
            "form": form or MemberInvitationForm(initial={"language": translation.get_language()}),
            "members": selectors.members_of(organisation=organisation),
        },
        status=status,
    )


def _membership_action(request, slug, pk, action):
    """Run `action` on a membership of the organisation; a refused action re-renders the page
    with the reason and its 4xx status."""
    organisation = _managed_organisation(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    try:
        action(membership)
    except ApplicationError as error:
        messages.error(request, error.message)
        return _members_page(request, organisation, status=error.status_code)
    return redirect("partners:members", slug=organisation.slug)


@login_required
@require_POST
def change_role(request, slug: str, pk: int):
    form = MemberRoleForm(request.POST)

    def action(membership):
        if not form.is_valid():
            raise ApplicationError(_("Choose a valid role."))
        services.set_member_role(
            membership=membership, role=form.cleaned_data["role"], by=request.user
        )
        messages.success(
            request,
            _("%(name)s is now: %(role)s.")
            % {"name": membership.user.display_name, "role": membership.get_role_display()},
        )

    return _membership_action(request, slug, pk, action)


@login_required
@require_POST
def remove_member(request, slug: str, pk: int):
    def action(membership):
        services.remove_member(membership=membership, by=request.user)
        messages.success(
            request,
            _("%(name)s is no longer a member.") % {"name": membership.user.display_name},
        )

    return _membership_action(request, slug, pk, action)
