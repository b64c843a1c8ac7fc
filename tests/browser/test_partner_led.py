"""A partner publishing their own activity (issue 16), in a real browser on a phone and on a
desktop screen, in Spanish and French: "Host an activity" from the activity list, the form,
publishing from the activity's page, and the activity in the list. axe-core checks each page."""

import pytest

from activities.enums import LedBy
from activities.models import Activity
from tests.browser.test_journeys import _check_accessibility, _sign_in
from tests.browser.viewports import DESKTOP, PHONE
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["es", "fr"])
def test_a_partner_hosts_and_publishes_their_own_activity(browser, live_server, viewport, language):
    organisation = OrganisationFactory(name="Colectiva Semillas")
    person = MembershipFactory(
        organisation=organisation, user=UserFactory(language=language, timezone="America/Lima")
    ).user
    title = {"es": "Círculo de cuidado colectivo", "fr": "Cercle de soin collectif"}[language]
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        _sign_in(page, live_server, person, language)

        page.goto(f"{live_server.url}/{language}/activities/")
        _check_accessibility(page)
        with page.expect_navigation():
            page.locator(f"main a[href='/{language}/activities/new/']").click()
        _check_accessibility(page)
        page.fill(f"input[name=title_{language}]", title)
        page.select_option("select[name=type]", "group_discussion")
        page.fill("input[name=starts_at]", "2031-06-02T15:00")
        page.fill("input[name=ends_at]", "2031-06-02T16:30")
        page.check("input[name=status][value=draft]")
        with page.expect_navigation():
            page.locator("main form button[type=submit]:not([formnovalidate])").last.click()
        _check_accessibility(page)
        assert Activity.objects.exists(), page.locator(".form-error-summary").inner_text()
        activity = Activity.objects.get()
        assert (activity.led_by, activity.status) == (LedBy.PARTNERS, "draft")
        assert "Colectiva Semillas" in page.content()

        with page.expect_navigation():
            page.locator(f"form[action$='/activities/{activity.pk}/publish/'] button").click()
        _check_accessibility(page)
        activity.refresh_from_db()
        assert activity.status == "scheduled"

        page.goto(f"{live_server.url}/{language}/activities/")
        _check_accessibility(page)
        assert title in page.content()
    finally:
        context.close()
