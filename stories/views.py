from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.content import missing_languages, translated_text
from core.i18n import absolute_url_for
from core.pagination import paginate
from core.refusals import bound_form, form_page
from partners.selectors import organisations_of
from stories import permissions, selectors, services, sharing
from stories.enums import Action, StoryState
from stories.exceptions import StoryError
from stories.forms import ActionForm, ModerationForm, PhotoForm, StoryEditForm, StoryForm
from stories.models import StoryPhoto

PAGE_SIZE = 20

DONE = {
    Action.SUBMIT: gettext_lazy("Your story is sent to the team for review."),
    Action.PUBLISH: gettext_lazy("The story is published."),
    Action.SUGGEST: gettext_lazy(
        "Your suggestion is sent to the authors. The story is a draft again."
    ),
    Action.WITHDRAW: gettext_lazy("The story is withdrawn."),
    Action.REDRAFT: gettext_lazy("The story is a draft again."),
}


@require_GET
def story_list(request):
    user = request.user
    return render(
        request,
        "stories/list.html",
        {
            "can_write": permissions.can_write(user),
            "own": list(selectors.own_stories(user=user)),
            "awaiting": list(selectors.awaiting_review(user=user)),
            **paginate(request, selectors.published_list(user=user), PAGE_SIZE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def write(request):
    permissions.ensure_can_write(request.user)

    def create(form):
        data = form.cleaned_data
        story = services.write_story(
            by=request.user,
            organisation=data["organisation"],
            language=data["language"],
            title=data["title"],
            body=data["body"],
            audience=data["audience"],
            anonymous=data["anonymous"],
        )
        messages.success(request, _("Your story is saved as a draft. Add photos, then send it."))
        return redirect("stories:edit", pk=story.pk)

    return form_page(
        request,
        "stories/write.html",
        form=bound_form(
            StoryForm,
            request,
            user=request.user,
            organisations=organisations_of(user=request.user),
        ),
        on_valid=create,
    )


@require_GET
def story_detail(request, pk: int):
    user = request.user
    story = selectors.story_for_page(user=user, pk=pk)
    url = absolute_url_for("stories:story", pk=story.pk)
    context = {
        "story": story,
        "title": translated_text(story, "title"),
        "body": translated_text(story, "body"),
        "byline": sharing.byline(story, user),
        "photos": list(story.photos.all()),
        "is_published": story.state == StoryState.PUBLISHED,
        "share_preview": sharing.preview_for(story=story, url=url),
        "share_url": url,
        "can_edit": permissions.can_edit(user, story),
        "is_author": permissions.is_author(user, story),
        "can_moderate": permissions.can_moderate(user),
    }
    allowed = permissions.actions_for(user, story)
    # Suggesting needs its own form (the message); every other action is one button.
    context["actions"] = [Action(action) for action in allowed if action != Action.SUGGEST]
    context["can_suggest"] = Action.SUGGEST in allowed
    if context["is_author"] or context["can_moderate"]:
        context["suggestions"] = list(story.suggestions.select_related("written_by"))
    if context["can_moderate"]:
        context["moderation_form"] = ModerationForm(initial={"reason": story.hidden_reason})
        context["action_form"] = ActionForm(initial={"message_language": story.original_language})
    return render(request, "stories/story.html", context)


def _edit_context(request, story):
    def build():
        fresh = selectors.story_for_page(user=request.user, pk=story.pk)
        return {
            "story": fresh,
            "title": translated_text(fresh, "title"),
            "missing": missing_languages(fresh, "title"),
            "photos": list(fresh.photos.all()),
            "photo_form": PhotoForm(),
        }

    return build


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    story = selectors.story_for_page(user=request.user, pk=pk)
    permissions.ensure_can_edit(request.user, story)
    authors_choices = permissions.is_author(request.user, story)

    def save(form):
        data = form.cleaned_data
        services.update_story(
            story=story,
            by=request.user,
            version=data["version"],
            texts=form.texts(),
            audience=data.get("audience"),
            anonymous=data.get("anonymous"),
        )
        messages.success(request, _("Your changes are saved."))
        return redirect("stories:story", pk=story.pk)

    return form_page(
        request,
        "stories/edit.html",
        form=bound_form(StoryEditForm, request, story=story, authors_choices=authors_choices),
        on_valid=save,
        context=_edit_context(request, story),
    )


@login_required
@require_http_methods(["GET", "POST"])
def add_photo(request, pk: int):
    story = selectors.story_for_page(user=request.user, pk=pk)
    permissions.ensure_can_edit(request.user, story)

    def save(form):
        services.add_photo(
            story=story,
            by=request.user,
            upload=form.cleaned_data["image"],
            alt_text=form.cleaned_data["alt_text"],
        )
        messages.success(request, _("The photo is added, without its location or other details."))
        return redirect("stories:edit", pk=story.pk)

    return form_page(
        request,
        "stories/photo_form.html",
        form=bound_form(PhotoForm, request),
        on_valid=save,
        context={"story": story, "title": translated_text(story, "title")},
    )


@login_required
@require_POST
def remove_photo(request, pk: int, photo_pk: int):
    story = selectors.story_for_page(user=request.user, pk=pk)
    permissions.ensure_can_edit(request.user, story)
    photo = get_object_or_404(StoryPhoto, story=story, pk=photo_pk)
    services.remove_photo(photo=photo, by=request.user)
    messages.success(request, _("The photo is removed."))
    return redirect("stories:edit", pk=story.pk)


@require_GET
def photo(request, pk: int, photo_pk: int):
    """A photo, for those who may read its story (a community story's photos are not public)."""
    found = selectors.photo_for(user=request.user, story_pk=pk, pk=photo_pk)
    try:
        stored = found.image.open("rb")
    except OSError as missing:  # the row without its file (a restored backup): not a 500
        raise Http404("No photo here.") from missing
    response = FileResponse(stored, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _valid(form):
    if not form.is_valid():
        raise StoryError(_("This request was not understood. Go back and try again."))
    return form.cleaned_data


@login_required
@require_POST
def act(request, pk: int):
    story = selectors.story_for_page(user=request.user, pk=pk)
    data = _valid(ActionForm(request.POST))
    services.transition(
        story=story,
        action=data["action"],
        by=request.user,
        version=data["version"],
        message=data["message"],
        message_language=data["message_language"] or None,
    )
    messages.success(request, DONE[data["action"]])
    return redirect("stories:story", pk=story.pk)


@login_required
@require_POST
def moderate(request, pk: int):
    permissions.ensure_can_moderate(request.user)
    story = selectors.story_for_page(user=request.user, pk=pk)
    data = _valid(ModerationForm(request.POST))
    services.moderate(story=story, by=request.user, hide=data["hide"], reason=data["reason"])
    messages.success(
        request,
        _("The story is hidden from everyone but its authors and the team.")
        if data["hide"]
        else _("The story is shown again."),
    )
    return redirect("stories:story", pk=story.pk)
