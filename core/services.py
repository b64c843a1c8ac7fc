"""Sending email: rendered in the recipient's language, handed to Celery once the data is saved."""

import re

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import TemplateDoesNotExist, render_to_string
from django.utils import translation

from core.tasks import send_email_task


def email_payload(message: EmailMessage) -> dict:
    """The keyword arguments of `core.send_email` for `message`: plain strings only."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email or settings.DEFAULT_FROM_EMAIL,
        "to": list(message.to),
        "html": next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        ),
        "headers": dict(message.extra_headers),
    }


def queue_email_message(message: EmailMessage) -> None:
    """Send `message` from a Celery worker after the current transaction commits."""
    payload = email_payload(message)
    transaction.on_commit(lambda: send_email_task.delay(**payload))


def render_email(
    *, template_prefix: str, to: str, language: str, context: dict
) -> EmailMultiAlternatives:
    """Render `<prefix>_subject.txt`, `_message.txt` (and `.html` if present) in `language`."""
    with translation.override(language):
        # Collapse line breaks and runs of ASCII spaces only: French keeps its non-breaking
        # spaces before ":" and "?" (str.split() would eat them).
        subject = re.sub(
            r"[ \t\r\n]+", " ", render_to_string(f"{template_prefix}_subject.txt", context)
        ).strip()
        body = render_to_string(f"{template_prefix}_message.txt", context).strip()
        try:
            html = render_to_string(f"{template_prefix}_message.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def send_templated_email(*, template_prefix: str, to: str, language: str, context: dict) -> None:
    """Render an email in the recipient's language and queue it (see `queue_email_message`)."""
    queue_email_message(
        render_email(template_prefix=template_prefix, to=to, language=language, context=context)
    )
