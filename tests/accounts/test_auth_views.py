"""Signing in and out, resetting a password, verifying an email: translated and rate limited."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from tests.factories import UserFactory
from tests.utils import PASSWORD, html_lang, text_of, translated

NEW_PERSON = {
    "email": "new@example.org",
    "display_name": "New Person",
    "password1": "a-long-new-password-1",
    "password2": "a-long-new-password-1",
    "language": "en",
    "timezone": "UTC",
}


@pytest.mark.django_db
def test_login_by_email_lands_in_preferred_language(client):
    UserFactory(email="ana@example.org", language="es")

    response = client.post(
        "/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/es/"
    assert response.cookies["django_language"].value == "es"
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_login_keeps_next_page_but_in_preferred_language(client):
    UserFactory(email="aminata@example.org", language="fr")

    response = client.post(
        "/en/accounts/login/?next=/en/accounts/profile/",
        {"login": "aminata@example.org", "password": PASSWORD},
    )

    assert response["Location"] == "/fr/accounts/profile/"


@pytest.mark.django_db
def test_login_email_is_case_insensitive(client):
    UserFactory(email="ana@example.org")

    response = client.post(
        "/en/accounts/login/", {"login": "ANA@Example.org", "password": PASSWORD}
    )

    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_wrong_password_gives_translated_error_and_400(client, language):
    UserFactory(email="ana@example.org")

    response = client.post(
        f"/{language}/accounts/login/", {"login": "ana@example.org", "password": "wrong"}
    )

    assert response.status_code == 400
    assert html_lang(response.content) == language
    assert translated(
        language, "The email address and/or password you specified are not correct."
    ) in text_of(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_empty_login_form_gives_400_not_500(client):
    response = client.post("/es/accounts/login/", {})

    assert response.status_code == 400
    assert translated("es", "This field is required.") in text_of(response)


@pytest.mark.django_db
def test_failed_logins_are_rate_limited_per_account(client):
    UserFactory(email="ana@example.org")
    statuses = [
        client.post(
            "/en/accounts/login/", {"login": "ana@example.org", "password": "wrong"}
        ).status_code
        for _ in range(6)
    ]

    response = client.post(
        "/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD}
    )

    assert statuses[:5] == [400] * 5
    # The sixth try, and then the right password, meet the limit: the form says so, nobody is in.
    assert statuses[5] == 400
    assert response.status_code == 400
    assert "Too many failed login attempts" in text_of(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_logout_needs_post_and_signs_out(client):
    client.force_login(UserFactory())

    get_response = client.get("/en/accounts/logout/")
    post_response = client.post("/en/accounts/logout/")

    assert get_response.status_code == 200  # a confirmation page, not a sign-out
    assert post_response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_mail_goes_out_in_recipient_language(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="aminata@example.org", language="fr")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/password/reset/", {"email": "aminata@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aminata@example.org"]
    assert translated("fr", "Password Reset Email") in message.subject
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", message.body).group(0)
    assert "/fr/accounts/password/reset/key/" in link


@pytest.mark.django_db
def test_password_reset_link_sets_a_new_password(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="ana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": "ana@example.org"})
    link = re.search(r"http://[^/]+(/\S+/key/\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"password1": "a-brand-new-pass-99", "password2": "a-brand-new-pass-99"},
    )

    user.refresh_from_db()
    assert response.status_code == 302
    assert user.check_password("a-brand-new-pass-99")


@pytest.mark.django_db
def test_password_reset_for_unknown_email_reveals_nothing(client):
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password/reset/done/"


@pytest.mark.django_db
def test_password_reset_requests_are_rate_limited(client):
    UserFactory(email="ana@example.org")
    statuses = [
        client.post("/en/accounts/password/reset/", {"email": "ana@example.org"}).status_code
        for _ in range(7)
    ]

    assert statuses[:5] == [302] * 5
    assert 429 in statuses[5:] or 400 in statuses[5:]


@pytest.mark.django_db
def test_open_signup_sends_verification_mail_in_chosen_language(
    client, settings, django_capture_on_commit_callbacks
):
    settings.OPEN_SIGNUP = True

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/signup/",
            {
                "email": "new@example.org",
                "display_name": "Nueva Persona",
                "password1": "a-long-new-password-1",
                "password2": "a-long-new-password-1",
                "language": "es",
                "timezone": "America/Bogota",
            },
        )

    user = User.objects.get(email="new@example.org")
    assert response.status_code == 302
    assert (user.display_name, user.language, user.timezone) == (
        "Nueva Persona",
        "es",
        "America/Bogota",
    )
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    assert translated("es", "Please Confirm Your Email Address") in mail.outbox[0].subject
    assert "/es/accounts/confirm-email/" in mail.outbox[0].body


@pytest.mark.django_db
def test_verification_link_confirms_the_address(
    client, settings, django_capture_on_commit_callbacks
):
    settings.OPEN_SIGNUP = True
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/signup/", NEW_PERSON)
    link = re.search(r"http://[^/]+(/\S+/confirm-email/\S+)", mail.outbox[0].body).group(1)

    response = client.post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new@example.org").verified is True


@pytest.mark.django_db
def test_unverified_account_cannot_sign_in(client):
    UserFactory(email="ana@example.org", verified_email=False)
    EmailAddress.objects.create(
        user=User.objects.get(email="ana@example.org"),
        email="ana@example.org",
        verified=False,
        primary=True,
    )

    response = client.post(
        "/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signup_is_closed_without_invitation(client):
    response = client.post("/en/accounts/signup/", NEW_PERSON)

    assert User.objects.filter(email="new@example.org").exists() is False
    assert translated("en", "Sign Up Closed") in text_of(response)


@pytest.mark.django_db
def test_signup_with_bad_input_gives_translated_errors(client, settings):
    settings.OPEN_SIGNUP = True

    response = client.post(
        "/fr/accounts/signup/",
        {
            "email": "not-an-email",
            "display_name": "",
            "password1": "short",
            "password2": "other",
            "language": "xx",
            "timezone": "Mars/Olympus",
        },
    )

    body = text_of(response)
    assert response.status_code == 400
    assert translated("fr", "Enter a valid email address.") in body
    assert translated("fr", "This field is required.") in body
    assert User.objects.count() == 0
