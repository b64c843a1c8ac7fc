from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
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


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
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
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "now": timezone.now(),
            "has_authenticator": permissions.has_authenticator(request.user),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request):
    if not permissions.can_invite(request.user):
        raise PermissionDenied(_("Only the Learning Lab team can invite people."))
    form = InvitationForm(
        request.POST if request.method == "POST" else None,
        initial={"language": translation.get_language()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.create_invitation(
                email=form.cleaned_data["email"],
                invited_by=request.user,
                language=form.cleaned_data["language"],
            )
        except InvitationError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
            )
            return redirect("accounts:invite")
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "invitation_valid_days": settings.INVITATION_VALID_DAYS},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET"])
def accept_invitation(request, token: str):
    """Open the sign-up form for the person the invitation was sent to; or, for someone who
    already has an account, add them to the organisation that invited them."""
    try:
        invitation = services.get_usable_invitation(token=token)
    except InvitationError as error:
        return _invitation_refused(request, error)
    organisation = invitation.organisation
    if request.user.is_authenticated:
        if organisation is None:
            messages.info(request, _("You already have an account and are signed in."))
            return redirect("portal:home")
        try:
            services.accept_invitation(token=token, user=request.user)
        except InvitationError as error:
            return _invitation_refused(request, error)
        messages.success(
            request,
            _("You are now a member of %(organisation)s.") % {"organisation": organisation.name},
        )
        return redirect("partners:profile", slug=organisation.slug)
    if organisation is not None and User.objects.filter(email__iexact=invitation.email).exists():
        messages.info(
            request,
            _("Sign in to accept the invitation to join %(organisation)s.")
            % {"organisation": organisation.name},
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
    if not permissions.can_use_admin(request.user):
        raise PermissionDenied(_("The administration is for the Learning Lab team only."))
    return redirect(next_url)


def _invitation_refused(request, error: InvitationError):
    return render(
        request,
        "accounts/invitation_invalid.html",
        {"reason": error.message},
        status=error.status_code,
    )
