"""What the "My Lab" home gathers for a signed-in person, from each app's own selectors and
permissions: reads only. Everything shown goes through them, so a hidden organisation's things
reach only those who may see them, and a survey says nothing of anyone's answers."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import User
from activities import selectors as activities
from activities.models import Registration
from feedback import permissions as feedback_permissions
from feedback import selectors as feedback
from feedback.enums import SurveyKind
from feedback.models import Survey
from notifications import permissions as notification_permissions
from notifications import selectors as notifications
from notifications.enums import DeliveryStatus
from workinggroup import permissions as wg_permissions
from workinggroup import selectors as workinggroup
from workinggroup.enums import ItemState, MeetingState
from workinggroup.models import Item, Meeting

NEXT_ACTIVITIES = 4
MY_ITEMS = 5
CLOSING_WITHIN_DAYS = 7


@dataclass
class StaffTasks:
    """What waits for the team, as counts with a link each; None where the person may not see it."""

    submitted_items: int | None = None
    failed_emails: int | None = None
    surveys_closing: list[Survey] = field(default_factory=list)
    may_manage_surveys: bool = False

    @property
    def anything(self) -> bool:
        return bool(self.submitted_items or self.failed_emails or self.surveys_closing)


@dataclass
class MyLab:
    registrations: list[Registration]
    surveys: list[Survey]
    items: list[Item]
    may_propose: bool
    is_working_group_member: bool
    next_meeting: Meeting | None
    next_meeting_published: bool
    staff: StaffTasks | None


def _staff_tasks(user: User) -> StaffTasks | None:
    tasks = StaffTasks()
    if wg_permissions.can_moderate(user):
        tasks.submitted_items = workinggroup.moderation_queue(
            filters=workinggroup.QueueFilters(state=ItemState.SUBMITTED)
        ).count()
    if notification_permissions.can_see_deliveries(user):
        tasks.failed_emails = notifications.deliveries(status=DeliveryStatus.FAILED).count()
    if feedback_permissions.can_manage_surveys(user):
        tasks.may_manage_surveys = True
        today = timezone.localdate()
        tasks.surveys_closing = list(
            feedback.surveys_for_staff()
            .filter(
                kind=SurveyKind.SURVEY,
                opens_on__lte=today,
                closes_on__gte=today,
                closes_on__lte=today + datetime.timedelta(days=CLOSING_WITHIN_DAYS),
            )
            .order_by("closes_on", "pk")
        )
    nothing_to_see = tasks.submitted_items is None and tasks.failed_emails is None
    return None if nothing_to_see and not tasks.may_manage_surveys else tasks


def my_lab(*, user: User) -> MyLab:
    """The signed-in person's own things, first on the home page: their next activities (with
    their waiting-list position), the surveys waiting for their answer, their proposals and
    recommendations, the next Working Group meeting (its members), and what waits for the team
    (staff)."""
    is_member = wg_permissions.is_working_group_member(user)
    next_meeting = None
    if is_member:
        next_meeting = (
            workinggroup.meetings_visible_to(user=user)
            .filter(starts_at__gte=timezone.now())
            .order_by("starts_at", "pk")
            .first()
        )
    return MyLab(
        registrations=activities.my_upcoming_registrations(user=user, limit=NEXT_ACTIVITIES),
        # Only whether this person answered (their receipt), never anything of an answer.
        surveys=[
            survey for survey, answered in feedback.open_surveys_for(user=user) if not answered
        ],
        items=list(workinggroup.my_items(user=user)[:MY_ITEMS]),
        may_propose=wg_permissions.can_propose(user),
        is_working_group_member=is_member,
        next_meeting=next_meeting,
        next_meeting_published=next_meeting is not None
        and next_meeting.state == MeetingState.PUBLISHED,
        staff=_staff_tasks(user),
    )
