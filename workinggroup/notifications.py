"""The emails notifications sends about the Working Group: a proposal's new state, a
recommendation decided, an agenda published, a decision opened, its reminder and its result.
Registered with `notifications.registry`."""

from django.utils import translation

from core.content import translated_text
from core.i18n import absolute_url_for
from core.timezones import zone_label
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from notifications.registry import Email, NotDue, register
from workinggroup.enums import FollowUpStatus
from workinggroup.models import DecisionRound, FollowUp, Meeting, ModerationLog, Position


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


# --- Decisions of the Working Group (each member, in their language and time zone) ----------


def _decision(delivery: Delivery, language: str) -> tuple[DecisionRound, dict]:
    decision_round = DecisionRound.objects.select_related("item").filter(pk=delivery.ref_id).first()
    if decision_round is None:
        raise NotDue(DeliveryStatus.CANCELLED)
    title = translated_text(decision_round.item, "title", language)
    return decision_round, {
        "title": title.text,
        "title_notice": title.notice if title.is_fallback else "",
        "method": decision_round.get_method_display(),
        "is_consent": decision_round.is_consent,
        "quorum": decision_round.quorum,
        "closes_at": decision_round.closes_at,
        "zone": zone_label(delivery.user.timezone),
        "url": absolute_url_for("workinggroup:item", language, pk=decision_round.item_id),
    }


@register(Kind.DECISION_OPENED)
def decision_opened(delivery: Delivery, language: str) -> Email:
    decision_round, context = _decision(delivery, language)
    if not decision_round.is_open:
        raise NotDue(DeliveryStatus.CANCELLED)
    return Email("notifications/email/decision_opened", context)


@register(Kind.DECISION_REMINDER)
def decision_reminder(delivery: Delivery, language: str) -> Email:
    """Once, a day before the deadline, only if the decision is open and the member has not
    taken a position."""
    decision_round, context = _decision(delivery, language)
    answered = Position.objects.filter(
        decision_round=decision_round, member=delivery.user_id
    ).exists()
    if not decision_round.is_open or answered:
        raise NotDue(DeliveryStatus.CANCELLED)
    return Email("notifications/email/decision_reminder", context)


@register(Kind.DECISION_RESULT)
def decision_result(delivery: Delivery, language: str) -> Email:
    decision_round, context = _decision(delivery, language)
    with translation.override(language):
        outcome = str(decision_round.get_outcome_display())
    return Email(
        "notifications/email/decision_result",
        {
            **context,
            "outcome": outcome,
            "took_part": decision_round.took_part,
            "counted": decision_round.members_counted,
        },
    )
