"""Lists and staff tables on a 390 x 844 phone: the first result of a filtered list is on the
first screen (its filters wait behind "Filter", the active ones shown as chips), and no page is
wider than the screen (staff tables stack their rows; survey charts are one narrow table)."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from feedback.services import move_pending
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from tests.browser.test_journeys import _check_accessibility
from tests.browser.viewports import PHONE
from tests.factories import (
    ActivityFactory,
    ItemFactory,
    OrganisationFactory,
    PartnerFactory,
    RegistrationFactory,
    StaffFactory,
    SurveyFactory,
    UserFactory,
)
from tests.feedback.utils import answer_data, questions_of
from workinggroup.enums import Action, ItemState
from workinggroup.models import ModerationLog

FIRST_RESULTS = [
    ("/en/activities/", ".activity-card"),
    ("/en/activities/?language=en&type=webinar", ".activity-card"),
    ("/en/partners/", ".organisation-card"),
    ("/en/partners/?region=east_southern_africa", ".organisation-card"),
    ("/en/working-group/queue/", "main .list-group-item"),
]


def _fill() -> dict:
    """A few rows everywhere, with the long words that widen tables: an email address, an SMTP
    error, a moderation message, accessibility needs."""
    for number in range(4):
        ActivityFactory(
            audience="public",
            type="webinar",
            spoken_languages="en",
            hosts=[OrganisationFactory(visibility="public", region="east_southern_africa")],
            title_en=f"Peer learning on girls' education, session {number}",
        )
    staff = StaffFactory()
    long_email = "programme.coordination.team@organisation-with-a-long-name.example"
    for number in range(3):
        item = ItemFactory(title_en=f"A proposal with a rather long title, number {number}")
        ModerationLog.objects.create(
            item=item,
            actor=staff,
            action=Action.REQUEST_CHANGES,
            from_state=ItemState.SUBMITTED,
            to_state=ItemState.CHANGES_REQUESTED,
            message="Could you add the languages you will speak and the dates? " * 3,
            private_note="Follow up with the regional coordinator next week.",
        )
        Delivery.objects.create(
            key=f"phone-{number}",
            kind=Kind.choices[0][0],
            user=UserFactory(email=f"{number}.{long_email}"),
            due_at=timezone.now(),
            status=DeliveryStatus.FAILED,
            last_error=(
                "SMTPRecipientsRefused: {'someone@example.org': "
                "(550, b'5.1.1 mailbox unavailable')}"
            ),
        )
    activity = ActivityFactory()
    for _number in range(3):
        RegistrationFactory(
            activity=activity,
            user=UserFactory(email=long_email.replace("programme", f"p{_number}")),
            accessibility_needs="Captions, and the slides sent a day before, please.",
            question="Will there be interpretation into Kiswahili for the breakout rooms?",
        )
    survey = SurveyFactory()
    yes = questions_of(survey)["single"].choices.get(text_en="Yes")
    client = Client()
    for _number in range(5):
        client.force_login(PartnerFactory())
        client.post(f"/en/feedback/{survey.pk}/", answer_data(survey, scale="4", single=yes.pk))
    survey.opens_on = survey.closes_on = timezone.localdate() - datetime.timedelta(days=30)
    survey.save()
    move_pending(survey_id=survey.pk)
    return {"staff": staff, "activity": activity, "survey": survey}


def _staff_page(browser, live_server, staff):
    client = Client()
    client.force_login(staff)
    context = browser.new_context(viewport=PHONE, locale="en-US")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context, context.new_page()


@pytest.mark.django_db(transaction=True)
def test_first_result_is_on_the_first_screen_and_nothing_is_wider(browser, live_server):
    data = _fill()
    context, page = _staff_page(browser, live_server, data["staff"])
    try:
        for path, result in FIRST_RESULTS:
            page.goto(f"{live_server.url}{path}")
            top = page.locator(result).first.evaluate("e => e.getBoundingClientRect().top")
            width = page.evaluate("document.documentElement.scrollWidth")

            assert top < PHONE["height"], f"{path}: first result at {top}px"
            assert width <= PHONE["width"], f"{path}: {width}px wide"
            assert page.locator("details.list-filters").get_attribute("open") is None
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_filters_open_from_the_disclosure_and_chips_remove_one_filter(browser, live_server):
    data = _fill()
    context, page = _staff_page(browser, live_server, data["staff"])
    try:
        page.goto(f"{live_server.url}/en/activities/?language=en&type=webinar")
        _check_accessibility(page)
        assert page.locator("select[name=type]").is_visible() is False

        page.locator("summary.list-filters-summary").click()
        assert page.locator("select[name=type]").is_visible() is True

        with page.expect_navigation():
            page.get_by_role("link", name="Remove filter Type: Webinar").click()
        assert page.url.endswith("/en/activities/?when=upcoming&language=en")
        assert page.get_by_role("link", name="Remove filter Language: English").is_visible()
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_staff_tables_and_charts_fit_a_phone(browser, live_server):
    data = _fill()
    context, page = _staff_page(browser, live_server, data["staff"])
    paths = [
        "/en/notifications/deliveries/",
        "/en/working-group/log/",
        f"/en/activities/{data['activity'].pk}/attendees/",
        f"/en/feedback/{data['survey'].pk}/results/",
    ]
    try:
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert page.locator("main table").count() >= 1, path
            assert width <= PHONE["width"], f"{path}: {width}px wide"
            _check_accessibility(page)
        bars = page.locator(".result-table .result-bar")
        rows = page.locator(".result-table tbody tr")
        assert bars.count() == rows.count() == 7  # five scale points and two choices, zeros too
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_wide_screen_keeps_the_filters_open_beside_the_results(browser, live_server):
    _fill()
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/partners/")
        assert page.locator("select[name=region]").is_visible() is True
        assert page.locator("summary.list-filters-summary").is_visible() is False
    finally:
        context.close()
