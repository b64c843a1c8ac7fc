import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import permissions
from tests.factories import MembershipFactory, StaffFactory, UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("visitor", False),
        ("partner", False),
        ("partner lead", False),
        ("inactive staff", False),
        ("staff", True),
    ],
)
def test_only_active_staff_may_invite(who, expected):
    user = {
        "visitor": lambda: AnonymousUser(),
        "partner": lambda: MembershipFactory().user,
        "partner lead": lambda: MembershipFactory(role="lead").user,
        "inactive staff": lambda: StaffFactory(is_active=False),
        "staff": lambda: StaffFactory(),
    }[who]()

    assert permissions.can_invite(user) is expected


@pytest.mark.django_db
def test_invite_link_shown_only_to_staff(client):
    client.force_login(UserFactory())
    partner_page = client.get("/en/").content.decode()
    client.force_login(StaffFactory())
    staff_page = client.get("/en/").content.decode()

    assert 'href="/en/accounts/invite/"' not in partner_page
    assert 'href="/en/admin/"' not in partner_page
    assert 'href="/en/accounts/invite/"' in staff_page
