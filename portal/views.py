from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import check_for_language
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from accounts.services import set_preferred_language
from core import content_cache
from core.i18n import url_in_language
from core.pagination import paginate
from feedback import permissions as feedback_permissions
from partners.selectors import organisations_of
from portal import selectors
from portal.selectors import my_lab
from stories.permissions import can_write as can_write_story


@content_cache.conditional_page("portal:home", topics=(), personal_etag=False)
def home(request):
    """For visitors, what the Learning Lab is; for a signed-in person, "My Lab" first: their
    own activities, surveys, proposals and, for the team, what waits for them."""
    if not request.user.is_authenticated:
        return render(request, "portal/home.html", {})
    return render(
        request,
        "portal/home.html",
        {
            "organisations": organisations_of(user=request.user),
            "lab": my_lab(user=request.user),
            # Partner stories (issue 17): "Write a story" for partners, the stories for all.
            "can_write_story": can_write_story(request.user),
        },
    )


@require_POST
def set_language(request):
    """Django's set_language (cookie, then back to the same page in the new language), and for a
    signed-in person also their saved preference, so emails follow the switch."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if not check_for_language(language):
        return response
    if response.status_code == 302:
        # Django translates `next` only when it is in the cookie's language; any page works here.
        response["Location"] = url_in_language(response["Location"], language)
    if request.user.is_authenticated:
        set_preferred_language(user=request.user, language=language)
    return response


HEARD_PAGE_SIZE = 20


@login_required
@require_GET
def what_we_heard(request):
    """ "You said, we did": the summaries of closed surveys and the recommendations the Working
    Group decided, with what the Lab does about them, newest first."""
    feedback_permissions.ensure_can_read_summaries(request.user)
    paged = paginate(request, selectors.what_we_heard(user=request.user), HEARD_PAGE_SIZE)
    return render(
        request,
        "portal/what_we_heard.html",
        {
            **paged,
            "entries": selectors.fill_heard(list(paged["page_obj"].object_list), user=request.user),
        },
    )
