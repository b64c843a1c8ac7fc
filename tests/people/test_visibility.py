"""Who sees whose profile: people.selectors.profiles_visible_to and organisations_shown_for."""

import pytest
from django.contrib.auth.models import AnonymousUser

from partners.enums import Visibility
from people.enums import ProfileVisibility
from people.selectors import organisations_shown_for, profiles_visible_to
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    ProfileFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _visible(viewer) -> set[str]:
    return set(profiles_visible_to(viewer=viewer).values_list("user__display_name", flat=True))


@pytest.fixture
def world():
    public = OrganisationFactory(visibility=Visibility.PUBLIC)
    community = OrganisationFactory(visibility=Visibility.COMMUNITY)
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN, name="Secret shelter")
    people = {}
    for name, organisation, visibility, listed in [
        ("ana", public, ProfileVisibility.COMMUNITY, False),
        ("bea", community, ProfileVisibility.COMMUNITY, False),
        ("cora", community, ProfileVisibility.ORGANISATION, False),
        ("dina", hidden, ProfileVisibility.COMMUNITY, True),
        ("eva", hidden, ProfileVisibility.COMMUNITY, False),
    ]:
        user = UserFactory(display_name=name)
        MembershipFactory(user=user, organisation=organisation)
        ProfileFactory(user=user, visibility=visibility, listed_if_hidden=listed)
        people[name] = user
    return {"public": public, "community": community, "hidden": hidden, **people}


def test_visitors_and_people_without_an_organisation_see_nobody_else(world):
    loner = UserFactory()
    ProfileFactory(user=loner)

    assert _visible(AnonymousUser()) == set()
    assert _visible(loner) == {loner.display_name}


def test_staff_see_everyone(world):
    assert _visible(StaffFactory()) == {"ana", "bea", "cora", "dina", "eva"}


def test_community_member_sees_community_profiles_and_opted_in_hidden_members(world):
    viewer = PartnerFactory()

    assert _visible(viewer) == {"ana", "bea", "dina"}


def test_organisation_only_profile_is_seen_by_co_members(world):
    colleague = UserFactory()
    MembershipFactory(user=colleague, organisation=world["community"])

    assert "cora" in _visible(colleague)


def test_hidden_colleagues_see_each_other_whatever_the_opt_in(world):
    assert {"dina", "eva"} <= _visible(world["dina"])
    assert {"dina", "eva"} <= _visible(world["eva"])


def test_opted_in_hidden_member_is_shown_without_any_organisation(world):
    viewer = PartnerFactory()
    profile = profiles_visible_to(viewer=viewer).get(user=world["dina"])

    assert organisations_shown_for(viewer, profile) == []
    assert organisations_shown_for(world["eva"], profile) == [world["hidden"]]


def test_visible_member_is_shown_with_their_organisation(world):
    viewer = PartnerFactory()
    profile = profiles_visible_to(viewer=viewer).get(user=world["ana"])

    assert organisations_shown_for(viewer, profile) == [world["public"]]


def test_inactive_people_are_seen_by_nobody(world):
    world["ana"].is_active = False
    world["ana"].save()

    assert "ana" not in _visible(StaffFactory())
