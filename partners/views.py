from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import content_cache
from core.content import translated_text
from core.filters import active_filter_chips
from core.pagination import paginate
from core.refusals import bound_form, form_page
from partners import permissions, selectors, services
from partners.exceptions import PartnerError
from partners.forms import (
    DirectoryFilterForm,
    MemberInvitationForm,
    MemberRoleForm,
    OrganisationForm,
)
from partners.models import Membership

PAGE_SIZE = 20
# The directory and the map show organisations only (the profile also lists their activities).
PARTNERS_ONLY = (content_cache.PARTNERS,)


@require_GET
@content_cache.conditional_page("partners:directory", topics=PARTNERS_ONLY)
def directory(request):
    """The filter form and the cards are kept for everyone who sees them the same way
    (core.content_cache)."""
    choices = content_cache.shared_value(
        request,
        "partners:directory-choices",
        lambda: selectors.directory_choices(user=request.user),
        topics=PARTNERS_ONLY,
    )
    form = DirectoryFilterForm(request.GET or None, choices=choices)
    if form.is_bound and not form.is_valid():
        return render(
            request, "partners/directory.html", {"form": form, "page_obj": None}, status=400
        )
    filters = selectors.DirectoryFilters(**form.cleaned_data) if form.is_bound else None
    results = content_cache.fragment(request, "partners:directory", topics=PARTNERS_ONLY)
    context = {"form": form, "filters": filters, "fragment": results}
    if not results.cached:
        organisations = selectors.directory(
            user=request.user, filters=filters or selectors.DirectoryFilters()
        )
        context["filter_chips"] = active_filter_chips(form)
        context.update(paginate(request, organisations, PAGE_SIZE))
    return render(request, "partners/directory.html", context)


@require_GET
@content_cache.conditional_page("partners:map", topics=PARTNERS_ONLY)
def map_view(request):
    """The map and its lists are kept for everyone who sees them the same way."""
    drawing = content_cache.fragment(request, "partners:map", topics=PARTNERS_ONLY)
    context = {"fragment": drawing}
    if not drawing.cached:
        pins = selectors.map_pins(user=request.user)
        context.update(pins=pins, organisation_count=sum(len(pin.organisations) for pin in pins))
    return render(request, "partners/map.html", context)


@require_GET
# Signed in, the profile shows what the person's own role allows (members, the edit links):
# only its ETag then, no shared copy.
@content_cache.conditional_page("partners:profile", whole_for_people=False)
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
        },
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
    permissions.ensure_can_edit_organisation(request.user, organisation)
    form = bound_form(
        OrganisationForm,
        request,
        instance=organisation,
        staff=permissions.can_edit_staff_fields(request.user),
    )

    def on_valid(form):
        saved = _save_from_form(request, form, organisation)
        messages.success(request, _("The profile has been saved."))
        return redirect("partners:profile", slug=saved.slug)

    return form_page(
        request,
        "partners/edit.html",
        form=form,
        on_valid=on_valid,
        context={"organisation": organisation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    permissions.ensure_can_create_organisation(request.user)
    form = bound_form(OrganisationForm, request, staff=True)

    def on_valid(form):
        organisation = _save_from_form(request, form)
        messages.success(
            request, _("The organisation has been added. Invite its first lead below.")
        )
        return redirect("partners:members", slug=organisation.slug)

    return form_page(
        request, "partners/edit.html", form=form, on_valid=on_valid, context={"organisation": None}
    )


def _managed_organisation(request, slug):
    organisation = selectors.organisation_for_profile(user=request.user, slug=slug)
    permissions.ensure_can_manage_members(request.user, organisation)
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def members(request, slug: str):
    organisation = _managed_organisation(request, slug)
    form = bound_form(
        MemberInvitationForm, request, initial={"language": translation.get_language()}
    )

    def on_valid(form):
        invitation = services.invite_to_organisation(
            organisation=organisation, by=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("An invitation to join %(organisation)s is on its way to %(email)s.")
            % {"organisation": organisation.name, "email": invitation.email},
        )
        return redirect("partners:members", slug=organisation.slug)

    return form_page(
        request,
        "partners/members.html",
        form=form,
        on_valid=on_valid,
        context=lambda: {
            "organisation": organisation,
            "members": selectors.members_of(organisation=organisation),
        },
    )


def _membership(request, slug: str, pk: int) -> Membership:
    organisation = _managed_organisation(request, slug)
    return get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organisation=organisation
    )


@login_required
@require_POST
def change_role(request, slug: str, pk: int):
    membership = _membership(request, slug, pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        raise PartnerError(_("Choose a valid role."))
    changed = services.set_member_role(
        membership=membership, role=form.cleaned_data["role"], by=request.user
    )
    # The role as saved (not the copy read before the change): "Rosa is now: Lead."
    messages.success(
        request,
        _("%(name)s is now: %(role)s.")
        % {"name": membership.user.display_name, "role": changed.get_role_display()},
    )
    return redirect("partners:members", slug=slug)


@login_required
@require_POST
def remove_member(request, slug: str, pk: int):
    membership = _membership(request, slug, pk)
    services.remove_member(membership=membership, by=request.user)
    messages.success(
        request, _("%(name)s is no longer a member.") % {"name": membership.user.display_name}
    )
    return redirect("partners:members", slug=slug)
