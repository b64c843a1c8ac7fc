"""Every email in en, es and fr, with the characters that HTML escaping changes (`'`, `&`, `"`,
`<`) in titles, names and staff messages: the subject and the text part show them as written,
the HTML part escapes them exactly once and says the recipient's language."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.html import escape

from accounts.services import issue_invitation
from core.content import WRITTEN_IN
from notifications import services
from notifications.models import Delivery
from notifications.registry import registered_kinds
from tests.factories import (
    ActivityFactory,
    ItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    RegistrationFactory,
    SurveyFactory,
    UserFactory,
)
from workinggroup.enums import Action, FollowUpStatus, ItemState
from workinggroup.models import FollowUp, ModerationLog

LANGUAGES = ["en", "es", "fr"]
NAME = 'Zoë O\'Brien & "Zed" <Co>'
TITLE = 'West Africa partners\' convening & "plans" <2027>'
PLACE = "Salle l'Étoile & <annexe>"
REASON = 'L\'équipe & le "budget" <ne suffisent pas>'
MESSAGE = 'Merci d\'avoir écrit & "bravo" <à suivre>'
# What HTML escaping twice (or escaping an escape) would leave behind.
DOUBLE_ESCAPES = ("&amp;amp;", "&amp;#x27;", "&amp;#39;", "&amp;quot;", "&amp;lt;", "&amp;gt;")
ESCAPES = ("&amp;", "&#x27;", "&#39;", "&quot;", "&lt;", "&gt;")


def _person(language):
    return MembershipFactory(user=UserFactory(display_name=NAME, language=language)).user


def _activity(**kwargs):
    return ActivityFactory(title_en=TITLE, place=PLACE, format="hybrid", **kwargs)


def _registered(kind, user, **activity_kwargs):
    registration = RegistrationFactory(activity=_activity(**activity_kwargs), user=user)
    return {"activity": registration.activity, "registration": registration}, [TITLE]


def _reminder(kind, user):
    return _registered(kind, user)


def _host_reminder(kind, user):
    activity = _activity()
    activity.host_people.add(user)
    return {"activity": activity}, [TITLE]


def _written_in_french(user):
    """The note under a text written in French only, for a reader of another language."""
    if user.language == "fr":
        return []
    with translation.override(user.language):
        return [str(WRITTEN_IN["fr"])]


def _cancelled(kind, user):
    # Written in French only: everyone gets it, the others with "Originally written in French."
    fields, subject = _registered(kind, user, status="cancelled", cancellation_reason_fr=REASON)
    return fields, subject, [REASON, *_written_in_french(user)]


def _moderation(kind, user):
    item = ItemFactory(title_en=TITLE, proposer=user)
    entry = ModerationLog.objects.create(
        item=item,
        actor=UserFactory(),
        action=Action.APPROVE,
        from_state=ItemState.SUBMITTED,
        to_state=ItemState.APPROVED,
        message_fr=MESSAGE,
    )
    # The recommendation's subject names only its new state.
    subject = [] if kind == "recommendation_decided" else [TITLE]
    return {"ref_id": entry.pk}, subject, [TITLE, MESSAGE, *_written_in_french(user)]


def _follow_up(kind, user):
    item = ItemFactory(title_en=TITLE, proposer=user, state=ItemState.APPROVED)
    follow_up = FollowUp.objects.create(
        item=item, description_fr=MESSAGE, owner=TITLE, status=FollowUpStatus.DONE
    )
    return {"ref_id": follow_up.pk}, [TITLE], [TITLE, MESSAGE, *_written_in_french(user)]


def _agenda(kind, user):
    return {"ref_id": MeetingFactory().pk}, []


def _survey(kind, user):
    return {"ref_id": SurveyFactory(title_en=TITLE).pk}, [TITLE]


# --- Partner-led activities (issue 16): to the hosts, the team's words written in French.


def _hosted(user):
    activity = _activity()
    activity.host_people.add(user)
    return activity


def _activity_log(kind, user):
    from activities.models import ActivityLog

    activity = _hosted(user)
    entry = ActivityLog.objects.create(
        activity=activity, action="held_back", actor=UserFactory(), reason=MESSAGE, language="fr"
    )
    return (
        {"activity": activity, "ref_id": entry.pk},
        [TITLE],
        [TITLE, MESSAGE, *_written_in_french(user)],
    )


def _support_answered(kind, user):
    from activities.models import SupportRequest

    activity = _hosted(user)
    support = SupportRequest.objects.create(
        activity=activity, kind="budget", state="declined", note=MESSAGE, note_language="fr"
    )
    return (
        {"activity": activity, "ref_id": support.pk},
        [TITLE],
        [TITLE, MESSAGE, *_written_in_french(user)],
    )


def _suggestion(kind, user):
    from activities.models import Suggestion

    activity = _hosted(user)
    suggestion = Suggestion.objects.create(activity=activity, text=MESSAGE, language="fr")
    return (
        {"activity": activity, "ref_id": suggestion.pk},
        [TITLE],
        [TITLE, MESSAGE, *_written_in_french(user)],
    )


# --- The Working Group decides (issue 16) ---


def _decision(kind, user):
    from workinggroup.models import DecisionRound

    item = ItemFactory(title_en=TITLE, state=ItemState.IN_DECISION)
    now = timezone.now()
    closed = {"closed_at": now, "outcome": "objected", "took_part": 1}
    decision_round = DecisionRound.objects.create(
        item=item,
        method="consent",
        opened_by=UserFactory(),
        closes_at=now + datetime.timedelta(days=2),
        members_counted=3,
        **(closed if kind == "decision_result" else {}),
    )
    return {"ref_id": decision_round.pk}, [TITLE]


# --- Partner stories (issue 17) ---


def _story(user, **kwargs):
    from stories.models import Story

    story = Story.objects.create(
        title_en=TITLE,
        body_en=MESSAGE,
        original_language="en",
        organisation=user.memberships.first().organisation,
        **kwargs,
    )
    story.authors.add(user)
    return story


def _story_suggestion(kind, user):
    from stories.models import StorySuggestion

    story = _story(user)
    suggestion = StorySuggestion.objects.create(
        story=story, written_by=UserFactory(is_staff=True), language="fr", text=MESSAGE
    )
    return {"ref_id": suggestion.pk}, [TITLE], [TITLE, MESSAGE, *_written_in_french(user)]


def _story_published(kind, user):
    story = _story(user, state="published", published_at=timezone.now())
    return {"ref_id": story.pk}, [TITLE]


# --- Peer mentoring (issue 18) ---


def _mentoring(kind, user, **kwargs):
    from tests.factories import MentoringRequestFactory, SkillFactory

    other = MembershipFactory(user=UserFactory(display_name=NAME)).user
    skill = SkillFactory(name_en=TITLE)
    if kind == "mentoring_request":
        return MentoringRequestFactory(requester=other, peer=user, skill=skill, message=MESSAGE)
    state = {"mentoring_accepted": "accepted", "mentoring_declined": "declined"}.get(kind, "ended")
    return MentoringRequestFactory(
        requester=user,
        peer=other,
        skill=skill,
        state=state,
        decline_note=MESSAGE,
        decline_note_language="fr",
        message_language="fr",
    )


def _mentoring_request(kind, user):
    request = _mentoring(kind, user)
    request.message_language = "fr"
    request.save()
    return {"ref_id": request.pk}, [TITLE], [TITLE, MESSAGE, *_written_in_french(user)]


def _mentoring_answer(kind, user):
    request = _mentoring(kind, user)
    extra = [MESSAGE, *_written_in_french(user)] if kind == "mentoring_declined" else []
    return (
        {"ref_id": request.pk},
        [TITLE] if kind != "mentoring_accepted" else [NAME],
        [
            TITLE,
            *extra,
        ],
    )


def _mentoring_ended(kind, user):
    request = _mentoring(kind, user)
    return {"ref_id": request.pk}, [NAME], [TITLE]


# One way to make a due email of each kind, and the hostile texts its subject and body carry.
# A new kind without an entry here fails the test below: add it.
SETUPS = {
    "reminder": _reminder,
    "host_reminder": _host_reminder,
    "activity_changed": _reminder,
    "activity_cancelled": _cancelled,
    "place_available": _reminder,
    "proposal_update": _moderation,
    "recommendation_decided": _moderation,
    "agenda_published": _agenda,
    "follow_up_done": _follow_up,
    "survey_open": _survey,
    "survey_reminder": _survey,
    # Partner-led activities (issue 16)
    "activity_held_back": _activity_log,
    "activity_released": _activity_log,
    "support_answered": _support_answered,
    "suggestion_received": _suggestion,
    "decision_opened": _decision,
    "decision_reminder": _decision,
    "decision_result": _decision,
    # Partner stories (issue 17)
    "story_suggestion": _story_suggestion,
    "story_published": _story_published,
    # Peer mentoring (issue 18)
    "mentoring_request": _mentoring_request,
    "mentoring_accepted": _mentoring_answer,
    "mentoring_declined": _mentoring_answer,
    "mentoring_ended": _mentoring_ended,
}


def _html_part(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def _check(*, subject, text, html, language, in_subject, in_body):
    for value in in_subject:
        assert value in subject, (value, subject)
    for value in in_body:
        assert value in text, (value, text)
        assert escape(value) in html, (value, html)
    for escaped in ESCAPES:
        assert escaped not in subject, subject
        assert escaped not in text, text
    for twice in DOUBLE_ESCAPES:
        assert twice not in html, html
    for raw in (*in_subject, *in_body):
        # People's words never reach the HTML unescaped.
        assert raw not in html or raw == escape(raw), (raw, html)
    assert re.search(rf'<html lang="{language}">', html), html[:200]


def test_every_kind_of_notification_has_a_hostile_text_setup():
    assert registered_kinds() <= set(SETUPS), registered_kinds() - set(SETUPS)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(SETUPS))
def test_notification_shows_text_as_written_and_escapes_html_once(kind, language):
    user = _person(language)
    fields, in_subject, *extra = SETUPS[kind](kind, user)
    in_body = [NAME, *in_subject, *(extra[0] if extra else [])]
    if kind in ("reminder", "activity_changed", "place_available", "host_reminder"):
        in_body = [*in_body, TITLE]
    if kind in ("reminder", "activity_changed"):
        in_body = [*in_body, PLACE]
    delivery = Delivery.objects.create(
        key=f"hostile-{kind}-{language}",
        kind=kind,
        user=user,
        due_at=timezone.now() - datetime.timedelta(minutes=1),
        **fields,
    )

    message = services.render(delivery)

    _check(
        subject=message.subject,
        text=message.body,
        html=_html_part(message),
        language=language,
        in_subject=in_subject,
        in_body=in_body,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_invitation_shows_names_as_written(language, django_capture_on_commit_callbacks):
    inviter = UserFactory(display_name=NAME)
    organisation = OrganisationFactory(name=TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        issue_invitation(
            email="new@example.org",
            invited_by=inviter,
            language=language,
            email_context={"organisation": organisation.name},
        )

    message = mail.outbox[-1]
    assert TITLE in message.subject
    assert NAME in message.body
    assert TITLE in message.body
    for escaped in ESCAPES:
        assert escaped not in message.subject
        assert escaped not in message.body
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            assert escape(NAME) in content
            assert not any(twice in content for twice in DOUBLE_ESCAPES)
            assert f'<html lang="{language}">' in content
