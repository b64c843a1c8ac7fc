"""Registering, the waiting list, and capacity that holds under pressure."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from activities import services
from activities.enums import ActivityStatus, RegistrationStatus
from activities.exceptions import ActivityError
from activities.models import Registration
from tests.factories import (
    ActivityFactory,
    PartnerFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.utils import require_service, text_of, translated


@pytest.mark.django_db
def test_partner_registers_with_interpretation_and_needs(client):
    activity = ActivityFactory()
    person = PartnerFactory()
    client.force_login(person)

    response = client.post(
        f"/en/activities/{activity.pk}/register/",
        {
            "registration-interpretation_language": "fr",
            "registration-accessibility_needs": "Captions, please",
            "registration-question": "Will slides be shared?",
        },
    )
    page = text_of(client.get(f"/en/activities/{activity.pk}/"))

    registration = Registration.objects.get(activity=activity, user=person)
    assert response["Location"] == f"/en/activities/{activity.pk}/"
    assert (registration.status, registration.interpretation_language) == ("confirmed", "fr")
    assert registration.accessibility_needs == "Captions, please"
    assert "https://meet.example/secret-room" in page
    assert translated("en", "Cancel my registration") in page


@pytest.mark.django_db
def test_full_activity_puts_people_on_the_waiting_list_in_order(client):
    activity = ActivityFactory(capacity=1)
    first, second, third = PartnerFactory(), PartnerFactory(), PartnerFactory()
    for person in (first, second, third):
        services.register(activity=activity, user=person)

    statuses = [
        Registration.objects.get(activity=activity, user=person).status
        for person in (first, second, third)
    ]

    assert statuses == ["confirmed", "waitlisted", "waitlisted"]


@pytest.mark.django_db
def test_freed_place_goes_to_the_first_waiting_who_is_told_in_their_language(
    django_capture_on_commit_callbacks,
):
    activity = ActivityFactory(capacity=1, title_en="Budget call", title_es="Llamada presupuesto")
    holder = PartnerFactory()
    first_waiting = PartnerFactory(language="es", timezone="America/Bogota")
    second_waiting = PartnerFactory()
    holding = services.register(activity=activity, user=holder)
    services.register(activity=activity, user=first_waiting)
    services.register(activity=activity, user=second_waiting)

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=holding, by=holder)

    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses == {
        holder.pk: "cancelled",
        first_waiting.pk: "confirmed",
        second_waiting.pk: "waitlisted",
    }
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [first_waiting.email]
    assert (
        translated("es", "A place is yours: %(title)s") % {"title": "Llamada presupuesto"}
        in message.subject
    )
    assert "(hora de Bogotá)" in message.body
    assert "America/Bogota" not in message.body
    assert f"/es/activities/{activity.pk}/" in message.body


@pytest.mark.django_db
def test_newcomers_do_not_jump_the_waiting_list_when_capacity_grows():
    activity = ActivityFactory(capacity=1)
    services.register(activity=activity, user=PartnerFactory())
    waiting = services.register(activity=activity, user=PartnerFactory())
    activity.capacity = 2
    activity.save()

    newcomer = services.register(activity=activity, user=PartnerFactory())

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert newcomer.status == RegistrationStatus.WAITLISTED


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_registering_twice_is_a_translated_409_and_keeps_the_place(client, language):
    registration = RegistrationFactory(user=PartnerFactory(), interpretation_language="es")
    client.force_login(registration.user)

    response = client.post(f"/{language}/activities/{registration.activity.pk}/register/", {})

    registration.refresh_from_db()
    assert response.status_code == 409
    assert translated(language, "You are already registered for this activity.") in text_of(
        response
    )
    assert (registration.status, registration.interpretation_language) == ("confirmed", "es")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("activity_kwargs", "message"),
    [
        (
            {"registration_deadline": timezone.now() - datetime.timedelta(hours=1)},
            "Registration closed on %(date)s.",
        ),
        ({"status": ActivityStatus.CANCELLED}, "This activity has been cancelled."),
        (
            {
                "starts_at": timezone.now() - datetime.timedelta(days=2),
                "ends_at": timezone.now() - datetime.timedelta(days=2, hours=-1),
            },
            "Registration is closed: this activity is not open for registration.",
        ),
    ],
)
def test_closed_registration_is_a_translated_409(client, activity_kwargs, message):
    activity = ActivityFactory(**activity_kwargs)
    person = PartnerFactory()
    client.force_login(person)

    response = client.post(f"/fr/activities/{activity.pk}/register/", {})

    assert response.status_code == 409
    assert translated("fr", message).split("%(")[0] in text_of(response)
    assert not Registration.objects.filter(user=person).exists()


@pytest.mark.django_db
def test_interpretation_that_is_not_offered_is_a_400(client):
    activity = ActivityFactory(interpretation_languages="fr")
    client.force_login(PartnerFactory())

    response = client.post(
        f"/es/activities/{activity.pk}/register/", {"registration-interpretation_language": "es"}
    )

    assert response.status_code == 400
    assert 'name="registration-interpretation_language"' in text_of(response)
    assert "is-invalid" in text_of(response)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_service_refuses_interpretation_not_offered():
    activity = ActivityFactory(interpretation_languages="fr")

    with pytest.raises(ActivityError) as refused:
        services.register(activity=activity, user=PartnerFactory(), interpretation_language="es")

    assert (refused.value.status_code, refused.value.message) == (
        400,
        "Interpretation into that language is not offered.",
    )
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_cancel_then_register_again_reuses_the_row(client):
    registration = RegistrationFactory(user=PartnerFactory())
    client.force_login(registration.user)

    cancelled = client.post(f"/en/activities/{registration.activity.pk}/cancel-registration/")
    registration.refresh_from_db()
    status_after_cancel = registration.status
    again = client.post(f"/en/activities/{registration.activity.pk}/register/", {})

    assert (
        cancelled["Location"]
        == again["Location"]
        == (f"/en/activities/{registration.activity.pk}/")
    )
    assert status_after_cancel == RegistrationStatus.CANCELLED
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


@pytest.mark.django_db
def test_cancelling_without_a_registration_is_409(client):
    activity = ActivityFactory()
    client.force_login(PartnerFactory())

    response = client.post(f"/fr/activities/{activity.pk}/cancel-registration/")

    assert response.status_code == 409
    assert translated("fr", "You are not registered for this activity.") in text_of(response)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in_to_register(client):
    activity = ActivityFactory(audience="public")

    response = client.post(f"/en/activities/{activity.pk}/register/", {})

    assert response["Location"] == (
        f"/en/accounts/login/?next=/en/activities/{activity.pk}/register/"
    )


@pytest.mark.django_db
def test_account_without_organisation_cannot_register_for_community_activity(client):
    activity = ActivityFactory()
    client.force_login(UserFactory())

    response = client.post(f"/en/activities/{activity.pk}/register/", {})

    assert response.status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_capacity_holds_when_many_register_at_the_same_moment():
    """30 people press Register for 5 places at once: exactly 5 get places, 25 wait."""
    require_service(
        connection.vendor == "postgresql",
        "concurrency is only meaningful on PostgreSQL (set DATABASE_URL)",
    )
    activity = ActivityFactory(capacity=5)
    people = [PartnerFactory() for _ in range(30)]
    barrier = threading.Barrier(len(people))
    errors = []

    def press_register(person):
        try:
            barrier.wait(timeout=30)
            services.register(activity=activity, user=person)
        except Exception as error:  # collected and reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press_register, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    counts = {
        status: Registration.objects.filter(activity=activity, status=status).count()
        for status in ("confirmed", "waitlisted")
    }
    assert errors == []
    assert counts == {"confirmed": 5, "waitlisted": 25}
