import logging
import smtplib
from importlib import import_module

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

logger = logging.getLogger(__name__)


@shared_task(
    name="core.send_email",
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def send_email_task(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    html: str | None = None,
    headers: dict | None = None,
) -> None:
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
    # Only the fact of sending is logged: never the body, which may hold a sign-in link.
    logger.info("email sent to %d recipient(s)", len(to))


@shared_task(name="core.clear_expired_sessions", acks_late=True)
def clear_expired_sessions_task() -> None:
    """What `manage.py clearsessions` does, on a schedule, for whichever session engine is set."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
