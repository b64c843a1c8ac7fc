"""Campaigns in a real browser (issue 17): a partner adds their organisation's event to the 16
Days of Activism from the campaign's page; a visitor then finds it on the public campaign page,
with the dates in their language and the calendar of campaign dates. axe-core checks each page."""

import datetime

import pytest

from activities.enums import Audience
from campaigns.models import CampaignActivity
from tests.browser.test_journeys import _check_accessibility, _sign_in
from tests.browser.viewports import DESKTOP, PHONE
from tests.factories import (
    ActivityFactory,
    CampaignFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_partner_adds_their_event_and_a_visitor_sees_it(browser, live_server, viewport):
    organisation = OrganisationFactory(name="Colectiva Semillas", visibility="public")
    partner = MembershipFactory(organisation=organisation, user=UserFactory(language="es")).user
    event = ActivityFactory(
        title_en="Orange walk",
        title_es="Caminata naranja",
        hosts=[organisation],
        audience=Audience.PUBLIC,
    )
    campaign = CampaignFactory(
        title_en="16 Days of Activism",
        title_es="16 Días de Activismo",
        call_to_action_es="Añade tu evento y vístete de naranja.",
        slug="16-days-2026",
        starts_on=datetime.date(2026, 11, 25),
        ends_on=datetime.date(2026, 12, 10),
    )

    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        _sign_in(page, live_server, partner, "es")
        page.goto(f"{live_server.url}/es/")
        with page.expect_navigation():
            page.locator("main a[href='/es/campaigns/']").first.click()
        _check_accessibility(page)
        with page.expect_navigation():
            page.locator("main a[href='/es/campaigns/16-days-2026/']").first.click()
        _check_accessibility(page)
        form = page.locator("main form[action$='/add/']").filter(
            has=page.locator("input[name=kind][value=activity]")
        )
        form.locator("select[name=item]").select_option(str(event.pk))
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        _check_accessibility(page)
        assert CampaignActivity.objects.filter(campaign=campaign, activity=event).exists()
    finally:
        context.close()

    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/es/campaigns/16-days-2026/")
        _check_accessibility(page)
        assert page.locator("h1").inner_text() == "16 Días de Activismo"
        assert "25 de noviembre" in page.locator("main .lead").inner_text()
        assert "Añade tu evento" in page.content()
        with page.expect_navigation():
            page.get_by_role("link", name="Caminata naranja").click()
        _check_accessibility(page)
        assert page.locator("main .part-of-campaigns a").inner_text() == "16 Días de Activismo"
        page.goto(f"{live_server.url}/es/campaigns/calendar/?year=2026")
        _check_accessibility(page)
        assert page.locator("main h2", has_text="diciembre de 2026").count() == 1
        assert page.locator("main li", has_text="16 Días de Activismo").count() == 2
    finally:
        context.close()
