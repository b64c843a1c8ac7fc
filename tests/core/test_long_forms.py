"""Long forms read as sections, pick several things with checkboxes (never a Ctrl-click
<select multiple>), and list their errors at the top, each linking to its field (issue 14)."""

import importlib
import inspect
import re

import pytest
from django import forms

from partners.enums import MembershipRole, Visibility
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
)
from tests.utils import text_of

FORM_MODULES = [
    "accounts.forms",
    "activities.forms",
    "feedback.forms",
    "notifications.forms",
    "partners.forms",
    "workinggroup.forms",
]


def _legends(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>|\s+", " ", legend).strip()
        for legend in re.findall(r"<legend[^>]*>(.*?)</legend>", html, re.S)
    ]


def _multiple_selects(html: str) -> list[str]:
    return [tag for tag in re.findall(r"<select[^>]*>", html) if re.search(r"\smultiple\b", tag)]


def test_no_project_form_picks_several_things_with_a_ctrl_click_list():
    found = []
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, form_class in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form_class, forms.BaseForm) or form_class.__module__ != module_name:
                continue
            for field_name, field in form_class.base_fields.items():
                if isinstance(field.widget, forms.SelectMultiple):
                    found.append(f"{name}.{field_name}")

    assert found == []


def _form_pages(client):
    """Every long form page, as someone who may open it: (url, user)."""
    staff = StaffFactory()
    lead = MembershipFactory(role=MembershipRole.LEAD)
    activity = ActivityFactory()
    return [
        ("/en/activities/new/", staff),
        (f"/en/activities/{activity.pk}/edit/", staff),
        ("/en/working-group/propose/", lead.user),
        ("/en/working-group/recommend/", lead.user),
        (f"/en/partners/{lead.organisation.slug}/edit/", lead.user),
        (f"/en/partners/{lead.organisation.slug}/edit/", staff),
        ("/en/feedback/manage/new/", staff),
    ]


@pytest.mark.django_db
def test_every_long_form_is_in_sections_with_checkboxes_and_every_field_shown(client):
    for url, user in _form_pages(client):
        client.force_login(user)
        response = client.get(url)
        html = response.content.decode()
        form = response.context["form"]

        assert response.status_code == 200, url
        assert 'class="form-section"' in html, url
        assert _legends(html), url
        assert _multiple_selects(html) == [], url
        assert "Fields marked * are required." in html, url
        # A field left out of a hand-laid template would be lost on save.
        missing = [
            name
            for name in form.fields
            if f'name="{form.add_prefix(name)}"' not in html and name != "remove_logo"
        ]
        assert missing == [], url


@pytest.mark.django_db
def test_the_proposal_form_offers_hosts_as_checkboxes_without_hidden_ones(client):
    lead = MembershipFactory(role=MembershipRole.LEAD).user
    visible = OrganisationFactory(name="Open Circle")
    hidden = OrganisationFactory(name="Zqx Shelter", visibility=Visibility.HIDDEN)
    client.force_login(lead)

    html = text_of(client.get("/en/working-group/propose/"))

    offered = set(re.findall(r'name="proposed_hosts" value="(\d+)"', html))
    assert str(visible.pk) in offered and str(hidden.pk) not in offered
    assert "Zqx Shelter" not in html
    assert any(legend.startswith("Proposed host organisations") for legend in _legends(html))


@pytest.mark.django_db
def test_a_proposal_with_errors_lists_them_at_the_top_linked_to_the_fields(client):
    lead = MembershipFactory(role=MembershipRole.LEAD).user
    client.force_login(lead)

    response = client.post("/en/working-group/propose/", {"language": "en", "title": ""})

    html = text_of(response)
    summary = html.split('form-error-summary" role="alert"', 1)[1].split("</div>", 1)[0]
    assert response.status_code == 400
    assert 'href="#id_title"' in summary
    assert 'href="#id_description"' in summary
    assert 'href="#div_id_spoken"' in summary
    assert 'id="id_title_error"' in html


@pytest.mark.django_db
def test_the_profile_form_folds_the_other_languages_until_they_are_written(client):
    lead = MembershipFactory(role=MembershipRole.LEAD)
    organisation = lead.organisation
    organisation.description_fr = "Nous formons des animatrices."
    organisation.save()
    client.force_login(lead.user)

    html = client.get(f"/en/partners/{organisation.slug}/edit/").content.decode()

    # English (the page's language) open above; Spanish folded; French open: it has text.
    folds = re.findall(r'<details class="form-fold mb-3"( open)?>\s*<summary>([^<]*)<', html)
    assert folds == [
        ("", "Description and mission in Spanish (optional)"),
        (" open", "Description and mission in French (optional)"),
    ]
    assert 'name="description_en"' in html.split('<details class="form-fold', 1)[0]


@pytest.mark.django_db
def test_the_profile_form_sections_in_english(client):
    lead = MembershipFactory(role=MembershipRole.LEAD)
    client.force_login(lead.user)

    html = client.get(f"/en/partners/{lead.organisation.slug}/edit/").content.decode()

    legends = _legends(html)
    for section in (
        "Identity",
        "Where",
        "What we do",
        "Languages",
        "Links and contact",
        "Visibility",
    ):
        assert section in legends
    assert "Set by the Learning Lab team" not in legends


@pytest.mark.django_db
def test_the_survey_form_lists_its_errors_at_the_top(client):
    client.force_login(StaffFactory())

    response = client.post("/en/feedback/manage/new/", {"audience": "partners"})

    html = text_of(response)
    assert response.status_code == 400
    summary = html.split('form-error-summary" role="alert"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_opens_on"' in summary and 'href="#id_closes_on"' in summary
    assert "Give the survey a title in at least one language." in summary
    assert {"Who and when", "Title and introduction"} <= set(_legends(html))


@pytest.mark.django_db
def test_the_folded_languages_are_named_as_inside_a_sentence_in_french(client):
    """ "Titre et description en anglais", never "en Anglais": a language named inside a
    sentence is lower-case in French and Spanish."""
    client.force_login(MembershipFactory().user)

    html = client.get("/fr/activities/new/").content.decode()

    folds = re.findall(r'<details class="form-fold mb-3"(?: open)?>\s*<summary>([^<]*)<', html)
    assert folds == [
        "Titre et description en anglais (facultatif)",
        "Titre et description en espagnol (facultatif)",
    ]
