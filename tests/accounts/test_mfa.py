"""Two-factor authentication: open to everyone, required of the Learning Lab team (who can see
hidden organisations), asked for at every sign-in once set up."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value

from tests.factories import MembershipFactory, StaffFactory, UserFactory
from tests.mfa import recovery_codes, totp_code
from tests.utils import PASSWORD, text_of, translated

SETUP = "/en/accounts/2fa/totp/activate/"
AUTHENTICATE = "/en/accounts/2fa/authenticate/"
REAUTHENTICATE = "/en/accounts/reauthenticate/"
REQUIRED = (
    "The Learning Lab team can see hidden organisations, so your account needs two-factor "
    "authentication. Set up an authenticator app to continue."
)


def _sign_in(client, user, next_url=""):
    url = "/en/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": user.email, "password": PASSWORD})


def _set_up_authenticator(client):
    """Open the setup page (no second password right after signing in), and answer with the
    code an app would show for the secret the page gives."""
    page = client.get(SETUP)
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    return page, secret, client.post(SETUP, {"code": code})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/activities/",
        "/en/partners/",
        "/en/accounts/profile/",
        "/en/accounts/invite/",
        "/en/working-group/queue/",
        "/en/admin/",
        "/en/admin/partners/organisation/",
    ],
)
def test_staff_without_authenticator_are_sent_to_setup(client, path):
    client.force_login(StaffFactory(totp=False))

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == SETUP


@pytest.mark.django_db
def test_superuser_without_authenticator_is_sent_to_setup_with_the_reason(client):
    client.force_login(UserFactory(is_superuser=True))

    response = client.get("/en/activities/", follow=True)

    assert response.redirect_chain[0] == (SETUP, 302)
    assert REQUIRED in text_of(response)


@pytest.mark.django_db
def test_staff_without_authenticator_are_sent_to_setup_also_when_posting(client):
    client.force_login(StaffFactory(totp=False))

    response = client.post("/en/accounts/invite/", {"email": "x@example.org", "language": "en"})

    assert response["Location"] == SETUP


@pytest.mark.django_db
def test_staff_without_authenticator_can_still_sign_out(client):
    client.force_login(StaffFactory(totp=False))

    response = client.post("/en/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] != SETUP
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_partner_without_authenticator_is_not_sent_to_setup(client):
    client.force_login(MembershipFactory().user)

    response = client.get("/en/accounts/profile/")

    assert response.status_code == 200
    assert 'href="/en/accounts/2fa/"' in text_of(response)


@pytest.mark.django_db
def test_staff_set_up_an_authenticator_after_signing_in_then_reach_pages(client):
    staff = StaffFactory(totp=False)
    signed_in = _sign_in(client, staff)
    first_page = client.get(signed_in["Location"])

    page, secret, activated = _set_up_authenticator(client)
    after = client.get("/en/working-group/queue/")

    assert first_page["Location"] == SETUP
    assert page.status_code == 200
    assert secret in text_of(page)  # shown for people who cannot scan the QR code
    assert 'src="data:image/svg+xml;base64,' in text_of(page)
    assert activated["Location"] == "/en/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=staff).count() == 2  # the app and recovery codes
    assert after.status_code == 200


@pytest.mark.django_db
def test_setup_refuses_a_wrong_code(client):
    staff = StaffFactory(totp=False)
    _sign_in(client, staff)

    response = client.post(SETUP, {"code": "000000"})

    assert response.status_code == 400
    assert "Incorrect code." in text_of(response)
    assert not Authenticator.objects.filter(user=staff).exists()


@pytest.mark.django_db
def test_sign_in_with_an_authenticator_asks_for_the_code(client):
    staff = StaffFactory()

    response = _sign_in(client, staff)
    admin = client.get("/en/admin/")

    assert response["Location"] == AUTHENTICATE
    assert "_auth_user_id" not in client.session  # the password alone signs nobody in
    assert admin["Location"] == "/en/admin/login/?next=/en/admin/"


@pytest.mark.django_db
def test_wrong_code_is_refused_in_the_persons_language(client):
    staff = StaffFactory()
    _sign_in(client, staff)

    response = client.post(AUTHENTICATE.replace("/en/", "/es/"), {"code": "123456"})

    assert response.status_code == 400
    assert translated("es", "Incorrect code.") in text_of(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_right_code_signs_in_and_lands_in_preferred_language(client):
    staff = StaffFactory(language="fr")
    _sign_in(client, staff, next_url="/en/working-group/queue/")

    response = client.post(AUTHENTICATE, {"code": totp_code(staff)})

    assert response.status_code == 302
    assert response["Location"] == "/fr/working-group/queue/"
    assert client.session["_auth_user_id"] == str(staff.pk)


@pytest.mark.django_db
def test_a_code_works_only_once(client):
    staff = StaffFactory()
    code = totp_code(staff)
    _sign_in(client, staff)
    client.post(AUTHENTICATE, {"code": code})
    client.post("/en/accounts/logout/")
    _sign_in(client, staff)

    response = client.post(AUTHENTICATE, {"code": code})

    assert response.status_code == 400
    assert "Incorrect code." in text_of(response)


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once(client):
    staff = StaffFactory()
    code = recovery_codes(staff)[0]
    _sign_in(client, staff)
    first = client.post(AUTHENTICATE, {"code": code})
    client.post("/en/accounts/logout/")
    _sign_in(client, staff)

    second = client.post(AUTHENTICATE, {"code": code})

    assert first.status_code == 302
    assert first["Location"] == "/en/"
    assert second.status_code == 400
    assert "Incorrect code." in text_of(second)
    assert "_auth_user_id" not in client.session
    assert len(recovery_codes(staff)) == 9


@pytest.mark.django_db
def test_partner_may_set_up_an_authenticator_and_is_then_asked_for_it(client):
    partner = MembershipFactory().user
    _sign_in(client, partner)
    _, _, activated = _set_up_authenticator(client)
    client.post("/en/accounts/logout/")

    signed_in = _sign_in(client, partner)
    refused = client.post(AUTHENTICATE, {"code": "999999"})
    accepted = client.post(AUTHENTICATE, {"code": totp_code(partner, steps=1)})

    assert activated["Location"] == "/en/accounts/2fa/recovery-codes/"
    assert signed_in["Location"] == AUTHENTICATE
    assert refused.status_code == 400
    assert accepted["Location"] == "/en/"
    assert client.session["_auth_user_id"] == str(partner.pk)


@pytest.mark.django_db
def test_two_factor_pages_use_the_portal_layout(client):
    partner = MembershipFactory().user
    _sign_in(client, partner)

    overview = client.get("/en/accounts/2fa/")
    setup = client.get(SETUP)

    for response in (overview, setup):
        body = text_of(response)
        assert response.status_code == 200
        assert 'class="skip-link' in body or "skip" in body.lower()
        assert "Learning Lab" in body
    assert "Authenticator App" in text_of(overview)


def _age_sign_in(client, seconds: int) -> None:
    """Pretend the sign-in happened `seconds` ago (allauth keeps its time in the session)."""
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY

    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] -= seconds
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()


@pytest.mark.django_db
def test_setup_long_after_signing_in_asks_for_the_password_again(client):
    _sign_in(client, StaffFactory(totp=False))
    _age_sign_in(client, 3600)

    asked = client.get(SETUP)
    confirmed = client.post(asked["Location"], {"password": PASSWORD})

    assert asked["Location"] == f"{REAUTHENTICATE}?next=%2Fen%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    assert confirmed["Location"] == SETUP
    assert client.get(SETUP).status_code == 200


@pytest.mark.django_db
def test_changing_an_existing_authenticator_still_asks_for_the_password(client):
    partner = MembershipFactory().user
    _sign_in(client, partner)
    _set_up_authenticator(client)

    regenerate = client.get("/en/accounts/2fa/recovery-codes/generate/")

    assert regenerate.status_code == 302
    assert regenerate["Location"].startswith(REAUTHENTICATE)
