"""A person in a real browser, in Spanish and in French, on a phone-sized screen. axe-core checks
every page the journeys visit: no serious or critical accessibility violation."""

import datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from accounts.permissions import has_authenticator
from activities.models import Registration
from tests.factories import ActivityFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.mfa import totp_code
from tests.utils import PASSWORD, translated

LANGUAGES = ["es", "fr"]


def _check_accessibility(page) -> None:
    results = Axe().run(page)
    serious = [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{page.url}: {serious}"


def _sign_in(page, live_server, user, language):
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    _check_accessibility(page)
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]:not([formnovalidate])").click()
    if has_authenticator(user):  # staff always: the second step asks for the app's code
        _check_accessibility(page)
        page.fill("input[name=code]", totp_code(user))
        with page.expect_navigation():
            page.locator("main form button[type=submit]:not([form])").click()
    _check_accessibility(page)  # the page people land on after signing in


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_reads_a_public_webinar_and_switches_language(page, live_server, language):
    host = OrganisationFactory(visibility="public", name="Chikondi Girls Initiative")
    webinar = ActivityFactory(
        audience="public",
        type="webinar",
        hosts=[host],
        title_en="Ending child marriage",
        title_es="Acabar con el matrimonio infantil",
        title_fr="Mettre fin au mariage des enfants",
    )

    page.goto(f"{live_server.url}/{language}/activities/{webinar.pk}/")
    _check_accessibility(page)
    heading = page.locator("h1").inner_text()
    other = "fr" if language == "es" else "es"
    page.locator(f".language-switcher a[hreflang={other}]").click()
    page.wait_for_url(f"**/{other}/activities/{webinar.pk}/")

    expected = {
        "es": "Acabar con el matrimonio infantil",
        "fr": "Mettre fin au mariage des enfants",
    }
    assert heading == expected[language]
    assert page.locator("h1").inner_text() == expected[other]
    assert page.locator("html").get_attribute("lang") == other
    _check_accessibility(page)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_partner_finds_registers_downloads_and_cancels(page, live_server, language):
    person = MembershipFactory(user=UserFactory(language=language)).user
    activity = ActivityFactory(
        type="webinar",
        title_es="Seguridad digital",
        title_fr="Sécurité numérique",
        title_en="Digital safety",
        interpretation_languages="es,fr",
        starts_at=timezone.now() + datetime.timedelta(days=9),
        ends_at=timezone.now() + datetime.timedelta(days=9, hours=1),
    )
    ActivityFactory(type="call", title_en="Another call")
    _sign_in(page, live_server, person, language)

    page.goto(f"{live_server.url}/{language}/activities/")
    filters = page.locator("summary.list-filters-summary")
    if filters.is_visible():  # on a phone the filters are folded behind "Filter"
        filters.click()
    page.select_option("select[name=type]", "webinar")
    page.locator("form[role=search] button[type=submit]").click()
    _check_accessibility(page)
    page.locator(f"a[href='/{language}/activities/{activity.pk}/']").first.click()
    _check_accessibility(page)
    page.select_option("select[name=registration-interpretation_language]", language)
    with page.expect_navigation():
        page.locator("form[action$='/register/'] button[type=submit]").click()
    registration = Registration.objects.get(user=person)
    with page.expect_download() as download:
        page.locator(f"a[href$='/activities/{activity.pk}/calendar.ics']").click()
    ics = Path(download.value.path()).read_bytes()
    with page.expect_navigation():
        page.locator("form[action$='/cancel-registration/'] button").click()
    _check_accessibility(page)

    registration.refresh_from_db()
    assert registration.interpretation_language == language
    assert registration.status == "cancelled"
    assert b"BEGIN:VEVENT" in ics and b"meet.example" in ics
    assert translated(language, "Join this activity") in page.content()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_partner_changes_notification_preferences(page, live_server, language):
    person = MembershipFactory(user=UserFactory(language=language)).user
    _sign_in(page, live_server, person, language)

    page.goto(f"{live_server.url}/{language}/notifications/preferences/")
    _check_accessibility(page)
    page.uncheck("input[name=enabled][value=surveys]")
    page.uncheck("input[name=offsets][value='1440']")
    with page.expect_navigation():
        page.locator("main form button[type=submit]:not([formnovalidate])").click()

    from accounts.models import User
    from notifications.services import settings_for

    prefs = settings_for(User.objects.get(pk=person.pk))
    assert not prefs.wants("surveys")
    assert prefs.reminder_offsets == [60]
    assert translated(language, "Your email choices are saved.") in page.content()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_partner_proposes_the_working_group_agrees_and_she_publishes_it(
    page, browser, live_server, language
):
    from tests.factories import StaffFactory
    from workinggroup import decisions
    from workinggroup.models import DecisionRound

    person = MembershipFactory(user=UserFactory(language=language)).user
    staff = StaffFactory(language=language)
    member = UserFactory(is_working_group_member=True)
    title = {"es": "Taller de cuidado colectivo", "fr": "Atelier de soin collectif"}[language]
    _sign_in(page, live_server, person, language)

    page.goto(f"{live_server.url}/{language}/working-group/propose/")
    _check_accessibility(page)
    page.fill("input[name=title]", title)
    page.fill("textarea[name=description]", "…")
    page.select_option("select[name=activity_type]", "community_building")
    page.check(f"input[name=spoken][value={language}]")
    page.locator("main form button[type=submit]:not([formnovalidate])").click()
    page.wait_for_url("**/working-group/items/*/")
    _check_accessibility(page)
    with page.expect_navigation():
        page.locator("form[action$='/act/'] input[value=submit] ~ button").click()
    item_url = page.url

    # Staff facilitate: they open the Working Group's decision, with the activity's schedule.
    staff_context = browser.new_context(viewport={"width": 1280, "height": 900})
    staff_page = staff_context.new_page()
    _sign_in(staff_page, live_server, staff, language)
    staff_page.goto(f"{live_server.url}/{language}/working-group/queue/")
    _check_accessibility(staff_page)
    staff_page.locator(f"text={title}").click()
    with staff_page.expect_navigation():
        staff_page.locator("a[href$='/decide/']").click()
    _check_accessibility(staff_page)
    closes = timezone.now() + datetime.timedelta(days=2)
    staff_page.check("input[name=method][value=consent]")
    staff_page.fill("input[name=closes_at]", closes.strftime("%Y-%m-%dT%H:%M"))
    staff_page.select_option("select[name=closes_zone]", "UTC")
    staff_page.fill("input[name=starts_at]", "2031-06-02T15:00")
    staff_page.fill("input[name=ends_at]", "2031-06-02T16:30")
    staff_page.select_option("select[name=timezone]", "America/Bogota")
    with staff_page.expect_navigation():
        staff_page.locator("main form button[type=submit]").click()
    _check_accessibility(staff_page)
    staff_context.close()
    # A member consents; the decision closes at its deadline (the beat task's service).
    decision_round = DecisionRound.objects.get()
    decisions.take_position(decision_round=decision_round, by=member, stance="consent")
    decisions.close_round(decision_round=decision_round, now=decision_round.closes_at)

    # Agreed, it is the partner's own activity, a draft: she publishes it (partners decide).
    page.goto(item_url)
    _check_accessibility(page)
    with page.expect_navigation():
        page.locator("main a[href*='/activities/']").first.click()
    _check_accessibility(page)
    with page.expect_navigation():
        page.locator("form[action$='/publish/'] button").click()
    _check_accessibility(page)

    page.goto(f"{live_server.url}/{language}/activities/?q={title.split()[0]}")
    _check_accessibility(page)
    assert title in page.content()
    assert item_url.startswith(live_server.url)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("viewport", [(390, 844), (1366, 900)], ids=["phone", "desktop"])
def test_a_working_group_member_objects_and_the_proposer_is_asked_for_changes(
    page, browser, live_server, language, viewport
):
    from tests.factories import ItemFactory, StaffFactory
    from workinggroup import decisions
    from workinggroup.enums import ItemState

    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    member = MembershipFactory(
        user=UserFactory(language=language, is_working_group_member=True, display_name="Ana Tzul")
    ).user
    item = ItemFactory(
        title_en="Rotate the call times",
        title_es="Rotar el horario de las llamadas",
        title_fr="Faire tourner l’horaire des appels",
        proposer=UserFactory(language=language),
        state=ItemState.ON_AGENDA,
    )
    decision_round = decisions.open_decision(
        item=item,
        by=StaffFactory(),
        version=item.version,
        method="consent",
        closes_at=timezone.now() + datetime.timedelta(days=2),
    )
    reason = {"es": "Primero hay que consultar a Asia.", "fr": "Il faut d’abord consulter l’Asie."}
    _sign_in(page, live_server, member, language)

    page.goto(f"{live_server.url}/{language}/working-group/items/{item.pk}/")
    _check_accessibility(page)
    page.check("input[name=stance][value=object]")
    page.fill("textarea[name=reason]", reason[language])
    with page.expect_navigation():
        page.locator("form[action$='/position/'] button[type=submit]").click()
    _check_accessibility(page)
    positions = page.locator("#positions").inner_text()
    assert "Ana Tzul" in positions and reason[language] in positions
    assert translated(language, "I object", "stance") in positions

    decisions.close_round(decision_round=decision_round, now=decision_round.closes_at)
    proposer_context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, locale="en-US"
    )
    proposer_page = proposer_context.new_page()
    _sign_in(proposer_page, live_server, item.proposer, language)
    proposer_page.goto(f"{live_server.url}/{language}/working-group/items/{item.pk}/")
    _check_accessibility(proposer_page)
    content = proposer_page.content()
    proposer_context.close()
    assert translated(language, "Changes requested", "proposal state") in content
    assert reason[language] in content
    assert "Ana Tzul" not in content


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_partner_answers_a_survey_and_staff_see_results_only_after_the_threshold(
    page, browser, live_server, language, settings
):
    from feedback.services import move_pending
    from tests.factories import StaffFactory, SurveyFactory
    from tests.feedback.utils import answer_data

    survey = SurveyFactory(title_es="Encuesta anual", title_fr="Questionnaire annuel")
    person = MembershipFactory(user=UserFactory(language=language)).user
    _sign_in(page, live_server, person, language)

    page.goto(f"{live_server.url}/{language}/feedback/{survey.pk}/")
    _check_accessibility(page)
    page.locator("input[type=radio][value='4']").check()
    page.locator("main form button[type=submit]:not([formnovalidate])").click()
    page.wait_for_url(f"**/{language}/feedback/")
    _check_accessibility(page)
    move_pending(survey_id=survey.pk)

    staff_context = browser.new_context()
    staff_page = staff_context.new_page()
    _sign_in(staff_page, live_server, StaffFactory(language=language), language)
    staff_page.goto(f"{live_server.url}/{language}/feedback/{survey.pk}/results/")
    _check_accessibility(staff_page)
    before = staff_page.content()
    from django.test import Client

    for _ in range(4):
        other = Client()
        other.force_login(MembershipFactory().user)
        other.post(f"/en/feedback/{survey.pk}/", answer_data(survey))
    survey.closes_on = survey.opens_on
    survey.save()
    move_pending(survey_id=survey.pk)
    staff_page.reload()
    _check_accessibility(staff_page)
    after = staff_page.content()
    staff_context.close()

    assert "<svg" not in before
    assert "<svg" in after
    assert translated(language, "Download the anonymous answers (CSV)") in after


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_alone_skip_link_sign_in_and_register(page, live_server, language):
    person = MembershipFactory(user=UserFactory(language=language)).user
    activity = ActivityFactory(interpretation_languages="")

    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    focused_main = page.evaluate("document.activeElement.id")
    page.focus("input[name=login]")
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{language}/")
    _check_accessibility(page)
    page.goto(f"{live_server.url}/{language}/activities/{activity.pk}/")
    _check_accessibility(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.textContent || ''").strip()
        if label == translated(language, "Register"):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert skip == "#main"
    assert focused_main == "main"
    assert Registration.objects.get(user=person).status == "confirmed"
