"""The active filters of a list page shown as chips above its results: built only from a valid
form's cleaned data and its own labels and choices, each a link to the same list without that
filter (the others kept, the page number dropped)."""

from urllib.parse import parse_qs

import pytest
from django import forms

from core.filters import active_filter_chips
from core.forms import SafeTextMixin
from tests.factories import ActivityFactory, OrganisationFactory
from tests.hardening.test_list_pages import Page


class Filters(SafeTextMixin, forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    language = forms.ChoiceField(
        label="Language", required=False, choices=[("", "Any"), ("es", "Spanish"), ("fr", "French")]
    )
    when = forms.ChoiceField(
        label="When", required=False, choices=[("upcoming", "Upcoming"), ("past", "Past")]
    )


def _query(url: str) -> dict:
    assert url.startswith("?")
    return parse_qs(url[1:])


def test_chips_name_each_filled_filter_with_its_label_and_choice():
    form = Filters({"q": "water", "language": "es", "page": "3"})

    chips = active_filter_chips(form)

    assert [chip.text for chip in chips] == ["Search: water", "Language: Spanish"]
    assert [chip.remove_label for chip in chips] == [
        "Remove filter Search: water",
        "Remove filter Language: Spanish",
    ]


def test_chip_removes_only_its_filter_and_keeps_the_others():
    form = Filters({"q": "water", "language": "es", "when": "past", "page": "3"})

    search, language = active_filter_chips(form, keep=["when"])

    assert _query(search.remove_url) == {"language": ["es"], "when": ["past"]}
    assert _query(language.remove_url) == {"q": ["water"], "when": ["past"]}


def test_the_only_filter_links_to_the_bare_list():
    [chip] = active_filter_chips(Filters({"language": "fr"}))

    assert chip.remove_url == "?"


def test_unbound_or_empty_forms_have_no_chips():
    assert active_filter_chips(Filters()) == []
    assert active_filter_chips(Filters({"q": "", "language": ""})) == []


def test_an_invalid_form_has_no_chips_and_echoes_nothing():
    form = Filters({"language": "<script>alert(1)</script>", "q": "water"})

    assert active_filter_chips(form) == []


def test_unknown_parameters_never_reach_a_chip_link():
    form = Filters({"language": "es", "evil": "<b>x</b>", "q": "ok"})

    chips = active_filter_chips(form)

    assert all("evil" not in chip.remove_url for chip in chips)


@pytest.mark.django_db
def test_activity_list_shows_removable_chips_escaped(client):
    ActivityFactory(audience="public", spoken_languages="es")
    hostile = 'agua"><img src=x onerror=alert(1)>'

    response = client.get("/en/activities/", {"language": "es", "q": hostile})
    html = response.content.decode()
    links = {
        attributes.get("aria-label"): attributes["href"]
        for tag, attributes in Page(html).elements
        if tag == "a" and "filter-chip" in attributes.get("class", "")
    }

    assert response.status_code == 200
    assert hostile not in html
    assert "agua&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert set(links) == {
        "Remove filter Language: Spanish",
        f"Remove filter Search: {hostile}",
    }
    assert _query(links["Remove filter Language: Spanish"]) == {
        "when": ["upcoming"],
        "q": [hostile],
    }
    assert _query(links[f"Remove filter Search: {hostile}"]) == {
        "when": ["upcoming"],
        "language": ["es"],
    }


@pytest.mark.django_db
def test_past_activities_chip_keeps_the_past(client):
    response = client.get("/en/activities/", {"when": "past", "type": "webinar"})
    [href] = [
        attributes["href"]
        for tag, attributes in Page(response.content.decode()).elements
        if tag == "a" and "filter-chip" in attributes.get("class", "")
    ]

    assert _query(href) == {"when": ["past"]}


@pytest.mark.django_db
def test_directory_chip_shows_the_offered_label(client):
    OrganisationFactory(visibility="public", country="KE")

    response = client.get("/en/partners/", {"country": "KE"})
    html = response.content.decode()

    assert response.status_code == 200
    assert 'aria-label="Remove filter Country: Kenya"' in html
    assert "Country: Kenya <span" in html


@pytest.mark.django_db
def test_refused_filter_opens_the_form_and_shows_no_chip(client):
    response = client.get("/en/activities/", {"month": "2026-13", "language": "es"})
    html = response.content.decode()

    assert response.status_code == 400
    assert '<details class="list-filters" open>' in html
    assert "filter-chip" not in html


@pytest.mark.django_db
def test_unfiltered_list_has_its_filters_folded_and_no_chips(client):
    response = client.get("/en/activities/")
    html = response.content.decode()

    assert '<details class="list-filters">' in html
    assert "filter-chips" not in html
