"""The calendar of a survey: when an after-activity survey opens and closes, and whether and when
its one reminder may follow the invitation. Pure date rules, shared by the services (that set
the dates), the notices (that send) and the pages (that tell staff what will happen)."""

import datetime

# An after-activity survey opens the day the activity ends and its last day to answer is this
# many days later.
AFTER_ACTIVITY_DAYS = 14

# A survey attached after its activity ended opens the day it is attached, not on the day it
# would have opened: its window is the usual AFTER_ACTIVITY_DAYS counted from that day, so
# people invited late get as long to answer as people invited on time.
LATE_WINDOW_DAYS = AFTER_ACTIVITY_DAYS

# No survey is attached to an activity that ended longer ago than this: people would be asked
# about something they barely remember, months after it. (Staff can still make a survey for its
# participants with dates of their own on the Surveys page.)
LATE_LIMIT_DAYS = 90

# The reminder is due this many days before the survey closes...
REMINDER_DAYS_BEFORE_CLOSE = 2
# ...but never sooner than this many days after the invitation: two emails about one survey
# within a few days is nagging. When the window is too short for both, there is no reminder.
REMINDER_MIN_GAP_DAYS = 3


def window_for_activity(
    *, activity_end_day: datetime.date, today: datetime.date
) -> tuple[datetime.date, datetime.date, bool]:
    """(opens_on, closes_on, late) of an after-activity survey attached `today`: from the day the
    activity ends, or, when that day is past, from today (late)."""
    if activity_end_day >= today:
        return (
            activity_end_day,
            activity_end_day + datetime.timedelta(days=AFTER_ACTIVITY_DAYS),
            False,
        )
    return today, today + datetime.timedelta(days=LATE_WINDOW_DAYS), True


def reminder_day(
    *, invited_on: datetime.date, closes_on: datetime.date | None
) -> datetime.date | None:
    """The first day the reminder may go to people invited on `invited_on`: REMINDER_DAYS_BEFORE_
    CLOSE days before the last day, and no sooner than REMINDER_MIN_GAP_DAYS after the
    invitation. None when that would be after the last day (the window is too short for a
    reminder) or the survey never closes."""
    if closes_on is None:
        return None
    day = max(
        closes_on - datetime.timedelta(days=REMINDER_DAYS_BEFORE_CLOSE),
        invited_on + datetime.timedelta(days=REMINDER_MIN_GAP_DAYS),
    )
    return day if day <= closes_on else None


def reminder_allowed(*, invited_at: datetime.datetime, now: datetime.datetime) -> bool:
    """Whether a reminder may go now to someone invited at `invited_at` (an instant: the gap is
    counted in real time, so an invitation late in the evening is not followed by a reminder
    on the morning three calendar days later)."""
    return now >= invited_at + datetime.timedelta(days=REMINDER_MIN_GAP_DAYS)
