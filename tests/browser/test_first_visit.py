"""A visitor's very first page, in a browser set to Kathmandu: times are shown there at once (not
in UTC until the second page), and the sign-up form starts at that zone."""

import datetime

import pytest

from tests.factories import ActivityFactory

MAY_6 = datetime.datetime(2031, 5, 6, 14, 0, tzinfo=datetime.UTC)


@pytest.fixture
def kathmandu(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="fr-FR", timezone_id="Asia/Kathmandu"
    )
    yield context
    context.close()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_first_visit_shows_times_in_the_browsers_zone_without_a_reload(kathmandu, live_server):
    webinar = ActivityFactory(
        audience="public", starts_at=MAY_6, ends_at=MAY_6 + datetime.timedelta(hours=2)
    )
    page = kathmandu.new_page()

    page.goto(f"{live_server.url}/fr/activities/{webinar.pk}/")
    first = page.locator("time[data-local]").first.inner_text()

    # 14:00–16:00 UTC is 19:45–21:45 in Kathmandu (UTC+5:45), written in French by the browser.
    assert "mardi 6 mai 2031" in first
    assert "19:45" in first and "21:45" in first
    assert "UTC" not in first
    assert "Népal" in first  # the browser names the zone: "heure du Népal"
    # Chromium reports the zone's old name, Asia/Katmandu; the server knows both.
    cookie = {c["name"]: c["value"] for c in kathmandu.cookies()}["tz"]
    assert cookie in ("Asia%2FKathmandu", "Asia%2FKatmandu")

    page.reload()
    second = page.locator("time[data-local]").first.inner_text()

    # From now on the server knows the zone and writes the page in it itself.
    assert "19:45" in second and "21:45" in second
    assert "Katmandou" in second
    assert page.locator("script[data-zone-unknown]").count() == 0


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_sign_up_starts_at_the_browsers_zone_on_the_first_page(kathmandu, live_server, settings):
    settings.OPEN_SIGNUP = True
    page = kathmandu.new_page()

    page.goto(f"{live_server.url}/fr/accounts/signup/")

    assert page.locator("select[name=timezone]").input_value() == "Asia/Kathmandu"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_first_page_says_utc_plainly(browser, live_server):
    context = browser.new_context(
        locale="fr-FR", timezone_id="Asia/Kathmandu", java_script_enabled=False
    )
    webinar = ActivityFactory(
        audience="public", starts_at=MAY_6, ends_at=MAY_6 + datetime.timedelta(hours=2)
    )
    page = context.new_page()

    page.goto(f"{live_server.url}/fr/activities/{webinar.pk}/")
    text = page.locator("time[data-local]").first.inner_text()
    context.close()

    assert "mardi 6 mai 2031" in text
    assert "14:00" in text and "16:00" in text
    assert "(UTC)" in text
