"""Emails of the Working Group flow, each in the recipient's language. Staff-only notes are
never part of them."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from core.content import translated_text
from core.services import send_templated_email
from workinggroup.enums import MeetingState
from workinggroup.models import Meeting, ModerationLog


def _url(name: str, pk: int, language: str) -> str:
    with translation.override(language):
        path = reverse(name, kwargs={"pk": pk})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _state_label(entry: ModerationLog, language: str) -> str:
    with translation.override(language):
        return str(entry.get_to_state_display())


def notify_proposer(*, entry: ModerationLog) -> None:
    item = entry.item
    proposer = item.proposer
    if proposer is None or not proposer.is_active:
        return
    language = proposer.language
    send_templated_email(
        template_prefix="workinggroup/email/item_state",
        to=proposer.email,
        language=language,
        context={
            "name": proposer.display_name,
            "title": translated_text(item, "title", language).text,
            "state": _state_label(entry, language),
            "message": entry.message,
            "url": _url("workinggroup:item", item.pk, language),
            "activity_url": item.activity_id
            and _url("activities:detail", item.activity_id, language),
        },
    )


def notify_supporters(*, entry: ModerationLog) -> None:
    item = entry.item
    supporters = User.objects.filter(
        pk__in=item.supports.values("user_id"), is_active=True
    ).exclude(pk=item.proposer_id)
    for person in supporters:
        send_templated_email(
            template_prefix="workinggroup/email/recommendation_decided",
            to=person.email,
            language=person.language,
            context={
                "name": person.display_name,
                "title": translated_text(item, "title", person.language).text,
                "state": _state_label(entry, person.language),
                "message": entry.message,
                "url": _url("workinggroup:item", item.pk, person.language),
            },
        )


def notify_agenda_published(*, meeting: Meeting) -> None:
    if meeting.state != MeetingState.PUBLISHED:
        return
    members = User.objects.filter(is_working_group_member=True, is_active=True)
    for person in members:
        with timezone.override(ZoneInfo(person.timezone)):
            send_templated_email(
                template_prefix="workinggroup/email/agenda_published",
                to=person.email,
                language=person.language,
                context={
                    "name": person.display_name,
                    "starts_at": meeting.starts_at,
                    "zone": person.timezone,
                    "url": _url("workinggroup:meeting", meeting.pk, person.language),
                },
            )
