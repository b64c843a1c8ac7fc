"""When an after-activity survey opens, whom it invites and when, and the one reminder that never
follows the invitation within REMINDER_MIN_GAP_DAYS: late attachment, short windows, dates
changed by staff, and a worker that delivers the invitation late. The clock is controlled by
replacing django.utils.timezone.now (every date and time in the code is read through it)."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from activities.enums import ActivityStatus
from feedback.models import Survey
from feedback.notifications import send_due_notices
from feedback.schedule import AFTER_ACTIVITY_DAYS, LATE_LIMIT_DAYS, REMINDER_MIN_GAP_DAYS
from notifications import services as notification_services
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    PartnerFactory,
    RegistrationFactory,
    StaffFactory,
    SurveyFactory,
)
from tests.feedback.utils import set_dates_as_staff
from tests.utils import text_of

START = datetime.datetime(2027, 3, 1, 10, 0, tzinfo=datetime.UTC)


class Clock:
    def __init__(self, monkeypatch, at: datetime.datetime):
        self.at = at
        monkeypatch.setattr(timezone, "now", lambda: self.at)

    def forward(self, **delta) -> None:
        self.at += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch, START)


def _ended_activity(days_ago: int, *, people: int = 2):
    end = timezone.now() - datetime.timedelta(days=days_ago)
    activity = ActivityFactory(starts_at=end - datetime.timedelta(hours=2), ends_at=end)
    attendees = [
        RegistrationFactory(activity=activity, user=PartnerFactory()).user for _ in range(people)
    ]
    return activity, attendees


def _attach(client, activity, *, by=None):
    client.force_login(by or StaffFactory())
    template = Survey.objects.get(kind="template")
    return client.post(f"/en/feedback/activity/{activity.pk}/", {"template": template.pk})


def _run_days(days: int, clock, capture) -> list[tuple[int, str]]:
    """Run the hourly notices task (and the deliveries it queues) every 6 hours for `days`;
    returns (day, kind, address) of every email sent, the day counted from START's."""
    sent = []
    for _step in range(days * 4):
        with capture(execute=True):
            send_due_notices()
        day = (timezone.localdate() - START.date()).days
        for message in mail.outbox:
            kind = "reminder" if "Last days" in message.subject else "invitation"
            sent.append((day, kind, message.to[0]))
        mail.outbox.clear()
        clock.forward(hours=6)
    return sent


def _kinds(sent):
    return [(day, kind) for day, kind, _to in sent]


# --- Late attachment -----------------------------------------------------------------------


@pytest.mark.django_db
def test_survey_attached_after_the_activity_opens_now_for_the_usual_length(
    client, clock, django_capture_on_commit_callbacks
):
    activity, attendees = _ended_activity(20)
    staff = StaffFactory()
    client.force_login(staff)

    page = text_of(client.get(f"/en/feedback/activity/{activity.pk}/"))
    with django_capture_on_commit_callbacks(execute=True):
        response = _attach(client, activity, by=staff)
    survey = Survey.objects.get(activity=activity)
    invited_at_once = sorted(m.to[0] for m in mail.outbox)

    today = timezone.localdate()
    assert (response.status_code, response["Location"]) == (
        302,
        f"/en/feedback/{survey.pk}/results/",
    )
    assert (survey.opens_on, survey.closes_on) == (
        today,
        today + datetime.timedelta(days=AFTER_ACTIVITY_DAYS),
    )
    assert invited_at_once == sorted(person.email for person in attendees)
    assert "A survey added now opens at once, with 14 days to answer from today" in page
    assert (
        "Open from Monday, March 1, 2027 to Monday, March 15, 2027 (the last day to answer)" in page
    )
    assert "The 2 people who took part are invited by email as soon as you add the survey." in (
        page
    )
    assert "Those who have not answered get one reminder, on Saturday, March 13, 2027." in page


@pytest.mark.django_db
def test_survey_page_after_attaching_shows_the_real_dates_in_the_viewers_zone(
    client, clock, django_capture_on_commit_callbacks
):
    activity, _attendees = _ended_activity(3)
    staff = StaffFactory(timezone="America/Lima")
    with django_capture_on_commit_callbacks(execute=True):
        response = _attach(client, activity, by=staff)

    page = text_of(client.get(response["Location"]))

    assert "The survey is added. Its dates are below." in page
    assert (
        "Open from Monday, March 1, 2027 to Monday, March 15, 2027 (the last day to answer)" in page
    )
    # The moment, in Lima's zone (5 a.m. there) by the `when` filter, whose wording is its own.
    assert re.search(
        r'Invitations sent on <time datetime="2027-03-01T10:00:00\+00:00"[^>]*>[^<]*Lima[^<]*'
        r"</time>\.",
        page,
    )
    assert "Those who have not answered get one reminder, from Saturday, March 13, 2027." in page


@pytest.mark.django_db
def test_survey_attached_before_the_activity_ends_opens_when_it_ends(client, clock):
    activity = ActivityFactory()  # a week from now
    RegistrationFactory(activity=activity, user=PartnerFactory())
    client.force_login(StaffFactory(timezone="Asia/Kathmandu"))

    page = text_of(client.get(f"/en/feedback/activity/{activity.pk}/"))
    response = _attach(client, activity)
    survey = Survey.objects.get(activity=activity)

    assert response.status_code == 302
    assert survey.opens_on == timezone.localdate(activity.ends_at)
    assert re.search(
        r'The survey opens when the activity ends, on <time datetime="2027-03-08T12:00:00\+00:00"'
        r"[^>]*>[^<]*Kathmandu[^<]*</time>, with 14 days to answer\.",
        page,
    )
    assert re.search(
        r"The one person registered now is invited by email from "
        r'<time datetime="2027-03-08T00:00:00\+00:00"[^>]*>[^<]*Kathmandu[^<]*</time>\.',
        page,
    )
    assert not mail.outbox


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("cancelled", "This activity was cancelled: there is nobody to ask about it."),
        (
            "nobody came",
            "Nobody was registered for this activity when it took place, so a survey would "
            "reach no one.",
        ),
        (
            "long ago",
            f"This activity ended more than {LATE_LIMIT_DAYS} days ago, too long ago for people "
            "to remember it well.",
        ),
    ],
)
def test_surveys_nobody_could_answer_are_refused_with_the_reason(client, clock, case, message):
    if case == "cancelled":
        activity, _people = _ended_activity(2)
        activity.status = ActivityStatus.CANCELLED
        activity.save()
    elif case == "nobody came":
        activity, _people = _ended_activity(2, people=0)
    else:
        activity, _people = _ended_activity(LATE_LIMIT_DAYS + 2)

    client.force_login(StaffFactory())
    page = client.get(f"/en/feedback/activity/{activity.pk}/")
    posted = _attach(client, activity)

    assert page.status_code == 200
    assert message in text_of(page)
    assert "Add the survey" not in text_of(page)
    assert posted.status_code == 409
    assert message in text_of(posted)
    assert not Survey.objects.filter(activity=activity).exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_survey_for_an_activity_ended_exactly_at_the_limit_is_still_allowed(client, clock):
    activity, _people = _ended_activity(LATE_LIMIT_DAYS)

    response = _attach(client, activity)

    assert response.status_code == 302
    assert Survey.objects.get(activity=activity).opens_on == timezone.localdate()


@pytest.mark.django_db
def test_hosts_attach_late_surveys_too_and_strangers_cannot(client, clock):
    activity, _people = _ended_activity(5)
    lead = MembershipFactory(organisation=activity.host_organisations.first(), role="lead").user

    stranger = _attach(client, activity, by=PartnerFactory())
    host = _attach(client, activity, by=lead)

    assert stranger.status_code == 403
    assert host.status_code == 302
    assert Survey.objects.filter(activity=activity).count() == 1


# --- The reminder never follows the invitation within a few days ------------------------------


@pytest.mark.django_db
def test_late_survey_invites_once_and_reminds_once_well_after(
    client, clock, django_capture_on_commit_callbacks
):
    activity, attendees = _ended_activity(10)
    with django_capture_on_commit_callbacks(execute=True):
        _attach(client, activity)
    at_attach = [(0, "invitation")] * len(mail.outbox)
    mail.outbox.clear()

    sent = _run_days(AFTER_ACTIVITY_DAYS + 3, clock, django_capture_on_commit_callbacks)

    reminders = [day for day, kind in _kinds(sent) if kind == "reminder"]
    assert at_attach == [(0, "invitation")] * len(attendees)
    assert [kind for _day, kind in _kinds(sent)] == ["reminder"] * len(attendees)
    assert set(reminders) == {AFTER_ACTIVITY_DAYS - 2}


@pytest.mark.django_db
@pytest.mark.parametrize("window_days", [0, 1, 2])
def test_short_window_gets_no_reminder_and_the_invitation_says_so(
    clock, django_capture_on_commit_callbacks, window_days
):
    PartnerFactory()
    today = timezone.localdate()
    SurveyFactory(opens_on=today, closes_on=today + datetime.timedelta(days=window_days))

    sent = _run_days(window_days + 2, clock, django_capture_on_commit_callbacks)

    assert _kinds(sent) == [(0, "invitation")]
    invitation = Delivery.objects.get(kind=Kind.SURVEY_OPEN)
    assert invitation.status == DeliveryStatus.SENT
    assert not Delivery.objects.filter(kind=Kind.SURVEY_REMINDER).exists()


@pytest.mark.django_db
def test_short_window_invitation_tells_there_is_no_reminder(
    clock, django_capture_on_commit_callbacks
):
    PartnerFactory()
    today = timezone.localdate()
    SurveyFactory(opens_on=today, closes_on=today + datetime.timedelta(days=2))

    with django_capture_on_commit_callbacks(execute=True):
        send_due_notices()

    assert "This is the only email about it: there will be no reminder." in mail.outbox[0].body


@pytest.mark.django_db
def test_window_just_long_enough_reminds_on_the_first_day_allowed(
    clock, django_capture_on_commit_callbacks
):
    PartnerFactory()
    today = timezone.localdate()
    SurveyFactory(opens_on=today, closes_on=today + datetime.timedelta(days=4))

    sent = _run_days(6, clock, django_capture_on_commit_callbacks)

    assert _kinds(sent) == [(0, "invitation"), (REMINDER_MIN_GAP_DAYS, "reminder")]


@pytest.mark.django_db
def test_staff_shortening_the_window_after_the_invitation_gets_no_early_reminder(
    client, clock, django_capture_on_commit_callbacks
):
    PartnerFactory()
    today = timezone.localdate()
    survey = SurveyFactory(opens_on=today, closes_on=today + datetime.timedelta(days=20))
    first = _run_days(1, clock, django_capture_on_commit_callbacks)

    set_dates_as_staff(
        client,
        StaffFactory(),
        survey,
        opens_on=today,
        closes_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    after = _run_days(4, clock, django_capture_on_commit_callbacks)

    assert _kinds(first) == [(0, "invitation")]
    assert after == []


@pytest.mark.django_db
def test_staff_moving_the_close_after_the_invitation_reminds_once_at_the_new_date(
    client, clock, django_capture_on_commit_callbacks
):
    PartnerFactory()
    today = timezone.localdate()
    survey = SurveyFactory(opens_on=today, closes_on=today + datetime.timedelta(days=3))
    first = _run_days(1, clock, django_capture_on_commit_callbacks)

    set_dates_as_staff(
        client,
        StaffFactory(),
        survey,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=10),
    )
    after = _run_days(12, clock, django_capture_on_commit_callbacks)

    assert _kinds(first) == [(0, "invitation")]
    assert _kinds(after) == [(8, "reminder")]


@pytest.mark.django_db
def test_no_reminder_before_an_invitation_still_waiting_to_be_delivered(
    clock, django_capture_on_commit_callbacks, monkeypatch
):
    """The invitation's email keeps failing for days (the mail server refuses it): the reminder,
    queued on time for everyone, is not sent ahead of it but skipped."""
    person = PartnerFactory()
    today = timezone.localdate()
    SurveyFactory(opens_on=today, closes_on=today + datetime.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        send_due_notices()
    invitation = Delivery.objects.get(kind=Kind.SURVEY_OPEN, user=person)
    # As if it had been retried ever since: still pending, never sent.
    Delivery.objects.filter(pk=invitation.pk).update(
        status=DeliveryStatus.PENDING, sent_at=None, due_at=START + datetime.timedelta(days=30)
    )
    mail.outbox.clear()
    clock.forward(days=REMINDER_MIN_GAP_DAYS + 1)

    with django_capture_on_commit_callbacks(execute=True):
        send_due_notices()
    notification_services.dispatch_due()

    reminder = Delivery.objects.get(kind=Kind.SURVEY_REMINDER, user=person)
    assert reminder.status == DeliveryStatus.SKIPPED
    assert mail.outbox == []


@pytest.mark.django_db
def test_reminder_runs_twice_at_once_still_send_one(clock, django_capture_on_commit_callbacks):
    people = [PartnerFactory() for _ in range(3)]
    today = timezone.localdate()
    SurveyFactory(opens_on=today, closes_on=today + datetime.timedelta(days=6))

    sent = _run_days(7, clock, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        again = send_due_notices()

    by_person = {
        person.email: [kind for _d, kind, to in sent if to == person.email] for person in people
    }
    assert again == 0
    assert all(kinds == ["invitation", "reminder"] for kinds in by_person.values())
    assert {day for day, kind in _kinds(sent) if kind == "reminder"} == {4}


@pytest.mark.django_db
def test_survey_for_an_activity_at_the_end_of_the_calendar_is_refused_not_a_500(client, clock):
    end = datetime.datetime(2100, 12, 30, 12, 0, tzinfo=datetime.UTC)
    activity = ActivityFactory(starts_at=end - datetime.timedelta(hours=2), ends_at=end)

    response = _attach(client, activity)

    assert response.status_code == 409
    assert "Choose a date between" in text_of(response)
    assert not Survey.objects.filter(activity=activity).exists()


@pytest.mark.django_db
def test_a_closed_survey_never_says_invitations_are_going_out(client):
    """A survey that closed without its notices (made before the portal sent them) says so,
    not "Invitations are going out now"."""
    today = timezone.localdate()
    survey = SurveyFactory(
        opens_on=today - datetime.timedelta(days=40), closes_on=today - datetime.timedelta(days=10)
    )
    client.force_login(StaffFactory())

    page = text_of(client.get(f"/en/feedback/{survey.pk}/results/"))

    assert "No invitation was sent by email for it." in page
    assert "No reminder was sent." in page
    assert "going out now" not in page
    assert "too short" not in page


# --- Each person's own first day -------------------------------------------------------------


def _zone(name):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


@pytest.mark.django_db
def test_an_invitation_waits_for_the_first_day_where_the_person_is(
    monkeypatch, django_capture_on_commit_callbacks
):
    """At 00:30 UTC on the opening day it is still the evening before in Guatemala: the answer
    page there says "not open yet", so the invitation waits until midnight in Guatemala, while
    Kathmandu, already on that day, is invited at once. Each gets exactly one."""
    clock = Clock(monkeypatch, datetime.datetime(2027, 3, 1, 0, 30, tzinfo=datetime.UTC))
    west = MembershipFactory(user=PartnerFactory(timezone="America/Guatemala")).user
    east = MembershipFactory(user=PartnerFactory(timezone="Asia/Kathmandu")).user
    survey = SurveyFactory(opens_on=datetime.date(2027, 3, 1), closes_on=datetime.date(2027, 3, 20))

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            send_due_notices()
            notification_services.dispatch_due()
        invited = sorted(message.to[0] for message in mail.outbox)
        mail.outbox.clear()
        return invited

    assert run() == [east.email]
    clock.forward(hours=5)  # 05:30 UTC: 23:30 in Guatemala, still the evening before
    assert run() == []
    assert not survey.is_open(today=timezone.localdate(clock.at, _zone("America/Guatemala")))
    clock.forward(hours=1)  # 06:30 UTC: 00:30 on March 1st in Guatemala
    assert run() == [west.email]
    clock.forward(hours=6)
    assert run() == []
    invitation = Delivery.objects.get(user=west, kind=Kind.SURVEY_OPEN)
    assert invitation.status == DeliveryStatus.SENT
