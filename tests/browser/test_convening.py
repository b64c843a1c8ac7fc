"""A partner registers for convening sessions (issue 17), in a real browser on a phone and on
a desktop screen: from the home page to the convening, the registration form (one submit),
My programme, then a changed choice. axe-core checks each page."""

import datetime

import pytest

from activities.models import Registration
from convenings.models import ConveningRegistration
from tests.browser.test_journeys import _check_accessibility, _sign_in
from tests.browser.viewports import DESKTOP, PHONE
from tests.factories import (
    ConveningFactory,
    ConveningSessionFactory,
    MembershipFactory,
    UserFactory,
)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_partner_registers_for_convening_sessions(browser, live_server, viewport):
    convening = ConveningFactory(title_es="Encuentro de Oaxaca", slug="oaxaca")
    titles = ["Apertura", "Revisión del estado de la alianza", "Foro público"]
    sessions = [
        ConveningSessionFactory(
            convening=convening,
            activity__title_es=title,
            activity__starts_at=datetime.datetime.combine(
                convening.starts_on + datetime.timedelta(days=index % 2),
                datetime.time(15 + index),
                datetime.UTC,
            ),
        )
        for index, title in enumerate(titles)
    ]
    partner = MembershipFactory(user=UserFactory(language="es")).user
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        _sign_in(page, live_server, partner, "es")
        page.goto(f"{live_server.url}/es/")
        with page.expect_navigation():
            page.locator("main a[href='/es/convenings/']").first.click()
        _check_accessibility(page)
        with page.expect_navigation():
            page.locator("main a[href='/es/convenings/oaxaca/']").click()
        _check_accessibility(page)
        with page.expect_navigation():
            page.locator("main a[href='/es/convenings/oaxaca/register/']").click()
        _check_accessibility(page)
        page.check(f"#session-{sessions[0].pk}")
        page.check(f"#session-{sessions[1].pk}")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        _check_accessibility(page)
        assert page.url.endswith("/es/convenings/oaxaca/my-programme/")
        text = page.locator("main").inner_text()
        assert "Apertura" in text and "Revisión del estado de la alianza" in text
        assert "Foro público" not in text

        # A changed choice: one session less, one more.
        with page.expect_navigation():
            page.locator("main a[href='/es/convenings/oaxaca/register/']").click()
        page.uncheck(f"#session-{sessions[0].pk}")
        page.check(f"#session-{sessions[2].pk}")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        text = page.locator("main").inner_text()
        assert "Apertura" not in text and "Foro público" in text
    finally:
        context.close()

    registration = ConveningRegistration.objects.get(user=partner)
    assert sorted(registration.sessions.values_list("pk", flat=True)) == sorted(
        [sessions[1].pk, sessions[2].pk]
    )
    assert dict(Registration.objects.filter(user=partner).values_list("activity_id", "status")) == {
        sessions[0].activity_id: "cancelled",
        sessions[1].activity_id: "confirmed",
        sessions[2].activity_id: "confirmed",
    }


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_team_archives_a_convening_and_its_record_reads_well(browser, live_server):
    from activities.models import Material
    from convenings.enums import ConveningState
    from tests.factories import StaffFactory

    start = datetime.date.today() - datetime.timedelta(days=200)
    convening = ConveningFactory(
        slug="nairobi",
        starts_on=start,
        ends_on=start + datetime.timedelta(days=3),
        outcomes_fr="Un protocole commun de sécurité numérique.",
    )
    session = ConveningSessionFactory(
        convening=convening,
        activity__starts_at=datetime.datetime.combine(start, datetime.time(9), datetime.UTC),
        activity__status="completed",
    )
    Material.objects.create(
        activity=session.activity,
        kind="recording",
        title="Enregistrement",
        language="fr",
        link="https://video.example/x",
    )
    staff = StaffFactory(language="fr")
    context = browser.new_context(viewport=DESKTOP, locale="en-US")
    page = context.new_page()
    try:
        _sign_in(page, live_server, staff, "fr")
        page.goto(f"{live_server.url}/fr/convenings/nairobi/manage/")
        _check_accessibility(page)
        with page.expect_navigation():
            page.locator("main form[action$='/state/'] button").first.click()
        _check_accessibility(page)
        convening.refresh_from_db()
        assert convening.state == ConveningState.ARCHIVED
        page.goto(f"{live_server.url}/fr/convenings/nairobi/")
        _check_accessibility(page)
        text = page.locator("main").inner_text()
        assert "Un protocole commun de sécurité numérique." in text
        assert "Enregistrement" in text
    finally:
        context.close()
