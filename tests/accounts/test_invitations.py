"""Staff invite people; the link opens sign-up once, in the invitation's language."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from accounts import services
from accounts.exceptions import InvitationError
from accounts.models import Invitation, User
from core.tokens import hash_token
from tests.factories import InvitationFactory, MembershipFactory, StaffFactory, UserFactory
from tests.utils import text_of, translated

SIGNUP = {
    "display_name": "Fatou Sarr",
    "password1": "a-long-new-password-1",
    "password2": "a-long-new-password-1",
    "language": "fr",
    "timezone": "Africa/Dakar",
}


@pytest.mark.django_db
def test_staff_invitation_sends_email_in_chosen_language(
    client, django_capture_on_commit_callbacks
):
    staff = StaffFactory(display_name="Grace Mensah")
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/invite/", {"email": "Fatou@Example.org", "language": "fr"}
        )

    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert (invitation.email, invitation.language, invitation.invited_by) == (
        "fatou@example.org",
        "fr",
        staff,
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fatou@example.org"]
    assert translated("fr", "You are invited to the Learning Lab portal") in message.subject
    assert "Grace Mensah" in message.body
    assert re.search(r"http://127\.0\.0\.1:8000/fr/accounts/invitation/\S+/", message.body)


@pytest.mark.django_db
def test_only_a_hash_of_the_token_is_stored(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.create_invitation(
            email="x@example.org", invited_by=None, language="en"
        )
    token = re.search(r"/invitation/([^/\s]+)/", mail.outbox[0].body).group(1)

    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash


@pytest.mark.django_db
def test_invitation_link_opens_prefilled_signup_and_creates_verified_account(client):
    InvitationFactory(email="fatou@example.org", token="tok-1", language="fr")

    opened = client.get("/fr/accounts/invitation/tok-1/")
    form_page = client.get(opened["Location"])
    response = client.post("/fr/accounts/signup/", {"email": "fatou@example.org", **SIGNUP})

    user = User.objects.get(email="fatou@example.org")
    invitation = Invitation.objects.get()
    assert opened["Location"] == "/fr/accounts/signup/"
    assert 'value="fatou@example.org"' in text_of(form_page)
    assert response.status_code == 302
    assert (user.language, user.timezone, user.display_name) == ("fr", "Africa/Dakar", "Fatou Sarr")
    assert EmailAddress.objects.get(user=user).verified is True
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_used_invitation_is_refused_with_410(client):
    InvitationFactory(token="tok-used", accepted_at=timezone.now(), accepted_by=UserFactory())

    response = client.get("/es/accounts/invitation/tok-used/")

    assert response.status_code == 410
    assert translated(
        "es", "This invitation has already been used. Sign in with your email address instead."
    ) in text_of(response)


@pytest.mark.django_db
def test_expired_invitation_is_refused_with_410(client):
    InvitationFactory(token="tok-old", expires_at=timezone.now() - datetime.timedelta(minutes=1))

    response = client.get("/fr/accounts/invitation/tok-old/")

    assert response.status_code == 410
    assert translated(
        "fr", "This invitation has expired. Ask the Learning Lab team for a new one."
    ) in text_of(response)
    assert "invitation_token" not in client.session


@pytest.mark.django_db
def test_unknown_invitation_is_404(client):
    response = client.get("/en/accounts/invitation/no-such-token/")

    assert response.status_code == 404
    assert translated("en", "This invitation link is not valid.") in text_of(response)


@pytest.mark.django_db
def test_invitation_cannot_be_accepted_twice():
    invitation = InvitationFactory(token="tok-twice")
    services.accept_invitation(token="tok-twice", user=UserFactory())

    with pytest.raises(InvitationError) as error:
        services.accept_invitation(token="tok-twice", user=UserFactory())

    invitation.refresh_from_db()
    assert error.value.status_code == 410
    assert invitation.accepted_at is not None


@pytest.mark.django_db
def test_signup_after_invitation_expired_in_between_is_closed(client):
    invitation = InvitationFactory(email="late@example.org", token="tok-late")
    client.get("/en/accounts/invitation/tok-late/")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())

    response = client.post("/en/accounts/signup/", {"email": "late@example.org", **SIGNUP})

    assert User.objects.filter(email="late@example.org").exists() is False
    assert translated("en", "Sign Up Closed") in text_of(response)


@pytest.mark.django_db
def test_new_invitation_withdraws_the_older_link(django_capture_on_commit_callbacks):
    old = InvitationFactory(email="x@example.org", token="tok-first")

    services.create_invitation(email="x@example.org", invited_by=None, language="en")

    with pytest.raises(InvitationError):
        services.get_usable_invitation(token="tok-first")
    old.refresh_from_db()
    assert old.is_expired


@pytest.mark.django_db
def test_inviting_an_existing_member_is_a_translated_form_error(client):
    UserFactory(email="ana@example.org")
    client.force_login(StaffFactory())

    response = client.post("/es/accounts/invite/", {"email": "ana@example.org", "language": "es"})

    assert response.status_code == 400
    assert translated("es", "Someone with this email address already has an account.") in text_of(
        response
    )
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_invite_with_bad_email_is_400(client):
    client.force_login(StaffFactory())

    response = client.post("/fr/accounts/invite/", {"email": "nope", "language": "fr"})

    assert response.status_code == 400
    assert translated("fr", "Enter a valid email address.") in text_of(response)


@pytest.mark.django_db
def test_partner_cannot_invite(client):
    client.force_login(MembershipFactory().user)

    get_response = client.get("/en/accounts/invite/")
    post_response = client.post(
        "/en/accounts/invite/", {"email": "x@example.org", "language": "en"}
    )

    assert get_response.status_code == 403
    assert post_response.status_code == 403
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in_from_invite_page(client):
    response = client.get("/en/accounts/invite/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/accounts/invite/"


@pytest.mark.django_db
def test_signed_in_person_following_an_invitation_goes_home(client):
    InvitationFactory(token="tok-2")
    client.force_login(UserFactory())

    response = client.get("/en/accounts/invitation/tok-2/")

    assert response["Location"] == "/en/"
    assert Invitation.objects.get().accepted_at is None
