"""Emails about activities, each in the recipient's language and time zone."""

from zoneinfo import ZoneInfo

from django.utils import timezone

from activities.calendars import activity_url
from activities.enums import RegistrationStatus
from activities.models import Registration
from core.content import translated_text
from core.services import send_templated_email


def send_place_available(*, registration: Registration) -> None:
    """Tell someone promoted from the waiting list that they now have a place."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return
    user = registration.user
    activity = registration.activity
    with timezone.override(ZoneInfo(user.timezone)):
        send_templated_email(
            template_prefix="activities/email/place_available",
            to=user.email,
            language=user.language,
            context={
                "name": user.display_name,
                "title": translated_text(activity, "title", user.language).text,
                "starts_at": activity.starts_at,
                "zone": user.timezone,
                "url": activity_url(activity, user.language),
            },
        )
