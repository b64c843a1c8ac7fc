"""Registering for a convening: one registration per person with the sessions they chose; every
place is an activity registration (capacity, waiting list, reminders are the activities')."""

import datetime
import re
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from activities.enums import ActivityStatus, Audience, RegistrationStatus
from activities.models import Registration
from convenings import services
from convenings.enums import ConveningState
from convenings.exceptions import ConveningError
from convenings.models import ConveningRegistration
from notifications.models import Delivery
from tests.factories import (
    ConveningFactory,
    ConveningSessionFactory,
    PartnerFactory,
    UserFactory,
)
from tests.utils import require_service

pytestmark = pytest.mark.django_db


def _statuses(user):
    return dict(Registration.objects.filter(user=user).values_list("activity_id", "status"))


def test_registering_gives_a_place_at_each_chosen_session_and_arms_reminders():
    convening = ConveningFactory()
    first, second, third = (ConveningSessionFactory(convening=convening) for _ in range(3))
    partner = PartnerFactory()

    result = services.save_registration(
        convening=convening, user=partner, session_ids=[first.pk, second.pk]
    )

    assert sorted(s.pk for s in result.confirmed) == [first.pk, second.pk]
    assert result.waitlisted == []
    assert _statuses(partner) == {
        first.activity_id: RegistrationStatus.CONFIRMED,
        second.activity_id: RegistrationStatus.CONFIRMED,
    }
    registration = ConveningRegistration.objects.get(convening=convening, user=partner)
    assert sorted(registration.sessions.values_list("pk", flat=True)) == [first.pk, second.pk]
    # The activities' own reminders, armed by activities.services.register.
    assert Delivery.objects.filter(user=partner, kind="reminder").exists()
    assert third.activity.registrations.count() == 0


def test_changing_the_choice_cancels_removed_sessions_and_registers_added_ones():
    convening = ConveningFactory()
    first, second, third = (ConveningSessionFactory(convening=convening) for _ in range(3))
    partner = PartnerFactory()
    services.save_registration(convening=convening, user=partner, session_ids=[first.pk, second.pk])

    services.save_registration(convening=convening, user=partner, session_ids=[second.pk, third.pk])

    assert _statuses(partner) == {
        first.activity_id: RegistrationStatus.CANCELLED,
        second.activity_id: RegistrationStatus.CONFIRMED,
        third.activity_id: RegistrationStatus.CONFIRMED,
    }
    assert ConveningRegistration.objects.filter(user=partner).count() == 1


def test_a_full_session_puts_the_person_on_its_waiting_list_and_a_freed_place_is_theirs():
    convening = ConveningFactory()
    full = ConveningSessionFactory(convening=convening, activity__capacity=1)
    first_person, second_person = PartnerFactory(), PartnerFactory()
    services.save_registration(convening=convening, user=first_person, session_ids=[full.pk])

    result = services.save_registration(
        convening=convening, user=second_person, session_ids=[full.pk]
    )
    assert [s.pk for s in result.waitlisted] == [full.pk]
    assert _statuses(second_person) == {full.activity_id: RegistrationStatus.WAITLISTED}

    services.cancel_registration(convening=convening, user=first_person)

    assert _statuses(first_person) == {full.activity_id: RegistrationStatus.CANCELLED}
    assert _statuses(second_person) == {full.activity_id: RegistrationStatus.CONFIRMED}
    assert not ConveningRegistration.objects.filter(user=first_person).exists()


def test_a_place_taken_on_the_activity_page_is_kept_not_duplicated():
    convening = ConveningFactory()
    session = ConveningSessionFactory(convening=convening)
    partner = PartnerFactory()
    Registration.objects.create(activity=session.activity, user=partner)

    result = services.save_registration(convening=convening, user=partner, session_ids=[session.pk])

    assert [s.pk for s in result.confirmed] == [session.pk]
    assert Registration.objects.filter(user=partner).count() == 1


@pytest.mark.parametrize(
    "hostile",
    ["other_convening", "draft_convening", "unknown", "community_for_outsider"],
)
def test_sessions_one_may_not_choose_are_refused_and_nothing_changes(hostile):
    convening = ConveningFactory()
    mine = ConveningSessionFactory(convening=convening)
    outsider = UserFactory()  # signed in, no organisation
    public = ConveningSessionFactory(convening=convening, activity__audience=Audience.PUBLIC)
    ids = {
        "other_convening": ConveningSessionFactory().pk,
        "draft_convening": ConveningSessionFactory(
            convening=ConveningFactory(state=ConveningState.DRAFT)
        ).pk,
        "unknown": 10**9,
        "community_for_outsider": mine.pk,
    }
    with pytest.raises(ConveningError) as refused:
        services.save_registration(
            convening=convening, user=outsider, session_ids=[public.pk, ids[hostile]]
        )

    assert refused.value.status_code == 400
    assert str(refused.value) == "Choose among the sessions of this convening."
    assert not Registration.objects.exists()
    assert not ConveningRegistration.objects.exists()


def test_a_visitor_sees_public_sessions_and_an_outsider_may_choose_them():
    convening = ConveningFactory()
    public = ConveningSessionFactory(convening=convening, activity__audience=Audience.PUBLIC)
    outsider = UserFactory()

    result = services.save_registration(convening=convening, user=outsider, session_ids=[public.pk])

    assert [s.pk for s in result.confirmed] == [public.pk]


def test_a_huge_or_empty_list_is_refused_before_anything_is_read():
    convening = ConveningFactory()
    partner = PartnerFactory()
    with pytest.raises(ConveningError, match=r"Choose fewer sessions\."):
        services.save_registration(
            convening=convening, user=partner, session_ids=list(range(1, 5000))
        )
    with pytest.raises(ConveningError, match=r"Choose at least one session\."):
        services.save_registration(convening=convening, user=partner, session_ids=[])


@pytest.mark.parametrize(
    ("state", "days", "message"),
    [
        (ConveningState.DRAFT, 30, "You cannot register for this convening."),
        (ConveningState.ARCHIVED, -30, "This convening is not open for registration."),
        (ConveningState.PUBLISHED, -30, "This convening is over."),
    ],
)
def test_registration_is_closed_outside_a_published_coming_convening(state, days, message):
    start = timezone.localdate() + datetime.timedelta(days=days)
    convening = ConveningFactory(
        state=state, starts_on=start, ends_on=start + datetime.timedelta(days=1)
    )
    session = ConveningSessionFactory(
        convening=convening,
        activity__starts_at=timezone.now() + datetime.timedelta(days=days),
    )
    with pytest.raises(ConveningError, match=re.escape(message)):
        services.save_registration(
            convening=convening, user=PartnerFactory(), session_ids=[session.pk]
        )


def test_a_session_closed_for_registration_names_itself_and_changes_nothing():
    convening = ConveningFactory()
    open_session = ConveningSessionFactory(convening=convening)
    closed = ConveningSessionFactory(
        convening=convening,
        activity__title_en="Closed talk",
        activity__registration_deadline=timezone.now() - datetime.timedelta(hours=1),
    )
    partner = PartnerFactory()

    with pytest.raises(ConveningError) as refused:
        services.save_registration(
            convening=convening, user=partner, session_ids=[open_session.pk, closed.pk]
        )

    assert refused.value.status_code == 409
    assert refused.value.message.startswith("Closed talk: Registration closed on")
    assert not Registration.objects.exists()


def test_a_cancelled_session_already_chosen_may_stay_chosen():
    convening = ConveningFactory()
    kept, other = (ConveningSessionFactory(convening=convening) for _ in range(2))
    partner = PartnerFactory()
    services.save_registration(convening=convening, user=partner, session_ids=[kept.pk])
    kept.activity.status = ActivityStatus.CANCELLED
    kept.activity.save()

    services.save_registration(convening=convening, user=partner, session_ids=[kept.pk, other.pk])

    assert _statuses(partner)[other.activity_id] == RegistrationStatus.CONFIRMED


def test_register_page_saves_in_one_submit_and_shows_my_programme(client):
    convening = ConveningFactory()
    first, second = (
        ConveningSessionFactory(convening=convening, activity__title_en=title)
        for title in ("Opening plenary", "Radio workshop")
    )
    partner = PartnerFactory()
    client.force_login(partner)
    url = reverse("convenings:register", kwargs={"slug": convening.slug})

    response = client.post(
        url, {"sessions": [first.pk, second.pk], "interpretation_language": "fr"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "convenings:my_programme", kwargs={"slug": convening.slug}
    )
    assert set(
        Registration.objects.filter(user=partner).values_list("interpretation_language", flat=True)
    ) == {"fr"}
    page = client.get(response["Location"]).content.decode()
    assert "Opening plenary" in page and "Radio workshop" in page


@pytest.mark.parametrize(
    ("language", "data", "message"),
    [
        ("en", {}, "Choose at least one session."),
        ("es", {"sessions": ["abc"]}, "Elige entre las sesiones de este encuentro."),
        ("fr", {"sessions": [str(10**30)]}, "Choisissez parmi les sessions de cette rencontre."),
        ("en", {"sessions": ["1"], "interpretation_language": "xx"}, "No session offers"),
    ],
)
def test_bad_input_on_the_register_page_is_a_translated_400(client, language, data, message):
    convening = ConveningFactory()
    ConveningSessionFactory(convening=convening)
    client.force_login(PartnerFactory(language=language))
    url = f"/{language}/convenings/{convening.slug}/register/"

    response = client.post(url, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_cancel_without_a_registration_is_a_409(client):
    convening = ConveningFactory()
    client.force_login(PartnerFactory())

    response = client.post(reverse("convenings:cancel", kwargs={"slug": convening.slug}))

    assert response.status_code == 409


def test_visitor_is_sent_to_sign_in_to_register(client):
    convening = ConveningFactory()

    response = client.get(reverse("convenings:register", kwargs={"slug": convening.slug}))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db(transaction=True)
def test_capacity_holds_when_many_register_for_a_session_at_the_same_moment():
    """20 people save their programme with a 3-place session at once: exactly 3 get places."""
    require_service(
        connection.vendor == "postgresql",
        "concurrency is only meaningful on PostgreSQL (set DATABASE_URL)",
    )
    convening = ConveningFactory()
    session = ConveningSessionFactory(convening=convening, activity__capacity=3)
    other = ConveningSessionFactory(convening=convening)
    people = [PartnerFactory() for _ in range(20)]
    barrier = threading.Barrier(len(people))
    errors = []

    def press_save(person):
        try:
            barrier.wait(timeout=30)
            services.save_registration(
                convening=convening, user=person, session_ids=[other.pk, session.pk]
            )
        except Exception as error:  # collected and reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press_save, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    counts = {
        status: Registration.objects.filter(activity=session.activity, status=status).count()
        for status in ("confirmed", "waitlisted")
    }
    assert errors == []
    assert counts == {"confirmed": 3, "waitlisted": 17}
    assert ConveningRegistration.objects.filter(convening=convening).count() == 20


@pytest.mark.parametrize("year", [1, 1999, 2101, 9999])
def test_a_convening_dated_out_of_range_is_refused_by_the_model(year):
    from django.core.exceptions import ValidationError

    from convenings.models import Convening

    day = datetime.date(year, 6, 1)
    convening = Convening(
        title_en="Far away", slug=f"far-{year}", starts_on=day, ends_on=day, original_language="en"
    )
    with pytest.raises(ValidationError) as refused:
        convening.full_clean()

    assert set(refused.value.message_dict) == {"starts_on", "ends_on"}


def test_pages_of_a_convening_at_the_edge_of_the_range_answer(client):
    from tests.factories import StaffFactory

    edge = ConveningFactory(
        starts_on=datetime.date(2100, 12, 30), ends_on=datetime.date(2100, 12, 31)
    )
    early = ConveningFactory(starts_on=datetime.date(2000, 1, 1), ends_on=datetime.date(2000, 1, 2))
    client.force_login(StaffFactory())
    for convening in (edge, early):
        for name in ("convenings:detail", "convenings:manage", "convenings:register"):
            response = client.get(reverse(name, kwargs={"slug": convening.slug}))
            assert response.status_code in (200, 409), (name, response.status_code)
    assert client.get(reverse("convenings:list")).status_code == 200


def test_another_partner_cannot_cancel_or_read_someone_elses_programme(client):
    convening = ConveningFactory()
    session = ConveningSessionFactory(convening=convening, activity__title_en="Mine only")
    owner, other = PartnerFactory(), PartnerFactory()
    services.save_registration(convening=convening, user=owner, session_ids=[session.pk])
    client.force_login(other)

    programme = client.get(reverse("convenings:my_programme", kwargs={"slug": convening.slug}))
    cancel = client.post(reverse("convenings:cancel", kwargs={"slug": convening.slug}))

    assert "Mine only" not in programme.content.decode()
    assert cancel.status_code == 409
    assert _statuses(owner) == {session.activity_id: RegistrationStatus.CONFIRMED}


def test_a_hidden_organisations_member_registers_for_its_own_hidden_session(client):
    from partners.enums import Visibility
    from tests.factories import MembershipFactory, OrganisationFactory

    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    member = MembershipFactory(organisation=hidden).user
    convening = ConveningFactory()
    session = ConveningSessionFactory(convening=convening, activity__hosts=[hidden])

    result = services.save_registration(convening=convening, user=member, session_ids=[session.pk])

    assert [s.pk for s in result.confirmed] == [session.pk]


def test_an_archived_convening_keeps_who_came():
    convening = ConveningFactory()
    session = ConveningSessionFactory(convening=convening)
    partner = PartnerFactory()
    services.save_registration(convening=convening, user=partner, session_ids=[session.pk])
    convening.state = ConveningState.ARCHIVED
    convening.save()

    with pytest.raises(ConveningError, match="not open for registration") as refused:
        services.cancel_registration(convening=convening, user=partner)

    assert refused.value.status_code == 409
    assert ConveningRegistration.objects.filter(user=partner).exists()
    assert _statuses(partner) == {session.activity_id: RegistrationStatus.CONFIRMED}
