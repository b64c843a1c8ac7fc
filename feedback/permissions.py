"""Who may answer, manage and read which survey: the one place these rules live.

Each `can_...` answers a question for a page; each `ensure_...` refuses with `FeedbackNotAllowed`
(403) and the one message that says why, for views (on GET) and services alike."""

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


def is_in_audience(user: User, survey: Survey) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if survey.kind == SurveyKind.BOX:
        return is_community_member(user)
    if survey.kind != SurveyKind.SURVEY:
        return False
    if survey.audience == SurveyAudience.WORKING_GROUP:
        return user.is_working_group_member
    if survey.audience == SurveyAudience.ACTIVITY:
        return Registration.objects.filter(
            activity_id=survey.activity_id, user=user, status=RegistrationStatus.CONFIRMED
        ).exists()
    return Membership.objects.filter(user=user).exists()


def can_manage_surveys(user: User) -> bool:
    return is_staff(user)


def can_see_results(user: User, survey: Survey) -> bool:
    """Staff; and the hosts of the activity an after-activity survey is about."""
    if is_staff(user):
        return True
    return survey.activity_id is not None and can_manage_activity(user, survey.activity)


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
