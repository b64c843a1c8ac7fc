"""Writes about people: profiles, preferred language, invitations."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import InvitationError
from accounts.models import Invitation, User
from core.i18n import absolute_url_for
from core.services import send_templated_email
from core.tokens import hash_token


def update_profile(*, user: User, display_name: str, language: str, timezone_name: str) -> User:
    """Save the person's name, interface language and time zone."""
    user.display_name = display_name
    user.language = language
    user.timezone = timezone_name
    user.full_clean(exclude=["password"])
    user.save(update_fields=["display_name", "language", "timezone"])
    return user


def set_preferred_language(*, user: User, language: str) -> None:
    """Remember the language a signed-in person switched to, for the next visit and emails."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def invitation_url(*, token: str, language: str) -> str:
    return absolute_url_for("accounts:invitation", language, token=token)


@dataclass(frozen=True)
class Joining:
    """What accepting an invitation joins, as the app that added it describes it (partners: an
    organisation): its name, and the page the person lands on once they have joined."""

    name: str
    url: str  # a path, in the active language


class InvitationExtension:
    """An app above accounts that adds something to some invitations (partners: an organisation
    and a role) registers one of these with `register_invitation_extension`, so accounts
    accepts them without importing that app."""

    def joining(self, invitation: Invitation) -> Joining | None:
        """What `invitation` joins, or None when it adds nothing to this invitation."""
        raise NotImplementedError

    def accept(self, invitation: Invitation, user: User) -> None:
        """Called inside `accept_invitation`'s transaction; may refuse with InvitationError."""
        raise NotImplementedError


_extensions: list[InvitationExtension] = []


def register_invitation_extension(extension: InvitationExtension) -> None:
    if extension not in _extensions:
        _extensions.append(extension)


def joining_for(invitation: Invitation) -> Joining | None:
    """What accepting `invitation` joins besides the portal, or None for a portal invitation."""
    for extension in _extensions:
        joining = extension.joining(invitation)
        if joining is not None:
            return joining
    return None


def issue_invitation(
    *,
    email: str,
    invited_by: User | None,
    language: str,
    recipient: User | None = None,
    replaces=None,
    email_context: dict | None = None,
) -> Invitation:
    """Create an invitation for `email` and send its link (through Celery, after commit), in
    the recipient's language if they have an account, else in `language`. The link expires
    after INVITATION_VALID_DAYS days and works once. Open invitations in `replaces` are
    withdrawn, so only the newest link works. Call inside a transaction."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    if replaces is not None:
        replaces.filter(accepted_at__isnull=True).update(expires_at=now)
    invitation = Invitation.objects.create(
        email=email,
        token_hash=hash_token(token),
        language=language,
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    email_language = recipient.language if recipient else language
    send_templated_email(
        template_prefix="accounts/email/invitation",
        to=email,
        language=email_language,
        context={
            "inviter": invited_by.display_name if invited_by else "",
            "organisation": "",
            "has_account": recipient is not None,
            "invitation_url": invitation_url(token=token, language=email_language),
            "valid_days": settings.INVITATION_VALID_DAYS,
            **(email_context or {}),
        },
    )
    return invitation


@transaction.atomic
def create_invitation(*, email: str, invited_by: User | None, language: str) -> Invitation:
    """Invite `email` to the portal (see `issue_invitation`). Someone who already has an account
    cannot be invited to the portal again. An earlier open portal invitation to the same address
    is withdrawn."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise InvitationError(_("Someone with this email address already has an account."))
    return issue_invitation(
        email=email,
        invited_by=invited_by,
        language=language,
        replaces=Invitation.objects.filter(
            email__iexact=email, organisation_invitation__isnull=True
        ),
    )


def _check_usable(invitation: Invitation | None) -> Invitation:
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid."), status_code=404)
    if invitation.accepted_at is not None:
        raise InvitationError(
            _("This invitation has already been used. Sign in with your email address instead."),
            status_code=410,
        )
    if invitation.is_expired:
        raise InvitationError(
            _("This invitation has expired. Ask the Learning Lab team for a new one."),
            status_code=410,
        )
    return invitation


def get_usable_invitation(*, token: str) -> Invitation:
    """The open invitation behind `token`, or InvitationError saying why it cannot be used."""
    return _check_usable(Invitation.objects.filter(token_hash=hash_token(token)).first())


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> Invitation:
    """Mark the invitation as used by `user`, and let the apps that added to it act (partners
    makes them a member with the invited role). Locks the row, so a link works exactly once."""
    invitation = _check_usable(
        Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    for extension in _extensions:
        extension.accept(invitation, user)
    return invitation
