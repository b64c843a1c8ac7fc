"""Hidden means hidden on "My Lab" and "My activities" too, in the canary world of
tests/hardening/test_hidden_canary.py (whose crawl also reaches both pages, from the matrix)."""

import pytest
from django.urls import reverse

from tests.hardening.test_hidden_canary import ROLES, _leaks, _readable

PAGES = ["portal:home", "activities:mine"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [role for role in ROLES if role != "visitor"])
def test_my_lab_and_my_activities_show_no_hidden_trace_to_outsiders(client, canary_world, role):
    client.force_login(canary_world["users"][role])

    leaks = {}
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200
        found = _leaks(_readable(response.content), role)
        if found:
            leaks[name] = found

    assert leaks == {}


@pytest.mark.django_db
def test_hidden_member_finds_their_own_activities_and_their_organisation(client, canary_world):
    client.force_login(canary_world["users"]["hidden_member"])

    home = _readable(client.get(reverse("portal:home")).content)
    mine = _readable(client.get(reverse("activities:mine")).content)

    assert "Zqxhidden Collective" in home  # their own organisation
    assert "Shared learning call" in mine and "Open webinar" in mine
    assert "Shared learning call" in home


@pytest.mark.django_db
def test_hidden_lead_sees_their_own_proposal_on_my_lab(client, canary_world):
    lead = canary_world["proposal"].proposer
    client.force_login(lead)

    home = _readable(client.get(reverse("portal:home")).content)

    assert "Safe spaces for girls" in home
