"""The resource library in a real browser: a visitor finds a Spanish toolkit, on a phone and on
a desktop screen, with axe-core checking each page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resources.models import ResourceFile
from tests.browser.test_journeys import _check_accessibility
from tests.factories import OrganisationFactory, ResourceFactory

PDF = b"%PDF-1.4 guia"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [(390, 844), (1366, 900)], ids=["phone", "desktop"])
def test_a_visitor_finds_a_spanish_toolkit(page, live_server, settings, tmp_path, viewport):
    settings.MEDIA_ROOT = tmp_path
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    maker = OrganisationFactory(visibility="public", name="Mujeres Unidas por la Salud")
    toolkit = ResourceFactory(
        title_en="Health promoters toolkit",
        title_es="Caja de herramientas para promotoras",
        summary_es="Fichas y juegos para talleres.",
        original_language="es",
        organisations=[maker],
        files=False,
    )
    spanish = ResourceFile.objects.create(
        resource=toolkit, language="es", file=SimpleUploadedFile("guia.pdf", PDF)
    )
    ResourceFile.objects.create(
        resource=toolkit, language="fr", file=SimpleUploadedFile("guide.pdf", PDF)
    )
    ResourceFactory(title_en="Budget curriculum", kind="curriculum")

    page.goto(f"{live_server.url}/es/library/")
    _check_accessibility(page)
    filters = page.locator("details.list-filters")
    if viewport[0] < 992:
        # On a phone the filters wait behind their disclosure.
        filters.locator("summary").click()
    filters.locator("input[name=q]").fill("herramientas")
    filters.locator("select[name=type]").select_option("toolkit")
    filters.locator("select[name=language]").select_option("es")
    with page.expect_navigation():
        filters.locator("button[type=submit]").click()
    _check_accessibility(page)
    assert page.locator(".filter-chip").count() == 3
    assert page.locator("text=Budget curriculum").count() == 0

    with page.expect_navigation():
        page.get_by_role("link", name="Caja de herramientas para promotoras").click()
    _check_accessibility(page)
    assert page.locator("h1").inner_text() == "Caja de herramientas para promotoras"
    download = page.locator(f"a[href$='/files/{spanish.pk}/']")
    assert download.get_attribute("hreflang") == "es"
    assert "español" in download.inner_text()
    response = page.request.get(f"{live_server.url}{download.get_attribute('href')}")
    assert response.status == 200 and response.body() == PDF
