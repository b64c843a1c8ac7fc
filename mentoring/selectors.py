"""Reads about peer mentoring that depend on who is asking.

Who may be suggested is never decided here: suggestions start from
`people.selectors.profiles_visible_to(viewer=...)` (the one rule of who sees whom, with the
hidden-organisation opt-in), without the viewer. Nothing here names an organisation."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import User
from activities.enums import ActivityStatus
from activities.models import Activity
from core import languages
from mentoring.enums import Reason, RequestState
from mentoring.models import MentoringRequest, MentoringSession
from partners.enums import Region
from partners.models import FocusArea
from people.enums import LanguageLevel
from people.models import Profile, ProfileLanguage, Skill
from people.selectors import profiles_visible_to
from people.validators import spoken_language_name

# How many people a suggestion list shows at most.
SUGGESTIONS_SHOWN = 12
# Strong levels count a little more in the ranking.
STRONG_LEVELS = (LanguageLevel.FLUENT, LanguageLevel.FIRST)


@dataclass
class Topic:
    theme: FocusArea | None = None
    skill: Skill | None = None

    def __bool__(self) -> bool:
        return bool(self.theme or self.skill)


@dataclass
class SuggestedPeer:
    profile: Profile
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (label, detail)
    languages: list[str] = field(default_factory=list)  # shared language codes
    score: int = 0
    already_asked: bool = False

    @property
    def user(self) -> User:
        return self.profile.user


def own_languages(user: User) -> dict[str, str]:
    """The languages `user` speaks (code -> level), from their profile; without one, the
    language they read the portal in."""
    spoken = dict(ProfileLanguage.objects.filter(profile__user=user).values_list("code", "level"))
    return spoken or {user.language or settings.LANGUAGE_CODE: LanguageLevel.FLUENT}


def own_region(user: User) -> str:
    return Profile.objects.filter(user=user).values_list("region", flat=True).first() or ""


def offering(*, viewer: User, topic: Topic) -> QuerySet[Profile]:
    """The profiles `viewer` may see (never their own) of people who offer the topic's skill
    or work on its theme."""
    offers = Q()
    if topic.skill is not None:
        offers |= Q(
            Exists(
                Profile.skills_offered.through.objects.filter(
                    profile=OuterRef("pk"), skill=topic.skill
                )
            )
        )
    if topic.theme is not None:
        offers |= Q(
            Exists(
                Profile.themes.through.objects.filter(profile=OuterRef("pk"), focusarea=topic.theme)
            )
        )
    return profiles_visible_to(viewer=viewer).exclude(user=viewer).filter(offers)


def _hosted_on(topic: Topic):
    """How many listed activities the person hosted on the topic's theme (a count)."""
    hosted = Activity.objects.filter(
        host_people=OuterRef("user"), status__in=ActivityStatus.LISTED
    ).exclude(audience="private")
    if topic.theme is not None:
        hosted = hosted.filter(focus_areas=topic.theme)
    return Coalesce(
        Subquery(
            hosted.order_by().values("host_people").annotate(total=Count("pk")).values("total")
        ),
        0,
    )


def suggestions(
    *, viewer: User, topic: Topic, interpretation_ok: bool = False
) -> list[SuggestedPeer]:
    """Peers who offer the topic, ranked, each with why they are suggested: the skill or theme,
    the languages shared with `viewer` (and their levels), their region beside the viewer's,
    and experience (activities they hosted on the theme, mentoring they accepted before).
    Without a shared language a peer is suggested only when `interpretation_ok`. A fixed
    number of queries, whatever the number of people."""
    if not topic:
        return []
    mine = own_languages(viewer)
    region = own_region(viewer)
    profiles = offering(viewer=viewer, topic=topic)
    if not interpretation_ok:
        profiles = profiles.filter(
            Exists(ProfileLanguage.objects.filter(profile=OuterRef("pk"), code__in=list(mine)))
        )
    mentored = (
        MentoringRequest.objects.filter(peer=OuterRef("user"), state__in=RequestState.MATCHED)
        .order_by()
        .values("peer")
        .annotate(total=Count("pk"))
        .values("total")
    )
    profiles = (
        profiles.annotate(
            hosted=_hosted_on(topic),
            mentored=Coalesce(Subquery(mentored), 0),
            already_asked=Exists(
                MentoringRequest.objects.filter(
                    requester=viewer, peer=OuterRef("user"), state=RequestState.REQUESTED
                )
            ),
        )
        .select_related("user")
        .prefetch_related(
            Prefetch("languages", queryset=ProfileLanguage.objects.order_by("pk")),
            Prefetch("themes", queryset=FocusArea.objects.only("pk")),
            Prefetch("skills_offered", queryset=Skill.objects.only("pk")),
        )
        .order_by("user__display_name", "pk")
    )
    found = [_explain(profile, topic, mine, region) for profile in profiles[:200]]
    found.sort(key=lambda peer: (-peer.score, peer.user.display_name.casefold(), peer.user.pk))
    return found[:SUGGESTIONS_SHOWN]


def _explain(profile: Profile, topic: Topic, mine: dict, region: str) -> SuggestedPeer:
    peer = SuggestedPeer(profile=profile, already_asked=profile.already_asked)
    if topic.skill is not None and topic.skill.pk in {s.pk for s in profile.skills_offered.all()}:
        peer.reasons.append((str(Reason.SKILL.label), topic.skill.name))
        peer.score += 3
    if topic.theme is not None and topic.theme.pk in {t.pk for t in profile.themes.all()}:
        peer.reasons.append((str(Reason.THEME.label), topic.theme.name))
        peer.score += 2
    levels = {language.code: language for language in profile.languages.all()}
    shared = [code for code in mine if code in levels]
    if shared:
        peer.languages = shared
        details = [
            f"{spoken_language_name(code)} ({levels[code].get_level_display()})" for code in shared
        ]
        peer.reasons.append((str(Reason.LANGUAGE.label), ", ".join(details)))
        peer.score += 3 + any(levels[code].level in STRONG_LEVELS for code in shared)
    else:
        peer.reasons.append((str(Reason.INTERPRETATION.label), ""))
    if profile.region and region:
        same = profile.region == region
        reason = Reason.SAME_REGION if same else Reason.OTHER_REGION
        peer.reasons.append((str(reason.label), str(Region(profile.region).label)))
        peer.score += 1 if same else 0
    if profile.hosted:
        peer.reasons.append((str(Reason.HOSTED.label), str(profile.hosted)))
        peer.score += min(profile.hosted, 3)
    if profile.mentored:
        peer.reasons.append((str(Reason.MENTORED.label), str(profile.mentored)))
        peer.score += min(profile.mentored, 2)
    return peer


def shared_languages(first: User, second: User) -> list[str]:
    """The languages both speak, in the order of `first`'s profile."""
    theirs = own_languages(second)
    return [code for code in own_languages(first) if code in theirs]


def portal_language(user: User) -> str:
    """The portal language `user` reads in (the default one when theirs is not offered)."""
    return user.language if user.language in languages.codes() else settings.LANGUAGE_CODE


def likely_language(*, writer: User, reader: User) -> str:
    """The portal language `writer` most likely writes to `reader` in, offered first on their
    forms: the first language the two share that the portal has, else the writer's own."""
    shared = shared_languages(writer, reader)
    return next((code for code in shared if code in languages.codes()), portal_language(writer))


def may_ask(*, viewer: User, peer: User, topic: Topic) -> bool:
    """`peer` is someone `viewer` may see who offers the topic: whom a request may go to."""
    return offering(viewer=viewer, topic=topic).filter(user=peer).exists()


# --- Requests and relationships: the two people's alone -----------------------------------------


def _requests() -> QuerySet[MentoringRequest]:
    return MentoringRequest.objects.select_related("requester", "peer", "theme", "skill")


def request_for_page(*, user: User, pk: int) -> MentoringRequest:
    """The request `pk` if `user` is one of its two people; else 404 (the team too: they see
    figures only)."""
    if not user.is_authenticated:
        raise Http404("No request here.")
    found = _requests().filter(Q(requester=user) | Q(peer=user), pk=pk).first()
    if found is None:
        raise Http404("No request here.")
    return found


def my_requests(*, user: User) -> dict[str, list[MentoringRequest]]:
    """The person's requests and relationships, in three groups: waiting for their answer,
    their relationships under way, and the rest (sent and waiting, answered, ended)."""
    if not user.is_authenticated:
        return {"to_answer": [], "active": [], "others": []}
    rows = list(_requests().filter(Q(requester=user) | Q(peer=user))[:200])
    return {
        "to_answer": [r for r in rows if r.is_open and r.peer_id == user.pk],
        "active": [r for r in rows if r.is_active],
        "others": [r for r in rows if not r.is_active and not (r.is_open and r.peer_id == user.pk)],
    }


def counts_for_home(*, user: User) -> dict[str, int]:
    """For the home page and My Lab: requests waiting for the person's answer, and their
    relationships under way (one query)."""
    if not user.is_authenticated:
        return {"to_answer": 0, "active": 0}
    counts = MentoringRequest.objects.filter(Q(requester=user) | Q(peer=user)).aggregate(
        to_answer=Count("pk", filter=Q(peer=user, state=RequestState.REQUESTED)),
        active=Count("pk", filter=Q(state=RequestState.ACCEPTED)),
    )
    return counts


def sessions_of(*, relationship: MentoringRequest) -> list[MentoringSession]:
    return list(
        relationship.sessions.select_related("activity").order_by("activity__starts_at", "pk")
    )


def has_open_request(*, requester: User, peer: User) -> bool:
    return MentoringRequest.objects.filter(
        requester=requester, peer=peer, state=RequestState.REQUESTED
    ).exists()


# --- The team's figures: counts only ----------------------------------------------------------


@dataclass
class FigureRow:
    label: str
    requests: int | None = 0
    matches: int | None = 0
    declines: int | None = 0
    sessions: int | None = 0
    endings: int | None = 0

    COUNTS = ("requests", "matches", "declines", "sessions", "endings")

    @property
    def values(self) -> list[int | None]:
        return [getattr(self, name) for name in self.COUNTS]

    def suppressed(self, threshold: int) -> "FigureRow":
        """The row with every count from 1 to threshold - 1 replaced by None ("fewer than"),
        as the feedback app hides small numbers: a figure of one or two could point at a
        person."""
        for name in self.COUNTS:
            value = getattr(self, name)
            if value and value < threshold:
                setattr(self, name, None)
        return self


@dataclass
class Figures:
    threshold: int
    total: FigureRow
    by_topic: list[FigureRow]
    by_language: list[FigureRow]


def _count_rows(key_fields: tuple[str, ...]) -> dict[tuple, dict[str, int]]:
    states = (
        MentoringRequest.objects.order_by()
        .values_list(*key_fields)
        .annotate(
            requests=Count("pk"),
            matches=Count("pk", filter=Q(state__in=RequestState.MATCHED)),
            declines=Count("pk", filter=Q(state=RequestState.DECLINED)),
            endings=Count("pk", filter=Q(state=RequestState.ENDED)),
        )
    )
    rows = {}
    for values in states:
        key = tuple(values[: len(key_fields)])
        rows[key] = dict(
            zip(("requests", "matches", "declines", "endings"), values[-4:], strict=True)
        )
    sessions = (
        MentoringSession.objects.order_by()
        .values_list(*(f"relationship__{field}" for field in key_fields))
        .annotate(total=Count("pk"))
    )
    for values in sessions:
        key = tuple(values[: len(key_fields)])
        rows.setdefault(key, {"requests": 0, "matches": 0, "declines": 0, "endings": 0})
        rows[key]["sessions"] = values[-1]
    return rows


def figures() -> Figures:
    """How many requests, matches (accepted, whether ended since or not), declines, sessions
    and endings, in all, by topic (skill or theme) and by the language the two share ("with
    interpretation" when none). Counts only: never a name, a message or a note; counts below
    the feedback app's threshold (FEEDBACK_MIN_RESPONSES) are shown as "fewer than". Six
    queries, whatever the numbers."""
    threshold = settings.FEEDBACK_MIN_RESPONSES
    skills = {s.pk: s.name for s in Skill.objects.all()}
    themes = {t.pk: t.name for t in FocusArea.objects.all()}
    by_topic = []
    total = FigureRow(label="")
    for (skill_id, theme_id), counts in sorted(
        _count_rows(("skill_id", "theme_id")).items(), key=str
    ):
        label = skills.get(skill_id) or themes.get(theme_id) or ""
        row = FigureRow(label=label, **{"sessions": 0, **counts})
        by_topic.append(row)
        for name in FigureRow.COUNTS:
            setattr(total, name, getattr(total, name) + getattr(row, name))
    by_language = [
        FigureRow(
            label=spoken_language_name(code) if code else str(Reason.INTERPRETATION.label),
            **{"sessions": 0, **counts},
        )
        for (code,), counts in _count_rows(("language",)).items()
    ]
    by_topic.sort(key=lambda row: (-row.requests, row.label))
    by_language.sort(key=lambda row: (-row.requests, row.label))
    return Figures(
        threshold=threshold,
        total=total.suppressed(threshold),
        by_topic=[row.suppressed(threshold) for row in by_topic],
        by_language=[row.suppressed(threshold) for row in by_language],
    )
