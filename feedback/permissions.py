"""Who may answer, manage and read which survey: the one place these rules live.

Each `can_...` answers a question for a page; each `ensure_...` refuses with `FeedbackNotAllowed`
(403) and the one message that says why, for views (on GET) and services alike."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff
from activities.enums import RegistrationStatus
from activities.models import Registration
from activities.permissions import can_manage_activity
from feedback.enums import SurveyAudience, SurveyKind
from feedback.exceptions import FeedbackNotAllowed
from feedback.models import Survey
from partners.models import Membership
from partners.permissions import is_community_member


def _confirmed_activity_ids(user: User, activity_ids) -> set[int]:
    return set(
        Registration.objects.filter(
            activity_id__in=activity_ids, user=user, status=RegistrationStatus.CONFIRMED
        ).values_list("activity_id", flat=True)
    )


@dataclass(frozen=True)
class AudienceProvider:
    """Who an audience defined by an app above this one holds (peer mentoring: everyone whose
    relationship ended). That app provides it in its AppConfig.ready (dependencies point
    down): `includes(user)` for one person, `people()` for the whole audience."""

    includes: Callable[[User], bool]
    people: Callable[[], QuerySet]


_providers: dict[str, AudienceProvider] = {}


def provide_audience(audience: str, provider: AudienceProvider) -> None:
    _providers[audience] = provider


def provided_audience(audience: str) -> AudienceProvider | None:
    return _providers.get(audience)


def surveys_in_audience(user: User, surveys) -> list[Survey]:
    """The surveys among `surveys` that are meant for `user`, in at most three queries whatever
    their number: the one audience rule, for a list of surveys."""
    surveys = list(surveys)
    if not (user.is_authenticated and user.is_active) or not surveys:
        return []
    is_partner = Membership.objects.filter(user=user).exists()
    registered = _confirmed_activity_ids(
        user, {s.activity_id for s in surveys if s.audience == SurveyAudience.ACTIVITY}
    )
    in_box = any(s.kind == SurveyKind.BOX for s in surveys) and is_community_member(user)

    def meant_for(survey: Survey) -> bool:
        if survey.kind == SurveyKind.BOX:
            return in_box
        if survey.kind != SurveyKind.SURVEY:
            return False
        if survey.audience == SurveyAudience.WORKING_GROUP:
            return bool(user.is_working_group_member)
        if survey.audience == SurveyAudience.ACTIVITY:
            return survey.activity_id in registered
        if survey.audience in _providers:
            return _providers[survey.audience].includes(user)
        if survey.audience == SurveyAudience.PEER_MENTORING:
            return False
        return is_partner

    return [survey for survey in surveys if meant_for(survey)]


def is_in_audience(user: User, survey: Survey) -> bool:
    return bool(surveys_in_audience(user, [survey]))


def can_manage_surveys(user: User) -> bool:
    return is_staff(user)


def can_see_results(user: User, survey: Survey) -> bool:
    """Staff; and the hosts of the activity an after-activity survey is about."""
    if is_staff(user):
        return True
    return survey.activity_id is not None and can_manage_activity(user, survey.activity)


def can_see_waiting(user: User) -> bool:
    """How many answers wait, sealed, to be published: the team only. Not the hosts, who see
    their activity's results: the count moves with each arrival, and a host who knows who took
    part could read it as "who answered when"; the team needs it to know the box is not silent
    (docs/anonymity.md)."""
    return can_manage_surveys(user)


def can_attach_survey(user: User, activity) -> bool:
    return can_manage_activity(user, activity)


# --- Refusals ---------------------------------------------------------------------------------


def ensure_in_audience(user: User, survey: Survey) -> None:
    if not is_in_audience(user, survey):
        raise FeedbackNotAllowed(_("This survey is not meant for you."))


def ensure_can_manage_surveys(user: User) -> None:
    if not can_manage_surveys(user):
        raise FeedbackNotAllowed(_("Only the Learning Lab team manages surveys."))


def ensure_can_see_results(user: User, survey: Survey) -> None:
    if not can_see_results(user, survey):
        raise FeedbackNotAllowed(_("Only the Learning Lab team and the hosts see these results."))


def ensure_can_export(*, shown: bool, threshold: int) -> None:
    """The answers leave the portal (CSV) only once the results are shown at all."""
    if not shown:
        raise FeedbackNotAllowed(
            _("The answers can be exported once at least %(count)s people have answered.")
            % {"count": threshold}
        )


def ensure_can_attach_survey(user: User, activity) -> None:
    if not can_attach_survey(user, activity):
        raise FeedbackNotAllowed(_("Only the hosts and the team can add a survey."))


def can_read_summaries(user: User) -> bool:
    """Published summaries are for the community (and the team)."""
    return is_staff(user) or is_community_member(user)


def ensure_can_read_summaries(user: User) -> None:
    if not can_read_summaries(user):
        raise FeedbackNotAllowed(_("These pages are for the Learning Lab community."))
