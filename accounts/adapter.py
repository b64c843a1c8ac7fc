"""allauth customised for the Learning Lab: invitation-only sign-up, emails in the recipient's
language sent through Celery, and the interface in the person's own language after signing in."""

import logging
import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponseRedirect
from django.utils import translation

from accounts import permissions
from accounts.exceptions import InvitationError
from accounts.models import User
from accounts.services import accept_invitation, get_usable_invitation
from core.i18n import set_language_cookie, url_in_language
from core.services import queue_email_message

logger = logging.getLogger(__name__)

INVITATION_SESSION_KEY = "invitation_token"
# Links inside allauth's emails that must open in the recipient's language.
_EMAIL_URL_KEYS = ("activate_url", "password_reset_url", "signup_url")


def recipient_language(email: str, context: dict) -> str:
    user = context.get("user")
    if not isinstance(user, User):
        user = User.objects.filter(email__iexact=email).only("language").first()
    if user is not None and user.language:
        return user.language
    return translation.get_language() or settings.LANGUAGE_CODE


class AccountAdapter(DefaultAccountAdapter):
    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """allauth asks for the password again before any two-factor change. Setting up a first
        authenticator within minutes of signing in (what staff are sent to do) does not: they
        have just typed it. Every change once an authenticator exists still asks."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = getattr(self, "request", None)
        user = getattr(request, "user", None)
        if app != "allauth.mfa" or user is None or not user.is_authenticated:
            return True
        if permissions.has_authenticator(user):
            return True
        records = get_authentication_records(request, user)
        signed_in_at = records[-1]["at"] if records else 0
        return time.time() - signed_in_at >= account_settings.REAUTHENTICATION_TIMEOUT

    def is_open_for_signup(self, request) -> bool:
        if settings.OPEN_SIGNUP:
            return True
        token = request.session.get(INVITATION_SESSION_KEY)
        if not token:
            return False
        try:
            get_usable_invitation(token=token)
        except InvitationError:
            return False
        return True

    def save_user(self, request, user, form, commit=True):
        data = form.cleaned_data
        user.display_name = data["display_name"]
        user.language = data["language"]
        user.timezone = data["timezone"]
        user = super().save_user(request, user, form, commit=commit)
        token = request.session.pop(INVITATION_SESSION_KEY, None)
        if token and commit:
            try:
                accept_invitation(token=token, user=user)
            except InvitationError:
                # Only reachable when the same link was used twice within the same instant.
                logger.warning("invitation already used when account %s was created", user.pk)
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        language = recipient_language(email, context)
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        for key in _EMAIL_URL_KEYS:
            if ctx.get(key):
                ctx[key] = url_in_language(ctx[key], language)
        with translation.override(language):
            message = self.render_mail(template_prefix, email, ctx)
        queue_email_message(message)

    def post_login(self, request, user, **kwargs):
        language = user.language or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = super().post_login(request, user, **kwargs)
        if isinstance(response, HttpResponseRedirect):
            response["Location"] = url_in_language(response["Location"], language)
        set_language_cookie(response, language)
        return response
