"""Membership: leads invite colleagues and manage roles; members cannot make themselves leads;
removing someone never deletes what they contributed."""

import re
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client

from accounts.models import Invitation, User
from partners.enums import MembershipRole
from partners.exceptions import PartnerError
from partners.models import Membership
from partners.services import remove_member
from tests.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import require_service, text_of, translated

SIGNUP = {
    "display_name": "New Colleague",
    "password1": "a-long-new-password-1",
    "password2": "a-long-new-password-1",
    "language": "es",
    "timezone": "America/Lima",
}


@pytest.fixture
def organisation():
    return OrganisationFactory(slug="org", name="Red Andina")


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.LEAD).user


@pytest.mark.django_db
def test_lead_invites_a_colleague_who_signs_up_and_joins(
    client, organisation, lead, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/partners/org/members/",
            {"email": "colega@example.org", "role": "member", "language": "es"},
        )
    message = mail.outbox[0]
    path = re.search(r"http://[^/]+(/es/accounts/invitation/\S+/)", message.body).group(1)
    client.logout()

    opened = client.get(path)
    client.post("/es/accounts/signup/", {"email": "colega@example.org", **SIGNUP})

    colleague = User.objects.get(email="colega@example.org")
    assert response.status_code == 302
    assert (
        translated("es", "Join %(organisation)s on the Learning Lab portal")
        % {"organisation": "Red Andina"}
        in message.subject
    )
    assert opened["Location"] == "/es/accounts/signup/"
    assert Membership.objects.get(user=colleague).organisation == organisation
    assert Membership.objects.get(user=colleague).role == MembershipRole.MEMBER


@pytest.mark.django_db
def test_existing_account_accepts_by_signing_in(client, organisation):
    person = UserFactory(email="ana@example.org")
    InvitationFactory(
        email="ana@example.org", token="tok-org", organisation=organisation, role="lead"
    )

    as_visitor = client.get("/en/accounts/invitation/tok-org/")
    client.force_login(person)
    as_person = client.get("/en/accounts/invitation/tok-org/")

    assert as_visitor["Location"] == "/en/accounts/login/?next=/en/accounts/invitation/tok-org/"
    assert as_person["Location"] == "/en/partners/org/"
    assert Membership.objects.get(user=person, organisation=organisation).role == "lead"


@pytest.mark.django_db
def test_invitation_for_someone_else_is_refused(client, organisation):
    InvitationFactory(email="ana@example.org", token="tok-org", organisation=organisation)
    client.force_login(UserFactory(email="intruder@example.org"))

    response = client.get("/fr/accounts/invitation/tok-org/")

    assert response.status_code == 403
    assert translated("fr", "This invitation was sent to another email address.") in text_of(
        response
    )
    assert not Membership.objects.filter(organisation=organisation).exists()


@pytest.mark.django_db
def test_reused_organisation_invitation_is_refused(client, organisation):
    person = UserFactory(email="ana@example.org")
    InvitationFactory(email="ana@example.org", token="tok-org", organisation=organisation)
    client.force_login(person)
    client.get("/en/accounts/invitation/tok-org/")

    again = client.get("/en/accounts/invitation/tok-org/")

    assert again.status_code == 410


@pytest.mark.django_db
def test_inviting_an_existing_member_is_a_form_error(client, organisation, lead):
    member = MembershipFactory(organisation=organisation).user
    client.force_login(lead)

    response = client.post(
        "/es/partners/org/members/", {"email": member.email, "role": "member", "language": "es"}
    )

    assert response.status_code == 400
    assert translated("es", "%(email)s is already a member of %(organisation)s.") % {
        "email": member.email,
        "organisation": "Red Andina",
    } in text_of(response)
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "other lead", "account without organisation"])
def test_members_page_is_refused_to_non_leads(client, organisation, who):
    user = {
        "member": lambda: MembershipFactory(organisation=organisation).user,
        "other lead": lambda: MembershipFactory(role=MembershipRole.LEAD).user,
        "account without organisation": lambda: UserFactory(),
    }[who]()
    client.force_login(user)

    get_response = client.get("/en/partners/org/members/")
    post_response = client.post(
        "/en/partners/org/members/", {"email": "x@example.org", "role": "lead", "language": "en"}
    )

    expected = 404 if who == "account without organisation" else 403
    assert (get_response.status_code, post_response.status_code) == (expected, expected)
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_member_cannot_make_themselves_lead(client, organisation, lead):
    membership = MembershipFactory(organisation=organisation)
    client.force_login(membership.user)

    response = client.post(f"/en/partners/org/members/{membership.pk}/role/", {"role": "lead"})

    membership.refresh_from_db()
    assert response.status_code == 403
    assert membership.role == MembershipRole.MEMBER


@pytest.mark.django_db
def test_lead_promotes_and_removes_members(client, organisation, lead):
    membership = MembershipFactory(organisation=organisation)
    client.force_login(lead)

    promoted = client.post(f"/en/partners/org/members/{membership.pk}/role/", {"role": "lead"})
    membership.refresh_from_db()
    role_after_promotion = membership.role
    removed = client.post(f"/en/partners/org/members/{membership.pk}/remove/")

    assert promoted.status_code == 302
    assert role_after_promotion == MembershipRole.LEAD
    assert removed.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=membership.user_id).exists()


@pytest.mark.django_db
def test_removing_a_member_keeps_their_account_and_what_they_did(client, organisation, lead):
    membership = MembershipFactory(organisation=organisation)
    other = MembershipFactory(user=membership.user)
    sent = InvitationFactory(invited_by=membership.user, organisation=organisation)
    client.force_login(lead)

    client.post(f"/en/partners/org/members/{membership.pk}/remove/")

    sent.refresh_from_db()
    assert sent.invited_by == membership.user
    assert Membership.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["remove", "role"])
def test_the_last_lead_cannot_leave_the_organisation_without_a_lead(
    client, organisation, lead, action
):
    membership = Membership.objects.get(user=lead)
    client.force_login(lead)

    response = client.post(
        f"/es/partners/org/members/{membership.pk}/{action}/", {"role": "member"}
    )

    membership.refresh_from_db()
    assert response.status_code == 409
    assert translated(
        "es", "An organisation needs at least one lead. Make someone else a lead first."
    ) in text_of(response)
    assert membership.role == MembershipRole.LEAD


@pytest.mark.django_db
def test_invalid_role_is_a_400(client, organisation, lead):
    membership = MembershipFactory(organisation=organisation)
    client.force_login(lead)

    response = client.post(f"/en/partners/org/members/{membership.pk}/role/", {"role": "queen"})

    membership.refresh_from_db()
    assert response.status_code == 400
    assert membership.role == MembershipRole.MEMBER


@pytest.mark.django_db
def test_membership_of_another_organisation_is_404(client, organisation, lead):
    elsewhere = MembershipFactory()
    client.force_login(lead)

    response = client.post(f"/en/partners/org/members/{elsewhere.pk}/remove/")

    assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


@pytest.mark.django_db
def test_staff_manages_any_organisation(client, organisation, django_capture_on_commit_callbacks):
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/partners/org/members/",
            {"email": "first.lead@example.org", "role": "lead", "language": "fr"},
        )

    assert response.status_code == 302
    assert Invitation.objects.get().organisation_invitation.role == "lead"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/en/partners/new/"),
        ("get", "/en/partners/org/edit/"),
        ("get", "/en/partners/org/members/"),
        ("post", "/en/partners/org/members/1/role/"),
        ("post", "/en/partners/org/members/1/remove/"),
    ],
)
def test_visitors_are_sent_to_sign_in_from_every_write_page(client, organisation, method, path):
    response = getattr(client, method)(path)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={path}"


@pytest.mark.django_db
def test_member_removed_meanwhile_is_a_409_not_a_500(client, organisation, lead):
    membership = MembershipFactory(organisation=organisation)
    stale = Membership.objects.get(pk=membership.pk)
    membership.delete()

    with pytest.raises(PartnerError) as refused:
        remove_member(membership=stale, by=lead)

    assert refused.value.status_code == 409
    assert refused.value.message == "This person is no longer a member of the organisation."


@pytest.mark.django_db
def test_role_change_message_names_the_new_role(client, organisation, lead):
    membership = MembershipFactory(organisation=organisation, user__display_name="Rosa")
    client.force_login(lead)

    response = client.post(
        f"/en/partners/org/members/{membership.pk}/role/", {"role": "lead"}, follow=True
    )

    assert "Rosa is now: Lead." in text_of(response)


def _demote_each_other(organisation, first, second):
    """Both leads press "make member" on the other at the same moment, each in their own
    browser (thread, database connection); returns the two responses and any exception."""
    barrier = threading.Barrier(2)
    responses, errors = [], []

    def demote(by, other):
        browser = Client()
        browser.force_login(by.user)
        try:
            barrier.wait(timeout=30)
            responses.append(
                browser.post(
                    f"/es/partners/{organisation.slug}/members/{other.pk}/role/",
                    {"role": "member"},
                )
            )
        except Exception as error:  # collected and reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=demote, args=(first, second)),
        threading.Thread(target=demote, args=(second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses, errors


@pytest.mark.django_db(transaction=True)
def test_two_leads_demoting_each_other_at_once_leave_exactly_one_lead():
    """Ten times over: one change goes through, the other is refused with a translated 403,
    never a 500, and the organisation always keeps exactly one lead."""
    require_service(
        connection.vendor == "postgresql",
        "row locks are only meaningful on PostgreSQL (set DATABASE_URL)",
    )
    refusals = {translated("es", "Only the leads of this organisation can manage its members.")}
    for run in range(10):
        organisation = OrganisationFactory(slug=f"race-{run}", name="Red Andina")
        first = MembershipFactory(organisation=organisation, role=MembershipRole.LEAD)
        second = MembershipFactory(organisation=organisation, role=MembershipRole.LEAD)

        responses, errors = _demote_each_other(organisation, first, second)

        statuses = sorted(response.status_code for response in responses)
        refused = [response for response in responses if response.status_code == 403]
        leads = Membership.objects.filter(organisation=organisation, role=MembershipRole.LEAD)
        assert errors == [], run
        assert statuses == [302, 403], run
        assert any(message in text_of(refused[0]) for message in refusals), run
        assert leads.count() == 1, run


@pytest.mark.django_db
def test_role_change_message_names_the_new_role_when_demoting(client, organisation, lead):
    membership = MembershipFactory(
        organisation=organisation, user__display_name="Rosa", role=MembershipRole.LEAD
    )
    client.force_login(lead)

    response = client.post(
        f"/en/partners/org/members/{membership.pk}/role/", {"role": "member"}, follow=True
    )

    membership.refresh_from_db()
    assert membership.role == MembershipRole.MEMBER
    assert "Rosa is now: Member." in text_of(response)
    assert "Rosa is now: Lead." not in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 40])
def test_members_page_queries_do_not_grow_with_members(
    client, organisation, lead, size, django_assert_max_num_queries
):
    MembershipFactory.create_batch(size, organisation=organisation)
    client.force_login(lead)

    with django_assert_max_num_queries(9):
        response = client.get("/en/partners/org/members/")

    assert response.status_code == 200
    assert len(response.context["members"]) == size + 1
