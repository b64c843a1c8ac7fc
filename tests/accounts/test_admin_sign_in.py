"""The admin has no sign-in form of its own: it sends people to the portal's, which is rate
limited and asks for the second factor."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import MembershipFactory, StaffFactory, UserFactory
from tests.mfa import totp_code
from tests.utils import PASSWORD, text_of


@pytest.mark.django_db
def test_admin_sign_in_page_redirects_to_the_portal_sign_in_keeping_next(client):
    response = client.get("/en/admin/login/?next=/en/admin/partners/organisation/")

    assert response.status_code == 302
    assert response["Location"] == ("/en/accounts/login/?next=/en/admin/partners/organisation/")


@pytest.mark.django_db
def test_admin_pages_send_visitors_to_the_portal_sign_in(client):
    first = client.get("/en/admin/partners/organisation/")
    second = client.get(first["Location"])

    assert first["Location"] == "/en/admin/login/?next=/en/admin/partners/organisation/"
    assert second["Location"] == "/en/accounts/login/?next=/en/admin/partners/organisation/"


@pytest.mark.django_db
def test_admin_sign_in_ignores_posted_credentials(client):
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)

    response = client.post(
        "/en/admin/login/?next=/en/admin/",
        {"username": admin.email, "password": PASSWORD, "next": "/en/admin/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/admin/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_sign_in_refuses_an_outside_next(client):
    response = client.get("/en/admin/login/?next=https://evil.example/")

    assert response["Location"] == "/en/accounts/login/?next=/en/admin/"


@pytest.mark.django_db
def test_admin_sign_in_sends_signed_in_staff_on(client):
    staff = StaffFactory()
    staff.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    client.force_login(staff)

    response = client.get("/en/admin/login/?next=/en/admin/partners/organisation/")

    assert response["Location"] == "/en/admin/partners/organisation/"


@pytest.mark.django_db
def test_admin_sign_in_refuses_signed_in_partners(client):
    client.force_login(MembershipFactory().user)

    response = client.get("/en/admin/login/")

    assert response.status_code == 403
    assert "The administration is for the Learning Lab team only." in text_of(response)


@pytest.mark.django_db
def test_25_wrong_passwords_for_the_admin_account_are_rate_limited(client):
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    wrong = [
        client.post("/en/accounts/login/", {"login": admin.email, "password": f"guess-{n}"})
        for n in range(25)
    ]
    through_admin = client.post("/en/admin/login/", {"username": admin.email, "password": PASSWORD})

    right = client.post("/en/accounts/login/", {"login": admin.email, "password": PASSWORD})

    limited = "Too many failed login attempts. Try again later."
    assert [r.status_code for r in wrong] == [400] * 25
    assert [limited in text_of(r) for r in wrong] == [False] * 5 + [True] * 20
    assert through_admin["Location"] == "/en/accounts/login/?next=/en/admin/"
    assert right.status_code == 400  # even the right password waits out the limit
    assert limited in text_of(right)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_staff_signing_in_through_the_portal_with_their_code_reach_the_admin(client):
    staff = StaffFactory(email="team@example.org")
    start = client.get("/en/admin/")
    login_url = client.get(start["Location"])["Location"]

    password_step = client.post(login_url, {"login": staff.email, "password": PASSWORD})
    code_step = client.post(password_step["Location"], {"code": totp_code(staff)})
    admin = client.get(code_step["Location"])

    assert login_url == "/en/accounts/login/?next=/en/admin/"
    assert password_step["Location"] == "/en/accounts/2fa/authenticate/"
    assert code_step["Location"] == "/en/admin/"
    assert admin.status_code == 200
    assert "Learning Lab administration" in text_of(admin)


@pytest.mark.django_db
def test_admin_sign_in_refuses_staff_with_nothing_to_do_there(client):
    client.force_login(StaffFactory())

    response = client.get("/en/admin/login/")

    assert response.status_code == 403
    assert "Ask an administrator for the rights you need." in text_of(response)
