"""Mail backends standing in for an SMTP server outside the project."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class HeaderRefusingBackend(BaseEmailBackend):
    """A mail library that finds a header it cannot write (as Django's does for a CR or LF)."""

    def send_messages(self, email_messages):
        from django.core.mail import BadHeaderError

        raise BadHeaderError("Header values can't contain newlines")
