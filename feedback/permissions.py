"""Who may answer, manage and read which survey: the one place these rules live."""

from accounts.models import User
from accounts.permissions import is_staff
from activities.enums import RegistrationStatus
from activities.models import Registration
from activities.permissions import can_manage_activity
from feedback.enums import SurveyAudience, SurveyKind
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
