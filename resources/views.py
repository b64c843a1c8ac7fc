from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.content import translated_text
from core.filters import active_filter_chips
from core.pagination import paginate
from core.refusals import bound_form, form_page
from resources import permissions, selectors, services
from resources.exceptions import ResourceError
from resources.forms import LibraryFilterForm, ModerationForm, ResourceForm

PAGE_SIZE = 20


@require_GET
def library(request):
    """Resources and activity materials the viewer may see, newest first (see selectors)."""
    form = LibraryFilterForm(request.GET or None)
    context = {"form": form, "can_add": permissions.can_add(request.user)}
    if form.is_bound and not form.is_valid():
        return render(request, "resources/list.html", {**context, "page_obj": None}, status=400)
    filters = (
        selectors.LibraryFilters(**form.cleaned_data)
        if form.is_bound
        else selectors.LibraryFilters()
    )
    page = paginate(request, selectors.library_rows(user=request.user, filters=filters), PAGE_SIZE)
    return render(
        request,
        "resources/list.html",
        {
            **context,
            **page,
            "filters": filters,
            "filter_chips": active_filter_chips(form),
            "entries": selectors.entries_for(page["page_obj"].object_list),
        },
    )


@require_GET
def resource_detail(request, pk: int):
    resource = selectors.resource_for_page(user=request.user, pk=pk)
    can_moderate = permissions.can_moderate(request.user)
    return render(
        request,
        "resources/detail.html",
        {
            "resource": resource,
            "title": translated_text(resource, "title"),
            "summary": translated_text(resource, "summary"),
            "can_edit": permissions.can_edit(request.user, resource),
            "can_moderate": can_moderate,
            "moderation_form": ModerationForm(initial={"reason": resource.hidden_reason})
            if can_moderate
            else None,
        },
    )


@require_GET
def resource_file(request, pk: int, file_pk: int):
    """Every file is read through the app, after the same check as the resource's page: a
    public resource's for anyone, the others' for those who may see them."""
    entry = selectors.file_for_download(user=request.user, pk=pk, file_pk=file_pk)
    title = translated_text(entry.resource, "title", entry.language).text
    suffix = entry.file.name[entry.file.name.rfind(".") :]
    return FileResponse(entry.file.open("rb"), as_attachment=True, filename=f"{title}{suffix}")


def _data(form) -> dict:
    data = form.cleaned_data
    return {
        "language": data["language"],
        "kind": data["kind"],
        "licence": data["licence"],
        "visibility": data["visibility"],
        "texts": form.texts(),
        "themes": list(data["themes"]),
        "regions": data["regions"],
        "organisations": list(data["organisations"]),
        "uploads": form.uploads(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def add(request):
    permissions.ensure_can_add(request.user)

    def create(form):
        resource = services.add_resource(by=request.user, **_data(form))
        messages.success(request, _("The resource is in the library."))
        return redirect("resources:detail", pk=resource.pk)

    return form_page(
        request,
        "resources/form.html",
        form=bound_form(
            ResourceForm,
            request,
            makers=selectors.maker_choices(user=request.user),
            user=request.user,
        ),
        on_valid=create,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    resource = selectors.resource_for_page(user=request.user, pk=pk)
    permissions.ensure_can_edit(request.user, resource)

    def save(form):
        services.update_resource(
            resource=resource,
            by=request.user,
            version=form.cleaned_data.get("version"),
            **_data(form),
        )
        messages.success(request, _("Your changes are saved."))
        return redirect("resources:detail", pk=resource.pk)

    return form_page(
        request,
        "resources/form.html",
        form=bound_form(
            ResourceForm,
            request,
            makers=selectors.maker_choices(user=request.user),
            resource=resource,
        ),
        on_valid=save,
        context={"resource": resource, "title": translated_text(resource, "title")},
    )


@login_required
@require_POST
def moderate(request, pk: int):
    permissions.ensure_can_moderate(request.user)
    resource = selectors.resource_for_page(user=request.user, pk=pk)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        raise ResourceError(_("This request was not understood. Go back and try again."))
    data = form.cleaned_data
    services.moderate(resource=resource, by=request.user, hide=data["hide"], reason=data["reason"])
    messages.success(
        request,
        _("The resource is hidden from the library.")
        if data["hide"]
        else _("The resource is shown again."),
    )
    return redirect("resources:detail", pk=resource.pk)
