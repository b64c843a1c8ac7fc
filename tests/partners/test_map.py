"""The partner map draws its world in the page (no image to fetch on a slow connection)."""

import pytest


@pytest.mark.django_db
def test_the_map_is_drawn_in_the_page_without_fetching_an_image(client):
    page = client.get("/en/partners/map/").content.decode()

    assert "world-map.svg" not in page
    assert page.count('<g aria-hidden="true">') == 1
    assert page.count("<path d=") > 150  # the countries
