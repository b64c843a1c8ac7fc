from functools import wraps

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import permissions, services
from accounts.adapter import INVITATION_SESSION_KEY
from accounts.exceptions import InvitationError
from accounts.forms import InvitationForm, ProfileForm
from accounts.models import User
from core.i18n import set_language_cookie
from core.refusals import bound_form, form_page


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = bound_form(ProfileForm, request, instance=request.user)

    def on_valid(form):
        user = services.update_profile(
            user=request.user,
            display_name=form.cleaned_data["display_name"],
            language=form.cleaned_data["language"],
            timezone_name=form.cleaned_data["timezone"],
        )
        # The confirmation, and the page after it, are already in the language just chosen.
        with translation.override(user.language):
            messages.success(request, _("Your profile has been saved."))
        response = redirect(translate_url(reverse("accounts:profile"), user.language))
        set_language_cookie(response, user.language)
        return response

    return form_page(
        request,
        "accounts/profile.html",
        form=form,
        on_valid=on_valid,
        context=lambda: {
            "now": timezone.now(),
            "has_authenticator": permissions.has_authenticator(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request):
    permissions.ensure_can_invite(request.user)
    form = bound_form(InvitationForm, request, initial={"language": translation.get_language()})

    def on_valid(form):
        invitation = services.create_invitation(
            email=form.cleaned_data["email"],
            invited_by=request.user,
            language=form.cleaned_data["language"],
        )
        messages.success(
            request, _("An invitation is on its way to %(email)s.") % {"email": invitation.email}
        )
        return redirect("accounts:invite")

    return form_page(
        request,
        "accounts/invite.html",
        form=form,
        on_valid=on_valid,
        context={"invitation_valid_days": settings.INVITATION_VALID_DAYS},
    )


def _invitation_page(view):
    """An invitation link that cannot be used gets its own page (with a way to sign in), not the
    general refusal page: the one place this module answers a refusal itself."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except InvitationError as error:
            return render(
                request,
                "accounts/invitation_invalid.html",
                {"reason": error.message},
                status=error.status_code,
            )

    return wrapped


@require_http_methods(["GET"])
@_invitation_page
def accept_invitation(request, token: str):
    """Open the sign-up form for the person the invitation was sent to; or, for someone who
    already has an account, accept what the invitation joins (an organisation)."""
    invitation = services.get_usable_invitation(token=token)
    joining = services.joining_for(invitation)
    if request.user.is_authenticated:
        if joining is None:
            messages.info(request, _("You already have an account and are signed in."))
            return redirect("portal:home")
        services.accept_invitation(token=token, user=request.user)
        messages.success(
            request, _("You are now a member of %(organisation)s.") % {"organisation": joining.name}
        )
        return redirect(joining.url)
    if joining is not None and User.objects.filter(email__iexact=invitation.email).exists():
        messages.info(
            request,
            _("Sign in to accept the invitation to join %(organisation)s.")
            % {"organisation": joining.name},
        )
        return redirect_to_login(request.get_full_path())
    request.session[INVITATION_SESSION_KEY] = token
    # The link reached this inbox, so the address needs no second verification.
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect("account_signup")


def admin_login(request, extra_context=None):
    """Stands in for the Django admin's own sign-in form, which has none of allauth's rate
    limits or two-factor step: everyone signs in through the portal, and comes back to the
    admin page they asked for. It never reads credentials, whatever the method."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    permissions.ensure_can_use_admin(request.user)
    return redirect(next_url)
