"""Peer mentoring (issue 18) in a real browser, on a phone and on a desktop screen, with
axe-core on each page: in Spanish, a partner asks for mentoring on fundraising from My Lab, reads
why a French-speaking peer is suggested and sends her request; in French, the peer opens it from
My Lab and accepts with their first session, and then sees her address."""

import datetime

import pytest
from django.utils import timezone

from mentoring.enums import RequestState
from mentoring.models import MentoringRequest
from partners.enums import Region
from people.enums import LanguageLevel
from people.models import ProfileLanguage
from tests.browser.test_journeys import _check_accessibility, _sign_in
from tests.browser.test_people import _skill
from tests.browser.viewports import DESKTOP, PHONE
from tests.factories import MembershipFactory, OrganisationFactory, ProfileFactory, UserFactory


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_partner_asks_for_mentoring_in_spanish_and_the_peer_accepts_in_french(
    browser, live_server, viewport
):
    fundraising = _skill("fundraising", "Fundraising", "Recaudación de fondos", "Collecte de fonds")
    valentina = MembershipFactory(
        organisation=OrganisationFactory(name="Colectiva Semillas", region=Region.LATIN_AMERICA),
        user=UserFactory(display_name="Valentina Ríos", language="es"),
    ).user
    asker = ProfileFactory(user=valentina, region=Region.LATIN_AMERICA)
    ProfileLanguage.objects.create(profile=asker, code="es", level=LanguageLevel.FIRST)
    ProfileLanguage.objects.create(profile=asker, code="fr", level=LanguageLevel.WORKING)
    aminata = MembershipFactory(
        organisation=OrganisationFactory(name="Femmes Debout"),
        user=UserFactory(display_name="Aminata Diop", language="fr"),
    ).user
    peer = ProfileFactory(user=aminata, region=Region.WEST_CENTRAL_AFRICA)
    peer.skills_offered.add(fundraising)
    ProfileLanguage.objects.create(profile=peer, code="fr", level=LanguageLevel.FIRST)
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        _sign_in(page, live_server, valentina, "es")
        page.goto(f"{live_server.url}/es/")
        with page.expect_navigation():
            page.locator("main a[href='/es/mentoring/ask/']").first.click()
        _check_accessibility(page)
        page.select_option("select[name=topic]", "skill:fundraising")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        _check_accessibility(page)
        main = page.locator("main").inner_text()
        assert "Aminata Diop" in main
        assert "Ofrece esta habilidad: Recaudación de fondos" in main
        assert "Habla un idioma que tú hablas: francés (lengua materna)" in main
        with page.expect_navigation():
            page.locator("main a[href*='/es/mentoring/ask/new/']").first.click()
        _check_accessibility(page)
        page.fill("textarea[name=message]", "¿Me ayudas con nuestra primera propuesta?")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        _check_accessibility(page)
        request = MentoringRequest.objects.get()
        assert request.peer == aminata and request.language == "fr"
        assert aminata.email not in page.content()
        context.clear_cookies()

        _sign_in(page, live_server, aminata, "fr")
        page.goto(f"{live_server.url}/fr/")
        with page.expect_navigation():
            page.locator("main a[href='/fr/mentoring/']").first.click()
        _check_accessibility(page)
        with page.expect_navigation():
            page.locator(f"main a[href='/fr/mentoring/{request.pk}/']").first.click()
        _check_accessibility(page)
        assert "¿Me ayudas con nuestra primera propuesta?" in page.locator("main").inner_text()
        accept = page.locator(f"main form[action='/fr/mentoring/{request.pk}/accept/']")
        first_day = timezone.localdate() + datetime.timedelta(days=9)
        accept.locator("input[name=starts_at]").fill(f"{first_day.isoformat()}T16:00")
        accept.locator("input[name=online_link]").fill("https://meet.example/valentina-aminata")
        with page.expect_navigation():
            accept.locator("button[type=submit]").click()
        _check_accessibility(page)
        request.refresh_from_db()
        assert request.state == RequestState.ACCEPTED
        main = page.locator("main").inner_text()
        assert valentina.email in main
        assert "Planifier une séance" in main
        # The first session, planned with the acceptance: in her zone, in both calendars.
        assert "16:00" in main
        session = request.sessions.get()
        assert {r.user for r in session.activity.registrations.all()} == {valentina, aminata}
    finally:
        context.close()
