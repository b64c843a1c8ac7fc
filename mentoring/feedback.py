"""The anonymous feedback of peer mentoring.

A pair of two can never answer anonymously: whoever reads one answer knows it is the other
person's. So there is no survey per relationship. There is one standing peer-mentoring survey
(`standing_survey`), made once, whose audience is everyone whose relationship has ended
(feedback's `SurveyAudience.PEER_MENTORING`, provided here). Its answers go through the feedback
app like every survey's (sealed, batched, no link to a person, one answer per person) and are
pooled across all relationships: results appear only once the feedback app's threshold
(FEEDBACK_MIN_RESPONSES) of people answered, and never per pair, per person or per topic.
Someone with two ended relationships answers once."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core import languages
from feedback.enums import QuestionKind, SurveyAudience, SurveyKind
from feedback.models import Choice, Question, Survey
from feedback.permissions import AudienceProvider
from feedback.permissions import provide_audience as provide
from mentoring.enums import RequestState
from mentoring.models import MentoringRequest


def _ended_for(user: User) -> bool:
    return (
        user.is_authenticated
        and MentoringRequest.objects.filter(
            Q(requester=user) | Q(peer=user), state=RequestState.ENDED
        ).exists()
    )


def _people():
    ended = MentoringRequest.objects.filter(state=RequestState.ENDED)
    return User.objects.filter(
        Q(pk__in=ended.values("requester_id")) | Q(pk__in=ended.values("peer_id"))
    ).values("pk")


def provide_audience() -> None:
    provide(SurveyAudience.PEER_MENTORING, AudienceProvider(includes=_ended_for, people=_people))


def _set(instance, field: str, message: str) -> None:
    """`field` in every language (modeltranslation's `field_<code>`), from the catalogues."""
    for code in languages.codes():
        with translation.override(code):
            setattr(instance, f"{field}_{code}", _(message))


# In English, marked for the catalogues; `_set` stores each language's translation.
TITLE = gettext_noop("Peer mentoring: how was it?")
INTRODUCTION = gettext_noop(
    "Everyone whose peer mentoring has ended answers this one survey, so that nobody's answers "
    "can be told apart. Answers are anonymous and shown only together, once enough people "
    "have answered."
)
QUESTIONS = [
    (
        QuestionKind.SCALE,
        gettext_noop("How useful was the peer mentoring for your work?"),
        gettext_noop("Not useful"),
        gettext_noop("Very useful"),
        [],
    ),
    (
        QuestionKind.SINGLE,
        gettext_noop("How many times did you meet?"),
        "",
        "",
        [
            gettext_noop("Once"),
            gettext_noop("Two or three times"),
            gettext_noop("Four times or more"),
        ],
    ),
    (
        QuestionKind.SCALE,
        gettext_noop("Could you work well in the language you used (or with interpretation)?"),
        gettext_noop("Not at all"),
        gettext_noop("Very well"),
        [],
    ),
    (QuestionKind.TEXT, gettext_noop("What would make peer mentoring better?"), "", "", []),
]


@transaction.atomic
def standing_survey() -> Survey:
    """The one peer-mentoring survey, made the first time a relationship ends: open from that
    day with no closing date. Its invitations are mentoring's own (sent when a relationship
    ends), so the feedback app's opening notice and reminder are marked as done."""
    survey = (
        Survey.objects.select_for_update()
        .filter(kind=SurveyKind.SURVEY, audience=SurveyAudience.PEER_MENTORING)
        .order_by("pk")
        .first()
    )
    if survey is not None:
        return survey
    now = timezone.now()
    survey = Survey(
        kind=SurveyKind.SURVEY,
        audience=SurveyAudience.PEER_MENTORING,
        opens_on=timezone.localdate(now),
        opening_notice_sent_at=now,
        reminder_sent_at=now,
    )
    _set(survey, "title", TITLE)
    _set(survey, "introduction", INTRODUCTION)
    survey.save()
    for position, (kind, text, low, high, choices) in enumerate(QUESTIONS, start=1):
        question = Question(survey=survey, position=position, kind=kind, required=False)
        _set(question, "text", text)
        if low:
            _set(question, "scale_low_label", low)
            _set(question, "scale_high_label", high)
        question.save()
        for index, choice_text in enumerate(choices, start=1):
            choice = Choice(question=question, position=index)
            _set(choice, "text", choice_text)
            choice.save()
    return survey
