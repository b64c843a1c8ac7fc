"""Writes about people: profiles, preferred language, invitations."""

import secrets
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
from partners.enums import MembershipRole


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


def create_invitation(
    *,
    email: str,
    invited_by: User | None,
    language: str,
    organisation=None,
    role: str = MembershipRole.MEMBER,
) -> Invitation:
    """Invite `email` to the portal, or into `organisation` with `role`.

    The emailed link expires after INVITATION_VALID_DAYS days and works once. Sends the email
    (through Celery, after commit) in `language`. An earlier open invitation to the same address
    for the same organisation is withdrawn, so only the newest link works. Someone who already
    has an account can be invited into an organisation (they sign in to accept), not to the portal.
    """
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and organisation is None:
        raise InvitationError(_("Someone with this email address already has an account."))
    if existing is not None and organisation.memberships.filter(user=existing).exists():
        raise InvitationError(
            _("%(email)s is already a member of %(organisation)s.")
            % {"email": email, "organisation": organisation.name}
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(
            email__iexact=email, organisation=organisation, accepted_at__isnull=True
        ).update(expires_at=now)
        invitation = Invitation.objects.create(
            email=email,
            token_hash=hash_token(token),
            language=language,
            invited_by=invited_by,
            organisation=organisation,
            role=role,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        send_templated_email(
            template_prefix="accounts/email/invitation",
            to=email,
            language=existing.language if existing else language,
            context={
                "inviter": invited_by.display_name if invited_by else "",
                "organisation": organisation.name if organisation else "",
                "has_account": existing is not None,
                "invitation_url": invitation_url(
                    token=token, language=existing.language if existing else language
                ),
                "valid_days": settings.INVITATION_VALID_DAYS,
            },
        )
    return invitation


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
    return _check_usable(
        Invitation.objects.select_related("organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> Invitation:
    """Mark the invitation as used by `user` and, for an organisation invitation, make them a
    member with the invited role. Locks the row, so a link works exactly once."""
    from partners.services import add_member

    invitation = _check_usable(
        Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
    )
    if invitation.organisation_id and user.email.lower() != invitation.email.lower():
        raise InvitationError(
            _("This invitation was sent to another email address."), status_code=403
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if invitation.organisation_id:
        add_member(organisation=invitation.organisation, user=user, role=invitation.role)
    return invitation
