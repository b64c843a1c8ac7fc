"""What the "My Lab" home gathers for a signed-in person, from each app's own selectors and
permissions: reads only. Everything shown goes through them, so a hidden organisation's things
reach only those who may see them, and a survey says nothing of anyone's answers."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import User
from activities import permissions as activity_permissions
from activities import selectors as activities
from activities.models import Registration
from feedback import permissions as feedback_permissions
from feedback import selectors as feedback
from feedback.enums import SurveyKind
from feedback.models import Survey
from mentoring import permissions as mentoring_permissions
from mentoring import selectors as mentoring_selectors
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
    # --- Partner-led activities (issue 16): the hosts' requests waiting for an answer
    support_requests: int | None = None

    @property
    def anything(self) -> bool:
        return bool(
            self.submitted_items
            or self.failed_emails
            or self.surveys_closing
            or self.support_requests
        )


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
    # --- The Working Group decides (issue 16): open decisions the member has not answered ---
    decisions_waiting: list = field(default_factory=list)
    # Peer mentoring: requests waiting for the person's answer, relationships under way.
    mentoring: dict = field(default_factory=dict)


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
    # --- Partner-led activities (issue 16)
    if activity_permissions.can_see_open_requests(user):
        tasks.support_requests = activities.open_support_requests().count()
    nothing_to_see = (
        tasks.submitted_items is None
        and tasks.failed_emails is None
        and tasks.support_requests is None
    )
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
        decisions_waiting=list(workinggroup.decisions_waiting_for(user=user)[:MY_ITEMS])
        if is_member
        else [],
        mentoring=mentoring_selectors.counts_for_home(user=user)
        if mentoring_permissions.can_ask(user)
        else {},
    )


# --- "What we heard": survey summaries and decided recommendations, newest first ------------------


@dataclass
class HeardEntry:
    """One line of "What we heard": a published survey summary or a decided recommendation."""

    kind: str  # "summary" or "recommendation"
    pk: int
    at: datetime.datetime
    obj: object = None

    @property
    def is_summary(self) -> bool:
        return self.kind == "summary"


def what_we_heard(*, user: User) -> list[HeardEntry]:
    """Every published summary and every decided recommendation `user` may see, newest first,
    as light rows (two queries whatever their number); `fill_heard` loads one page of them."""
    entries = [
        HeardEntry("summary", pk, at)
        for pk, at in feedback.published_summaries().values_list("pk", "published_at")
    ]
    entries += [
        HeardEntry("recommendation", pk, at or submitted or created)
        for pk, at, submitted, created in workinggroup.decided_recommendations(
            user=user
        ).values_list("pk", "decided_at", "submitted_at", "created_at")
    ]
    entries.sort(key=lambda entry: (entry.at, entry.pk), reverse=True)
    return entries


def fill_heard(entries: list[HeardEntry], *, user: User) -> list[HeardEntry]:
    """The objects of one page of entries, in a fixed number of queries."""
    summary_ids = [e.pk for e in entries if e.kind == "summary"]
    item_ids = [e.pk for e in entries if e.kind == "recommendation"]
    summaries = feedback.published_summaries().in_bulk(summary_ids) if summary_ids else {}
    items = (
        workinggroup.with_follow_ups(
            workinggroup.decided_recommendations(user=user).filter(pk__in=item_ids)
        ).in_bulk()
        if item_ids
        else {}
    )
    for entry in entries:
        entry.obj = (summaries if entry.kind == "summary" else items).get(entry.pk)
    return [entry for entry in entries if entry.obj is not None]
