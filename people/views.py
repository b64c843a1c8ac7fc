from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.filters import active_filter_chips
from core.pagination import paginate
from core.refusals import bound_form, form_page
from people import permissions, selectors, services
from people.forms import PeopleFilterForm, PhotoForm, ProfileForm

PAGE_SIZE = 24


@login_required
@require_http_methods(["GET", "POST"])
def edit_own(request):
    """My profile: what I work on, offer and look for, languages, region, introduction, who
    sees it."""
    profile = services.profile_of(user=request.user)
    hidden = permissions.in_hidden_organisation(request.user)

    def save(form):
        data = form.cleaned_data
        services.update_profile(
            profile=profile,
            by=request.user,
            version=data["version"],
            themes=data["themes"],
            skills_offered=data["skills_offered"],
            skills_sought=data["skills_sought"],
            region=data["region"],
            original_language=data["original_language"],
            texts=form.texts(),
            spoken=form.spoken(),
            visibility=data["visibility"],
            listed_if_hidden=data.get("listed_if_hidden") if hidden else None,
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("people:me")

    return form_page(
        request,
        "people/edit.html",
        form=bound_form(ProfileForm, request, profile=profile, in_hidden_organisation=hidden),
        on_valid=save,
        context={
            "profile": profile,
            "in_hidden_organisation": hidden,
            "can_browse": permissions.can_browse_people(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_photo(request):
    profile = services.profile_of(user=request.user)

    def save(form):
        services.set_photo(
            profile=profile,
            by=request.user,
            upload=form.cleaned_data["image"],
            alt_text=form.cleaned_data["alt_text"],
        )
        messages.success(request, _("Your photo is saved, without its location or other details."))
        return redirect("people:me")

    return form_page(
        request,
        "people/photo_form.html",
        form=bound_form(PhotoForm, request),
        on_valid=save,
        context={"profile": profile},
    )


@login_required
@require_POST
def remove_photo(request):
    profile = services.profile_of(user=request.user)
    services.remove_photo(profile=profile, by=request.user)
    messages.success(request, _("Your photo is removed."))
    return redirect("people:me")


@login_required
@require_GET
def directory(request):
    permissions.ensure_can_browse_people(request.user)
    form = PeopleFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = {"form": form, "page_obj": None}
        return render(request, "people/directory.html", context, status=400)
    filters = selectors.PeopleFilters(**form.cleaned_data) if form.is_bound else None
    profiles = selectors.directory(
        viewer=request.user, filters=filters or selectors.PeopleFilters()
    )
    context = {"form": form, "filters": filters, "filter_chips": active_filter_chips(form)}
    context.update(paginate(request, profiles, PAGE_SIZE))
    context["cards"] = selectors.cards_for(viewer=request.user, profiles=context["page_obj"])
    return render(request, "people/directory.html", context)


@login_required
@require_GET
def person(request, pk: int):
    profile = selectors.profile_for_page(viewer=request.user, pk=pk)
    card = selectors.card_for(request.user, profile)
    return render(
        request,
        "people/person.html",
        {
            "profile": profile,
            "person": profile.user,
            "introduction": card.introduction,
            "organisations": card.organisations,
            "languages": card.languages,
            "is_own": profile.user_id == request.user.pk,
            # Peer mentoring asks the same of the asker as the directory does of its readers.
            "may_ask_mentoring": profile.user_id != request.user.pk
            and permissions.can_browse_people(request.user),
        },
    )


@login_required
@require_GET
def photo(request, pk: int):
    """A person's photo, for those who may see their profile (never a public address)."""
    profile = selectors.profile_for_page(viewer=request.user, pk=pk)
    if not profile.photo:
        raise Http404("No photo here.")
    try:
        stored = profile.photo.open("rb")
    except OSError as missing:
        raise Http404("No photo here.") from missing
    response = FileResponse(stored, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
