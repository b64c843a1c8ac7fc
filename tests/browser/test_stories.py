"""A partner publishes a story (issue 17), in a real browser on a phone and on a desktop screen:
"Write a story" from My Lab, the form, a photo with its description, sending it for review;
the team publishes it; a visitor finds it in the public list. axe-core checks each page."""

import io

import pytest
from PIL import Image

from stories.enums import StoryState
from stories.models import Story, StoryPhoto
from tests.browser.test_journeys import _check_accessibility, _sign_in
from tests.browser.viewports import DESKTOP, PHONE
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory


def _photo() -> bytes:
    image = Image.new("RGB", (1200, 800), (40, 110, 150))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (14.0, 41.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_partner_publishes_a_story(browser, live_server, viewport, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisation = OrganisationFactory(name="Colectiva Semillas", visibility="public")
    partner = MembershipFactory(organisation=organisation, user=UserFactory(language="es")).user
    staff = StaffFactory()
    title = "Semillas que viajan de mano en mano"
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        _sign_in(page, live_server, partner, "es")
        page.goto(f"{live_server.url}/es/")
        with page.expect_navigation():
            page.locator("main a[href='/es/stories/new/']").click()
        _check_accessibility(page)
        page.select_option("select[name=language]", "es")
        page.fill("input[name=title]", title)
        page.fill("textarea[name=body]", "Cada familia guarda semillas y las comparte en la feria.")
        page.check("input[name=audience][value=public]")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        _check_accessibility(page)
        story = Story.objects.get()
        with page.expect_navigation():
            page.locator(f"main a[href='/es/stories/{story.pk}/photos/new/']").click()
        _check_accessibility(page)
        page.set_input_files(
            "input[name=image]",
            files=[{"name": "feria.jpg", "mimeType": "image/jpeg", "buffer": _photo()}],
        )
        page.fill("input[name=alt_text]", "Mujeres intercambian bolsas de semillas en una feria")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        _check_accessibility(page)
        assert StoryPhoto.objects.filter(story=story).exists()
        page.goto(f"{live_server.url}/es/stories/{story.pk}/")
        _check_accessibility(page)
        with page.expect_navigation():
            page.locator("main form[action$='/act/'] button").first.click()
        _check_accessibility(page)
        story.refresh_from_db()
        assert story.state == StoryState.IN_REVIEW
    finally:
        context.close()

    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        _sign_in(page, live_server, staff, "en")
        page.goto(f"{live_server.url}/en/stories/")
        _check_accessibility(page)
        with page.expect_navigation():
            page.locator(f"main a[href='/en/stories/{story.pk}/']").first.click()
        _check_accessibility(page)
        with page.expect_navigation():
            page.locator("main form[action$='/act/'] input[value=publish] ~ button").click()
        _check_accessibility(page)
        story.refresh_from_db()
        assert story.state == StoryState.PUBLISHED
    finally:
        context.close()

    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/es/stories/")
        _check_accessibility(page)
        assert title in page.content()
        assert "Colectiva Semillas" in page.content()
        with page.expect_navigation():
            page.locator(f"main a[href='/es/stories/{story.pk}/']").first.click()
        _check_accessibility(page)
        assert page.locator("article img[alt^='Mujeres']").count() == 1
        assert page.locator("meta[property='og:title']").get_attribute("content") == title
    finally:
        context.close()
