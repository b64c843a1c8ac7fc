"""'My activities': a person's own registrations, what they asked for, their place on a
waiting list, and cancelling from there."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities import services
from activities.enums import ActivityStatus, RegistrationStatus
from activities.models import Registration
from partners.enums import Visibility
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    RegistrationFactory,
    StaffFactory,
)
from tests.utils import text_of, translated

MINE = "/en/activities/mine/"


def _past(**kwargs):
    start = timezone.now() - datetime.timedelta(days=30)
    return ActivityFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), **kwargs)


@pytest.mark.django_db
def test_my_activities_shows_what_i_asked_for_and_my_waiting_list_number(client):
    person = PartnerFactory()
    full = ActivityFactory(title_en="Full call", capacity=1)
    open_one = ActivityFactory(title_en="Open call")
    for _n in range(3):
        services.register(activity=full, user=PartnerFactory())  # 1 place, then 2 waiting
    services.register(activity=full, user=person, interpretation_language="fr", question="Slides?")
    services.register(
        activity=open_one,
        user=person,
        interpretation_language="es",
        accessibility_needs="Captions, please",
    )
    client.force_login(person)

    body = text_of(client.get(MINE))

    assert "Number 3 on the waiting list" in body
    assert "Slides?" in body
    assert "Captions, please" in body
    assert translated("en", "French") in body and translated("en", "Spanish") in body
    assert reverse("activities:my_calendar") in body
    assert reverse("activities:ics", kwargs={"pk": open_one.pk}) in body


@pytest.mark.django_db
def test_waiting_list_number_follows_the_order_the_list_is_served(client):
    activity = ActivityFactory(capacity=1)
    services.register(activity=activity, user=PartnerFactory())
    first, second = PartnerFactory(), PartnerFactory()
    services.register(activity=activity, user=first)
    services.register(activity=activity, user=second)
    # The first person waiting leaves: the second moves up.
    services.cancel_registration(
        registration=Registration.objects.get(activity=activity, user=first), by=first
    )
    client.force_login(second)

    body = text_of(client.get(MINE))

    assert "Number 1 on the waiting list" in body


@pytest.mark.django_db
def test_cancelled_activity_is_marked_with_its_reason(client):
    person = PartnerFactory()
    activity = ActivityFactory(title_en="Rainy retreat")
    RegistrationFactory(activity=activity, user=person)
    services.change_status(
        activity=activity,
        to=ActivityStatus.CANCELLED,
        by=StaffFactory(),
        reason={"en": "The venue flooded."},
    )
    client.force_login(person)

    body = text_of(client.get(MINE))

    assert "Rainy retreat" in body
    assert translated("en", "This activity has been cancelled.") in body
    assert "The venue flooded." in body
    assert translated("en", "Cancel my registration") not in body


@pytest.mark.django_db
def test_cancelling_from_my_activities_comes_back_to_it(client):
    person = PartnerFactory()
    activity = ActivityFactory()
    RegistrationFactory(activity=activity, user=person)
    client.force_login(person)
    url = reverse("activities:cancel_registration", kwargs={"pk": activity.pk})

    response = client.post(url, {"next": MINE})

    assert response.status_code == 302
    assert response["Location"] == MINE
    assert Registration.objects.get(user=person).status == RegistrationStatus.CANCELLED
    assert "Activity" not in text_of(client.get(MINE)).split("Past")[0].split("Coming up")[1]


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "/en/partners/"])
def test_cancel_ignores_any_other_next(client, next_url):
    person = PartnerFactory()
    activity = ActivityFactory()
    RegistrationFactory(activity=activity, user=person)
    client.force_login(person)

    response = client.post(
        reverse("activities:cancel_registration", kwargs={"pk": activity.pk}), {"next": next_url}
    )

    assert response["Location"] == f"/en/activities/{activity.pk}/"


@pytest.mark.django_db
def test_past_activities_are_listed_and_paginated(client):
    person = PartnerFactory()
    for n in range(23):
        RegistrationFactory(activity=_past(title_en=f"Old call {n:02d}"), user=person)
    client.force_login(person)

    first = text_of(client.get(MINE))
    second = text_of(client.get(MINE + "?page=2"))

    assert first.count("Old call ") == 20
    assert second.count("Old call ") == 3
    assert translated("en", "No activities coming up yet.") in first


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in(client):
    response = client.get(MINE)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_nobody_sees_anyone_elses_registrations(client):
    owner = PartnerFactory()
    RegistrationFactory(
        activity=ActivityFactory(title_en="Owner's call"),
        user=owner,
        question="My private question",
    )
    for other in (PartnerFactory(), StaffFactory()):
        client.force_login(other)

        body = text_of(client.get(MINE))

        assert "Owner's call" not in body
        assert "My private question" not in body


@pytest.mark.django_db
def test_hidden_organisation_member_sees_own_activity_of_hidden_host(client):
    hidden = OrganisationFactory(name="Quiet Sisters", visibility=Visibility.HIDDEN)
    person = MembershipFactory(organisation=hidden).user
    RegistrationFactory(
        activity=ActivityFactory(title_en="Quiet call", hosts=[hidden]), user=person
    )
    client.force_login(person)

    body = text_of(client.get(MINE))

    assert "Quiet call" in body
    # The page names no host at all: nothing of an organisation travels through it.
    assert "Quiet Sisters" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 12])
def test_my_activities_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries, rows
):
    person = PartnerFactory()
    for _n in range(rows):
        RegistrationFactory(activity=ActivityFactory(capacity=1), user=PartnerFactory())
        activity = ActivityFactory(capacity=1)
        RegistrationFactory(activity=activity, user=PartnerFactory())
        RegistrationFactory(activity=activity, user=person, status=RegistrationStatus.WAITLISTED)
        RegistrationFactory(activity=_past(), user=person)
    client.force_login(person)

    # 7: one more since the page lists the activities the person hosts (issue 16).
    with django_assert_max_num_queries(7):
        response = client.get(MINE)

    assert response.status_code == 200
    assert text_of(response).count("Number 1 on the waiting list") == rows


@pytest.mark.django_db
def test_activity_page_shows_back_what_i_asked_for(client):
    person = PartnerFactory()
    activity = ActivityFactory(capacity=1)
    services.register(activity=activity, user=PartnerFactory())
    client.force_login(person)
    client.post(
        f"/en/activities/{activity.pk}/register/",
        {
            "registration-interpretation_language": "fr",
            "registration-accessibility_needs": "Sign language",
            "registration-question": "Is there a recording?",
        },
    )

    body = text_of(client.get(f"/en/activities/{activity.pk}/"))

    assert "Number 1 on the waiting list" in body
    assert "Sign language" in body
    assert "Is there a recording?" in body
    assert translated("en", "Leave the waiting list") in body
    assert reverse("activities:mine") in body
