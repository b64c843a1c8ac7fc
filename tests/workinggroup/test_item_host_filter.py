"""The proposed hosts of an activity proposal are a checkbox list with a filter that works
without JavaScript: "Filter" re-posts the form, which comes back unsaved, narrowed, with
everything typed kept, and never offers an organisation hidden from the proposer."""

import pytest

from partners.enums import MembershipRole, Visibility
from tests.factories import MembershipFactory, OrganisationFactory
from tests.utils import text_of
from workinggroup.models import Item


def _lead():
    return MembershipFactory(role=MembershipRole.LEAD).user


@pytest.mark.django_db
def test_filter_narrows_the_hosts_keeps_the_text_and_saves_nothing(client):
    OrganisationFactory(name="Colectiva Semillas")
    ticked = OrganisationFactory(name="Tujenge Women's Network")
    client.force_login(_lead())

    response = client.post(
        "/en/working-group/propose/",
        {
            "language": "en",
            "title": "Bookkeeping exchange",
            "proposed_hosts": [str(ticked.pk)],
            "proposed_hosts_filter": "semillas",
            "filter_hosts": "proposed_hosts",
        },
    )

    page = text_of(response)
    assert response.status_code == 200
    assert not Item.objects.exists()
    assert 'value="Bookkeeping exchange"' in page
    assert "Colectiva Semillas" in page
    assert "Tujenge Women" in page  # ticked, so still shown
    assert 'value="semillas"' in page
    assert "form-error-summary" not in page


@pytest.mark.django_db
def test_filter_never_offers_an_organisation_hidden_from_the_proposer(client):
    hidden = OrganisationFactory(name="Semillas Hidden Shelter", visibility=Visibility.HIDDEN)
    client.force_login(_lead())

    page = text_of(
        client.post(
            "/en/working-group/propose/",
            {
                "language": "en",
                "proposed_hosts": [str(hidden.pk)],
                "proposed_hosts_filter": "Shelter",
                "filter_hosts": "proposed_hosts",
            },
        )
    )

    assert "Semillas Hidden Shelter" not in page
    assert f'name="proposed_hosts" value="{hidden.pk}"' not in page


@pytest.mark.django_db
def test_a_visitor_is_sent_to_sign_in_from_the_filter_step(client):
    response = client.post("/en/working-group/propose/", {"filter_hosts": "proposed_hosts"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Item.objects.exists()
