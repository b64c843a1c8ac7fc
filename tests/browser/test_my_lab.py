"""My Lab and My activities in a real browser, on a phone and on a desktop, with axe-core on
every page: a partner registers asking for interpretation, finds the choice on both pages,
cancels from My activities and lands back on it."""

import datetime

import pytest
from django.utils import timezone

from activities.enums import RegistrationStatus
from activities.models import Registration
from tests.browser.test_journeys import _check_accessibility, _sign_in
from tests.factories import ActivityFactory, MembershipFactory, UserFactory

SIZES = {"phone": (390, 844), "desktop": (1366, 900)}


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", list(SIZES))
def test_partner_sees_their_choice_on_my_lab_and_cancels_from_my_activities(
    page, live_server, size
):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    person = MembershipFactory(user=UserFactory(language="en")).user
    activity = ActivityFactory(
        title_en="Digital safety for defenders",
        interpretation_languages="es,fr",
        starts_at=timezone.now() + datetime.timedelta(days=5),
        ends_at=timezone.now() + datetime.timedelta(days=5, hours=1),
    )
    _sign_in(page, live_server, person, "en")

    page.goto(f"{live_server.url}/en/activities/{activity.pk}/")
    page.select_option("select[name=registration-interpretation_language]", "fr")
    page.fill("textarea[name=registration-accessibility_needs]", "Captions, please")
    with page.expect_navigation():
        page.locator("form[action$='/register/'] button[type=submit]").click()
    _check_accessibility(page)
    on_activity = page.locator(".my-request").inner_text()

    page.goto(f"{live_server.url}/en/")
    _check_accessibility(page)
    first_heading = page.locator("main h2").first.inner_text()
    on_home = page.locator("#lab-activities").locator("..").inner_text()

    page.locator("main a[href='/en/activities/mine/']").first.click()
    page.wait_for_url("**/en/activities/mine/")
    _check_accessibility(page)
    on_mine = page.locator(".my-activity-list").inner_text()
    with page.expect_navigation():
        page.locator("form[action$='/cancel-registration/'] button").click()
    _check_accessibility(page)

    assert "French" in on_activity and "Captions, please" in on_activity
    assert first_heading == "My next activities"
    assert "Digital safety for defenders" in on_home
    assert "Interpretation into French" in on_home
    assert "French" in on_mine and "Captions, please" in on_mine
    assert page.url == f"{live_server.url}/en/activities/mine/"
    assert Registration.objects.get(user=person).status == RegistrationStatus.CANCELLED
    assert page.locator(".my-activity-list").count() == 0
    assert page.locator(".empty-state").count() == 1
