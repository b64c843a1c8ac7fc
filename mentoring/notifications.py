"""The emails of peer mentoring, registered with `notifications.registry` and built at send time
in the recipient's language: the request (to the peer, without the requester's address), the
introduction once accepted (to both, now with each other's address, unless that address's
domain would name an organisation hidden from the reader: then its owner writes first), the
kind answer when declined, and the invitation to the anonymous survey once ended. No email names
an organisation: a peer may belong to one hidden from the other."""

from core.content import TranslatedText, translated_text
from core.i18n import absolute_url_for
from core.timezones import zone_label
from mentoring import selectors
from mentoring.enums import RequestState
from mentoring.models import MentoringRequest
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from notifications.registry import Email, NotDue, register
from partners.selectors import traces_for
from people.validators import spoken_language_name


def _request(delivery: Delivery, *states: str) -> MentoringRequest:
    request = (
        MentoringRequest.objects.select_related("requester", "peer", "theme", "skill")
        .filter(pk=delivery.ref_id)
        .first()
    )
    if (
        request is None
        or request.state not in states
        or delivery.user_id not in (request.requester_id, request.peer_id)
    ):
        raise NotDue(DeliveryStatus.CANCELLED)
    return request


def _written(text: str, written_in: str, language: str) -> TranslatedText:
    return TranslatedText(text, written_in or language, bool(written_in) and written_in != language)


def _common(request: MentoringRequest, delivery: Delivery, language: str) -> dict:
    other = request.other(delivery.user)
    topic = translated_text(request.topic, "name", language).text
    return {
        "other_name": other.display_name,
        "topic": topic,
        "spoken": spoken_language_name(request.language) if request.language else "",
        "url": absolute_url_for("mentoring:request", language, pk=request.pk),
    }


@register(Kind.MENTORING_REQUEST)
def mentoring_request(delivery: Delivery, language: str) -> Email:
    request = _request(delivery, RequestState.REQUESTED)
    if delivery.user_id != request.peer_id:
        raise NotDue(DeliveryStatus.CANCELLED)
    message = _written(request.message, request.message_language, language)
    return Email(
        "notifications/email/mentoring_request",
        {
            **_common(request, delivery, language),
            "message": message.text,
            "message_notice": message.notice if message.is_fallback and message.text else "",
            "interpretation": request.interpretation_ok,
        },
    )


@register(Kind.MENTORING_ACCEPTED)
def mentoring_accepted(delivery: Delivery, language: str) -> Email:
    request = _request(delivery, RequestState.ACCEPTED, RequestState.ENDED)
    me, other = delivery.user, request.other(delivery.user)
    return Email(
        "notifications/email/mentoring_accepted",
        {
            **_common(request, delivery, language),
            # An address may name an organisation hidden from the reader (its domain): then it
            # is not given, and its owner writes first, from the address they choose.
            "other_email": other.email if traces_for(me).shows_person(other) else "",
            "i_write_first": not traces_for(other).shows_person(me),
            "is_requester": delivery.user_id == request.requester_id,
            "interpretation": request.interpretation_ok,
            # Planned with the acceptance (the portal's form always does): when, in the
            # reader's zone (render() sets it), named.
            "first_session": _first_session(request),
            "zone": zone_label(me.timezone),
        },
    )


def _first_session(request: MentoringRequest):
    """The first session still to happen of the relationship, as its activity, or None."""
    return next(
        (
            session.activity
            for session in selectors.sessions_of(relationship=request)
            if not session.activity.is_cancelled
        ),
        None,
    )


@register(Kind.MENTORING_DECLINED)
def mentoring_declined(delivery: Delivery, language: str) -> Email:
    request = _request(delivery, RequestState.DECLINED)
    note = _written(request.decline_note, request.decline_note_language, language)
    return Email(
        "notifications/email/mentoring_declined",
        {
            **_common(request, delivery, language),
            "note": note.text,
            "note_notice": note.notice if note.is_fallback and note.text else "",
            "people_url": absolute_url_for("mentoring:ask", language),
        },
    )


@register(Kind.MENTORING_ENDED)
def mentoring_ended(delivery: Delivery, language: str) -> Email:
    from mentoring.feedback import standing_survey

    request = _request(delivery, RequestState.ENDED)
    survey = standing_survey()
    return Email(
        "notifications/email/mentoring_ended",
        {
            **_common(request, delivery, language),
            "ended_by_other": request.ended_by_id not in (None, delivery.user_id),
            "survey_url": absolute_url_for("feedback:answer", language, pk=survey.pk),
        },
    )
