"""Two-factor authentication is required of staff and superusers."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts import permissions

# What a staff member without an authenticator may still open: the setup itself (and the
# password confirmation allauth asks for before it), the two-factor overview it falls back to,
# email verification (allauth refuses setup while an address is unverified), the language
# switcher and signing out.
SETUP_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "account_reauthenticate",
        "account_email",
        "account_confirm_email",
        "account_email_verification_sent",
        "account_logout",
        "set_language",
    }
)


class StaffMFARequiredMiddleware:
    """Send a signed-in staff member or superuser who has no authenticator to the
    authenticator-app setup page, from any page (the admin included) but the few above, until
    they have set one up. Signing in itself asks for the code through allauth's MFA stage."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name in SETUP_URL_NAMES:
            return None
        if settings.MEDIA_URL and request.path.startswith(settings.MEDIA_URL):
            return None
        if not permissions.needs_mfa_setup(request.user):
            return None
        messages.warning(
            request,
            _(
                "The Learning Lab team can see hidden organisations, so your account needs "
                "two-factor authentication. Set up an authenticator app to continue."
            ),
        )
        return redirect("mfa_activate_totp")
