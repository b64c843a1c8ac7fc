"""Two-factor authentication in tests: authenticators and the codes an app would show."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt
from django.conf import settings


def give_authenticator(user) -> str:
    """Set up an authenticator app (and recovery codes) for `user`, as the setup page does;
    returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def totp_code(user, *, steps: int = 0) -> str:
    """The code `user`'s authenticator app shows now (or `steps` periods away), computed from
    the stored secret with allauth's own HOTP function."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    counter = int(time.time()) // getattr(settings, "MFA_TOTP_PERIOD", 30) + steps
    return format_hotp_value(hotp_value(secret, counter))


def recovery_codes(user) -> list[str]:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return authenticator.wrap().get_unused_codes()
