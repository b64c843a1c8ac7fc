"""The long forms in a real browser (issue 14): sections on a phone, the host pickers filtered
live with JavaScript and by the "Filter" button without it, and no serious axe violation."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from activities.models import Activity
from partners.enums import MembershipRole
from tests.browser.viewports import DESKTOP, PHONE
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory

# Set FORM_SHOTS=/some/dir to keep full-page screenshots of each form for a human to look at.
SHOTS = os.environ.get("FORM_SHOTS")


def _signed_in(browser, live_server, user, *, viewport=PHONE, javascript=True):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport, locale="en-US", java_script_enabled=javascript)
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


def _serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def _wider_than_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _world():
    staff = StaffFactory()
    MembershipFactory(user=staff, role=MembershipRole.LEAD, organisation__name="Mujeres Unidas")
    for name in ("Femmes Debout", "Tujenge Circle", "Open Circle", "Sauti Yetu", "Ubuntu Hub"):
        OrganisationFactory(name=name)
    return staff


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_activity_form_reads_as_sections_and_filters_hosts_live(browser, live_server, viewport):
    staff = _world()
    context, page = _signed_in(browser, live_server, staff, viewport=viewport)

    page.goto(f"{live_server.url}/en/activities/new/")
    _shot(page, f"activity-new-{viewport['width']}")
    page.locator("#section-who-folded > summary").click()  # the creator's hosts are ticked
    page.fill("#id_host_organisations_filter", "femmes")
    visible = page.locator("#div_id_host_organisations [data-picker-option]:visible")

    assert _serious_violations(page) == []
    assert not _wider_than_screen(page)
    # The creator's organisation stays (it is ticked); of the others only the match is left.
    assert sorted(visible.all_inner_texts()) == ["Femmes Debout", "Mujeres Unidas"]
    context.close()


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_filter_button_narrows_the_list_and_keeps_the_form(
    browser, live_server
):
    staff = _world()
    context, page = _signed_in(browser, live_server, staff, javascript=False)
    before = Activity.objects.count()

    page.goto(f"{live_server.url}/en/activities/new/")
    page.fill("#id_title_en", "Caring for the carers")
    page.locator("#section-who-folded > summary").click()
    page.fill("#id_host_organisations_filter", "circle")
    with page.expect_navigation():
        page.locator("button[name=filter_hosts][value=host_organisations]").click()
    labels = page.locator("#div_id_host_organisations label.form-check-label").all_inner_texts()

    assert sorted(labels) == ["Mujeres Unidas", "Open Circle", "Tujenge Circle"]
    assert page.input_value("#id_title_en") == "Caring for the carers"
    assert page.is_checked("#div_id_host_organisations input[type=checkbox]:near(:text('Mujeres'))")
    assert page.locator(".form-error-summary").count() == 0
    assert page.url.endswith("/en/activities/new/#div_id_host_organisations")
    assert Activity.objects.count() == before
    context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_profile_and_proposal_forms_fit_and_pass_axe(browser, live_server, viewport):
    lead = MembershipFactory(role=MembershipRole.LEAD)
    for name in ("Femmes Debout", "Tujenge Circle", "Open Circle"):
        OrganisationFactory(name=name)
    context, page = _signed_in(browser, live_server, lead.user, viewport=viewport)

    for name, path in (
        ("profile", f"/en/partners/{lead.organisation.slug}/edit/"),
        ("proposal", "/en/working-group/propose/"),
    ):
        page.goto(f"{live_server.url}{path}")
        _shot(page, f"{name}-{viewport['width']}")
        assert _serious_violations(page) == [], path
        assert not _wider_than_screen(page), path
    # An empty proposal: the errors are listed at the top and link to their fields.
    page.locator("main form .form-actions button[type=submit]").click()
    page.wait_for_selector(".form-error-summary")
    _shot(page, f"proposal-errors-{viewport['width']}")
    page.locator(".form-error-summary a[href='#id_title']").click()
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert _serious_violations(page) == []
    context.close()


@pytest.mark.django_db(transaction=True)
def test_the_survey_form_fits_a_phone_and_passes_axe(browser, live_server):
    context, page = _signed_in(browser, live_server, StaffFactory())

    page.goto(f"{live_server.url}/en/feedback/manage/new/")
    page.locator("main form .form-actions button[type=submit]").click()
    page.wait_for_selector(".form-error-summary")
    _shot(page, "survey-errors-390")

    assert _serious_violations(page) == []
    assert not _wider_than_screen(page)
    context.close()
