"""The activity form: sections, pickers without Ctrl-click, a filter that works without
JavaScript, defaults taken from the creator, and errors listed at the top (issue 14)."""

import re

import pytest

from activities.models import Activity
from partners.enums import MembershipRole, Visibility
from tests.activities.test_calendars import _edit_data
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import text_of


def text_of_html(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def _legends(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>|\s+", " ", legend).strip()
        for legend in re.findall(r"<legend[^>]*>(.*?)</legend>", html, re.S)
    ]


def _ticked(html: str, name: str) -> set[str]:
    return set(
        re.findall(rf'<input type="checkbox"[^>]*name="{name}" value="([^"]+)"[^>]*checked', html)
    )


def _offered(html: str, name: str) -> set[str]:
    return set(re.findall(rf'<input type="checkbox"[^>]*name="{name}" value="([^"]+)"', html))


def _host_lead():
    """A partner lead whose organisation hosts an activity: they may edit it."""
    activity = ActivityFactory()
    organisation = OrganisationFactory(name="Tujenge Circle")
    activity.host_organisations.add(organisation)
    lead = MembershipFactory(organisation=organisation, role=MembershipRole.LEAD).user
    return activity, organisation, lead


@pytest.mark.django_db
def test_the_form_is_in_sections_with_legends_and_no_ctrl_click_list(client):
    client.force_login(StaffFactory())

    html = client.get("/en/activities/new/").content.decode()

    legends = _legends(html)
    for section in ("What", "When", "Where", "Who"):
        assert section in legends
    # Set from the creator's language, "Languages" is folded and says what it holds.
    assert re.search(
        r'<details class="form-section form-fold" id="section-languages">\s*<summary>Languages'
        r'<span class="form-fold-status">Spoken: English\. Interpretation into: none\.</span>',
        html,
    )
    # Every group of checkboxes or radios has its own legend.
    for group in ("Host organisations", "Host people", "Languages spoken", "Publish"):
        assert any(legend.startswith(group) for legend in legends), group
    assert "<select multiple" not in html and " multiple>" not in html
    assert 'name="filter_hosts"' in html and "formnovalidate" in html
    # The other languages' title and description are folded until they are used.
    assert html.count('<details class="form-fold mb-3">') == 2
    assert "Fields marked * are required." in html
    # No host ticked yet: "Who" is open.
    assert 'id="section-who"' in html and "section-who-folded" not in html
    assert "(required)" in html


@pytest.mark.django_db
def test_a_new_activity_starts_from_its_creator(client):
    staff = StaffFactory(language="fr", timezone="Africa/Dakar")
    led = MembershipFactory(user=staff, role=MembershipRole.LEAD).organisation
    MembershipFactory(user=staff, role=MembershipRole.MEMBER)  # a member only: not ticked
    client.force_login(staff)

    response = client.get("/es/activities/new/")

    form = response.context["form"]
    html = response.content.decode()
    assert form.initial["host_organisations"] == [led.pk]
    assert _ticked(html, "host_organisations") == {str(led.pk)}
    assert _ticked(html, "host_people") == {str(staff.pk)}
    assert form.initial["timezone"] == "Africa/Dakar"
    assert form.initial["spoken"] == ["fr"]
    assert form.initial["original_language"] == "es"
    assert form["format"].value() == "online"
    assert form["audience"].value() == "community"
    assert form["status"].value() == "scheduled"
    # Everything in "Who" is set already: it starts folded, saying what it holds.
    who = html.split('id="section-who-folded"', 1)[1].split("</summary>", 1)[0]
    assert f"{led.name}, {staff.display_name}." in text_of_html(who)


@pytest.mark.django_db
def test_editing_keeps_the_activitys_own_values_not_the_editors(client):
    activity, _organisation, lead = _host_lead()
    lead.language, lead.timezone = "es", "America/Bogota"
    lead.save()
    client.force_login(lead)

    form = client.get(f"/en/activities/{activity.pk}/edit/").context["form"]

    assert form["timezone"].value() == "Africa/Dakar"
    assert form["spoken"].value() == ["en"]
    assert form["host_people"].value() == []


@pytest.mark.django_db
def test_the_filter_step_narrows_the_list_keeps_what_was_typed_and_saves_nothing(client):
    staff = StaffFactory()
    ticked = OrganisationFactory(name="Mujeres Unidas")
    wanted = OrganisationFactory(name="Femmes Debout")
    other = OrganisationFactory(name="Tujenge Circle")
    client.force_login(staff)
    data = _edit_data(ActivityFactory(), host_organisations=[ticked.pk], status="scheduled")
    data.update(
        title_en="Half-written title",
        description_es="Una descripción a medias",
        starts_at="",  # not filled in yet: no error is shown at this step
        host_organisations_filter="femmes",
        filter_hosts="host_organisations",
    )
    before = Activity.objects.count()

    response = client.post("/en/activities/new/", data)

    html = text_of(response)
    assert response.status_code == 200
    assert Activity.objects.count() == before
    assert _offered(html, "host_organisations") == {str(ticked.pk), str(wanted.pk)}
    assert _ticked(html, "host_organisations") == {str(ticked.pk)}
    assert other.name not in html
    assert 'value="Half-written title"' in html
    assert "Una descripción a medias" in html
    assert 'value="femmes"' in html
    assert "form-error-summary" not in html and "invalid-feedback" not in html


@pytest.mark.django_db
def test_the_filter_finds_people_by_name(client):
    activity, _organisation, lead = _host_lead()
    amina = MembershipFactory(user=UserFactory(display_name="Amina Diallo")).user
    other = MembershipFactory(user=UserFactory(display_name="Zawadi Otieno")).user
    client.force_login(lead)

    response = client.post(
        f"/en/activities/{activity.pk}/edit/",
        _edit_data(activity, host_people_filter="AMINA", filter_hosts="host_people"),
    )

    html = text_of(response)
    assert response.status_code == 200
    assert str(amina.pk) in _offered(html, "host_people")
    assert str(other.pk) not in _offered(html, "host_people")


@pytest.mark.django_db
def test_the_filter_never_offers_a_hidden_organisation_or_its_people(client):
    activity, organisation, lead = _host_lead()
    hidden = OrganisationFactory(name="Tujenge Hidden Shelter", visibility=Visibility.HIDDEN)
    hidden_person = MembershipFactory(
        organisation=hidden, user=UserFactory(display_name="Tujenge Secret")
    ).user
    client.force_login(lead)

    response = client.post(
        f"/en/activities/{activity.pk}/edit/",
        _edit_data(
            activity,
            # Even sent as ticked, a hidden host is not shown back.
            host_organisations=[organisation.pk, hidden.pk],
            host_people=[hidden_person.pk],
            host_organisations_filter="tujenge",
            host_people_filter="tujenge",
            filter_hosts="host_organisations",
        ),
    )

    html = text_of(response)
    assert response.status_code == 200
    assert _offered(html, "host_organisations") == {str(organisation.pk)}
    assert _offered(html, "host_people") == set()
    assert "Hidden Shelter" not in html and "Tujenge Secret" not in html
    assert not activity.host_organisations.filter(pk=hidden.pk).exists()


@pytest.mark.django_db
def test_the_filter_step_is_refused_to_a_partner_who_may_not_edit(client):
    activity, _organisation, _lead = _host_lead()
    client.force_login(MembershipFactory(role=MembershipRole.LEAD).user)

    response = client.post(
        f"/en/activities/{activity.pk}/edit/",
        _edit_data(activity, filter_hosts="host_organisations", host_organisations_filter="a"),
    )

    assert response.status_code == 403


@pytest.mark.django_db
def test_a_visitor_is_sent_to_sign_in_from_the_filter_step(client):
    response = client.post("/en/activities/new/", {"filter_hosts": "host_organisations"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_errors_are_listed_at_the_top_each_linking_to_its_field(client):
    activity, _organisation, lead = _host_lead()
    client.force_login(lead)

    response = client.post(
        f"/en/activities/{activity.pk}/edit/",
        _edit_data(activity, ends_at="2031-05-06T09:00", host_organisations=[], spoken=[]),
    )

    html = text_of(response)
    summary = html.split('class="alert alert-danger form-error-summary"')[1].split("</div>")[0]
    assert response.status_code == 400
    assert 'href="#id_ends_at"' in summary
    assert 'href="#div_id_host_organisations"' in summary
    assert 'href="#div_id_spoken"' in summary
    assert 'id="div_id_host_organisations"' in html and 'id="div_id_spoken"' in html
    # Each error is also tied to its field for screen readers.
    assert re.search(
        r'id="id_ends_at"[^>]*aria-describedby="id_ends_at_error"|'
        r'aria-describedby="id_ends_at_error"[^>]*id="id_ends_at"',
        html,
    )
    assert 'aria-describedby="id_host_organisations_helptext id_host_organisations_error"' in html
    assert 'id="id_host_organisations_error"' in html
