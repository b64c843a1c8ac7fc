"""The "My Lab" home: a signed-in person's own things first; the team's to-do for staff; the
introduction for visitors only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities import services
from activities.enums import RegistrationStatus
from feedback.enums import SurveyAudience
from feedback.models import Receipt
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from partners.enums import Visibility
from tests.factories import (
    ActivityFactory,
    ItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    RegistrationFactory,
    StaffFactory,
    SurveyFactory,
    UserFactory,
)
from tests.utils import text_of, translated
from workinggroup.enums import ItemState, MeetingState

HOME = "/en/"


@pytest.mark.django_db
def test_my_next_activities_come_first_with_my_choices(client):
    person = PartnerFactory()
    full = ActivityFactory(title_en="Full webinar", capacity=1)
    services.register(activity=full, user=PartnerFactory())
    services.register(activity=full, user=PartnerFactory())
    services.register(activity=full, user=person, interpretation_language="fr")
    client.force_login(person)

    body = text_of(client.get(HOME))

    assert body.index("My next activities") < body.index("Surveys waiting for you")
    assert "Full webinar" in body
    assert "Number 2 on the waiting list" in body
    assert "Interpretation into French" in body
    assert 'href="/en/activities/mine/"' in body
    # The introduction is for visitors.
    assert translated("en", "Four pillars") not in body


@pytest.mark.django_db
def test_visitor_still_gets_the_introduction(client):
    body = text_of(client.get(HOME))

    assert translated("en", "Four pillars") in body
    assert "My next activities" not in body


@pytest.mark.django_db
def test_empty_states_say_what_to_do_next(client):
    client.force_login(PartnerFactory())

    body = text_of(client.get(HOME))

    assert "No activities yet." in body
    assert 'href="/en/activities/"' in body
    assert translated("en", "No survey is waiting for you.") in body
    assert f'href="{reverse("workinggroup:propose")}"' in body


@pytest.mark.django_db
def test_only_surveys_i_may_answer_and_have_not_answered(client):
    person = PartnerFactory()
    waiting = SurveyFactory(title_en="Open to partners")
    answered = SurveyFactory(title_en="Already answered")
    SurveyFactory(title_en="For the Working Group", audience=SurveyAudience.WORKING_GROUP)
    Receipt.objects.create(user=person, survey=answered, day=timezone.localdate())
    client.force_login(person)

    body = text_of(client.get(HOME))

    assert "Open to partners" in body
    assert f'href="/en/feedback/{waiting.pk}/"' in body
    assert "Already answered" not in body
    assert "For the Working Group" not in body


@pytest.mark.django_db
def test_my_proposals_with_their_state_and_nobody_elses(client):
    person = PartnerFactory()
    ItemFactory(title_en="Mentoring circles", proposer=person, state=ItemState.CHANGES_REQUESTED)
    ItemFactory(title_en="Someone else's idea")
    client.force_login(person)

    body = text_of(client.get(HOME))

    assert "Mentoring circles" in body
    assert str(ItemState.CHANGES_REQUESTED.label) in body
    assert "Someone else's idea" not in body


@pytest.mark.django_db
def test_working_group_member_sees_the_next_meeting(client):
    member = MembershipFactory(user=UserFactory(is_working_group_member=True)).user
    past = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=3))
    soon = MeetingFactory(state=MeetingState.PUBLISHED, published_at=timezone.now())
    MeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=40))
    client.force_login(member)

    body = text_of(client.get(HOME))

    assert "Next Working Group meeting" in body
    assert f'href="/en/working-group/meetings/{soon.pk}/"' in body
    assert f'href="/en/working-group/meetings/{past.pk}/"' not in body
    assert "The agenda is published." in body


@pytest.mark.django_db
def test_partner_outside_the_working_group_sees_no_meeting(client):
    MeetingFactory()
    client.force_login(PartnerFactory())

    assert "Next Working Group meeting" not in text_of(client.get(HOME))


@pytest.mark.django_db
def test_staff_see_what_waits_for_them(client):
    staff = StaffFactory()
    ItemFactory.create_batch(2, state=ItemState.SUBMITTED)
    ItemFactory(state=ItemState.APPROVED)
    Delivery.objects.create(
        key="failed-1",
        kind=Kind.REMINDER,
        user=UserFactory(),
        due_at=timezone.now(),
        status=DeliveryStatus.FAILED,
    )
    SurveyFactory(title_en="Closing soon", closes_on=timezone.localdate())
    SurveyFactory(
        title_en="Closing later", closes_on=timezone.localdate() + datetime.timedelta(days=20)
    )
    client.force_login(staff)

    body = text_of(client.get(HOME))

    assert "2 items submitted, waiting for a first look" in body
    assert "1 email failed" in body
    assert "Closing soon" in body
    assert "Closing later" not in body


@pytest.mark.django_db
def test_partners_never_see_the_teams_counts(client):
    ItemFactory(state=ItemState.SUBMITTED)
    client.force_login(PartnerFactory())

    body = text_of(client.get(HOME))

    assert "Waiting for the team" not in body
    assert "submitted, waiting" not in body


@pytest.mark.django_db
def test_hidden_organisation_member_sees_own_things_others_see_none(client):
    hidden = OrganisationFactory(name="Quiet Sisters", visibility=Visibility.HIDDEN)
    member = MembershipFactory(organisation=hidden).user
    activity = ActivityFactory(title_en="Quiet call", hosts=[hidden])
    RegistrationFactory(activity=activity, user=member)
    ItemFactory(title_en="Quiet proposal", proposer=member, organisation=hidden)
    client.force_login(member)
    own = text_of(client.get(HOME))
    client.force_login(PartnerFactory())
    other = text_of(client.get(HOME))

    assert "Quiet call" in own and "Quiet proposal" in own
    assert "Quiet Sisters" in own  # their own organisation
    assert "Quiet" not in other


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 6])
def test_my_lab_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, rows):
    person = MembershipFactory(user=UserFactory(is_working_group_member=True)).user
    MeetingFactory()
    for _n in range(rows):
        RegistrationFactory(activity=ActivityFactory(capacity=1), user=PartnerFactory())
        activity = ActivityFactory(capacity=1)
        RegistrationFactory(activity=activity, user=PartnerFactory())
        RegistrationFactory(activity=activity, user=person, status=RegistrationStatus.WAITLISTED)
        SurveyFactory()
        ItemFactory(proposer=person)
        _open_decision()
    client.force_login(person)

    # One query more than before issue 16: the decisions waiting for the member; one more for
    # issue 18: their peer-mentoring requests waiting and under way (one count query).
    with django_assert_max_num_queries(13):
        response = client.get(HOME)

    assert response.status_code == 200
    assert text_of(response).count("Number 1 on the waiting list") == min(rows, 4)
    assert text_of(response).count("By consent, until") == min(rows, 5)


def _open_decision():
    from workinggroup.models import DecisionRound

    return DecisionRound.objects.create(
        item=ItemFactory(state=ItemState.IN_DECISION),
        method="consent",
        opened_by=StaffFactory(),
        closes_at=timezone.now() + datetime.timedelta(days=2),
        members_counted=3,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 6])
def test_staff_home_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries, rows
):
    staff = StaffFactory()
    for _n in range(rows):
        SurveyFactory(closes_on=timezone.localdate())
        ItemFactory(state=ItemState.SUBMITTED)
    client.force_login(staff)

    # One more since issue 18: the person's peer-mentoring counts (the team may ask too).
    with django_assert_max_num_queries(16):
        response = client.get(HOME)

    assert response.status_code == 200
