from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from accounts import views as account_views
from activities import views as activity_views
from notifications import views as notification_views
from portal import views as portal_views

admin.site.site_header = _("Learning Lab administration")
admin.site.site_title = _("Learning Lab")
# The admin signs people in through the portal's sign-in, so it has the same rate limits and
# the two-factor step (as allauth's documentation advises; its own decorator would still let a
# signed-in staff member post someone else's password to the admin's form).
admin.site.login = account_views.admin_login

# A signed-out visitor gets the same page for what is not found and what is for the community.
handler404 = "core.signed_out.page_not_found"

urlpatterns = [
    # Browsers and feed readers ask for /favicon.ico whatever the page says: send them to the
    # hashed static file (resolved per request, so the manifest is read after collectstatic).
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("img/favicon.ico"), permanent=False),
        name="favicon",
    ),
    path("i18n/setlang/", portal_views.set_language, name="set_language"),
    # Calendar programs fetch this without signing in or choosing a language: the secret in
    # the address identifies the person, whose own language is used.
    path("calendar/<str:token>.ics", activity_views.personal_feed, name="personal_calendar"),
    # Links in emails: they work in any language, without signing in (the token is signed).
    path(
        "notifications/unsubscribe/<str:token>/",
        notification_views.unsubscribe,
        name="unsubscribe",
    ),
]

urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    path("partners/", include("partners.urls")),
    path("activities/", include("activities.urls")),
    path("working-group/", include("workinggroup.urls")),
    path("learning/", include("learning.urls")),
    path("library/", include("resources.urls")),
    path("stories/", include("stories.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("convenings/", include("convenings.urls")),
    path("people/", include("people.urls")),
    path("regions/", include("regions.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("feedback/", include("feedback.urls")),
    path("notifications/", include("notifications.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
