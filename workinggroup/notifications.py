"""The emails notifications sends about the Working Group: a proposal's new state, a
recommendation decided, an agenda published. Registered with `notifications.registry`."""

from django.utils import translation

from core.content import translated_text
from core.i18n import absolute_url_for
from core.timezones import zone_label
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from notifications.registry import Email, NotDue, register
from workinggroup.enums import FollowUpStatus
from workinggroup.models import FollowUp, Meeting, ModerationLog


@register(Kind.PROPOSAL_UPDATE)
def proposal_update(delivery: Delivery, language: str) -> Email:
    entry = ModerationLog.objects.select_related("item").filter(pk=delivery.ref_id).first()
    if entry is None:
        raise NotDue(DeliveryStatus.CANCELLED)
    item = entry.item
    with translation.override(language):
        state = str(entry.get_to_state_display())
    title = translated_text(item, "title", language)
    message = translated_text(entry, "message", language)
    return Email(
        "notifications/email/proposal_update",
        {
            "title": title.text,
            "title_notice": title.notice if title.is_fallback else "",
            "state": state,
            "message": message.text,
            "message_notice": message.notice if message.is_fallback else "",
            "url": absolute_url_for("workinggroup:item", language, pk=item.pk),
            "activity_url": item.activity_id
            and absolute_url_for("activities:detail", language, pk=item.activity_id),
        },
    )


@register(Kind.RECOMMENDATION_DECIDED)
def recommendation_decided(delivery: Delivery, language: str) -> Email:
    email = proposal_update(delivery, language)
    email.template = "notifications/email/recommendation_decided"
    return email


@register(Kind.AGENDA_PUBLISHED)
def agenda_published(delivery: Delivery, language: str) -> Email:
    meeting = Meeting.objects.filter(pk=delivery.ref_id).first()
    if meeting is None:
        raise NotDue(DeliveryStatus.CANCELLED)
    return Email(
        "notifications/email/agenda_published",
        {
            "starts_at": meeting.starts_at,
            "zone": zone_label(delivery.user.timezone),
            "url": absolute_url_for("workinggroup:meeting", language, pk=meeting.pk),
        },
    )


@register(Kind.FOLLOW_UP_DONE)
def follow_up_done(delivery: Delivery, language: str) -> Email:
    follow_up = FollowUp.objects.select_related("item").filter(pk=delivery.ref_id).first()
    if follow_up is None or follow_up.status != FollowUpStatus.DONE:
        raise NotDue(DeliveryStatus.CANCELLED)
    title = translated_text(follow_up.item, "title", language)
    action = translated_text(follow_up, "description", language)
    return Email(
        "notifications/email/follow_up_done",
        {
            "title": title.text,
            "title_notice": title.notice if title.is_fallback else "",
            "action": action.text,
            "action_notice": action.notice if action.is_fallback else "",
            "owner": follow_up.owner,
            "url": absolute_url_for("workinggroup:item", language, pk=follow_up.item_id),
        },
    )
