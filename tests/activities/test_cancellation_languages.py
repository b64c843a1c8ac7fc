"""Why an activity is cancelled reaches each person with a place in their language when the hosts
or the team wrote it in it, else in the original with a note of its language; the cancel page
says which languages those people read."""

import pytest
from django.core import mail
from django.utils import translation

from activities.enums import ActivityStatus, RegistrationStatus
from activities.exceptions import ActivityError
from activities.models import Activity
from activities.services import change_status
from partners.enums import MembershipRole, Visibility
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    RegistrationFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import text_of, translated


def _lead_of(activity):
    return MembershipFactory(
        organisation=activity.host_organisations.first(), role=MembershipRole.LEAD
    ).user


def _registered(activity, language, **kwargs):
    return RegistrationFactory(
        activity=activity, user=UserFactory(language=language), **kwargs
    ).user


@pytest.mark.django_db
def test_cancel_page_counts_the_languages_of_the_people_with_a_place_or_waiting(client):
    activity = ActivityFactory()
    for language in ("es", "es"):
        _registered(activity, language)
    _registered(activity, "fr", status=RegistrationStatus.WAITLISTED)
    # Not told of the cancellation, so not counted: the cancelled, the gone.
    _registered(activity, "en", status=RegistrationStatus.CANCELLED)
    RegistrationFactory(activity=activity, user=UserFactory(language="en", is_active=False))
    client.force_login(_lead_of(activity))

    page = text_of(client.get(f"/en/activities/{activity.pk}/cancel/"))

    assert "The 3 people with a place or waiting for one read: Spanish (2), French (1)." in page
    assert 'name="reason_language" value="en"' in page
    assert 'name="reason_es"' in page and 'name="reason_fr"' in page


@pytest.mark.django_db
def test_cancel_page_with_one_person_and_with_nobody(client):
    alone, empty = ActivityFactory(), ActivityFactory()
    _registered(alone, "fr")
    client.force_login(StaffFactory())

    one = text_of(client.get(f"/en/activities/{alone.pk}/cancel/"))
    nobody = text_of(client.get(f"/en/activities/{empty.pk}/cancel/"))

    assert "The one person with a place or waiting for one reads: French (1)." in one
    assert "Nobody has a place or is waiting for one: nobody will be emailed." in nobody


@pytest.mark.django_db
def test_cancel_page_in_spanish_names_the_languages_in_spanish(client):
    activity = ActivityFactory()
    _registered(activity, "fr")
    _registered(activity, "fr")
    client.force_login(StaffFactory(language="es"))

    page = text_of(client.get(f"/es/activities/{activity.pk}/cancel/"))

    french = translated("es", "French", "language name inside a sentence")
    with translation.override("es"):
        sentence = translation.ngettext(
            "The one person with a place or waiting for one reads: %(languages)s.",
            "The %(count)s people with a place or waiting for one read: %(languages)s.",
            2,
        )
    assert sentence != "The %(count)s people with a place or waiting for one read: %(languages)s."
    assert sentence % {"count": 2, "languages": f"{french} (2)"} in page


@pytest.mark.django_db
def test_reasons_in_two_languages_reach_each_reader_in_theirs(
    client, django_capture_on_commit_callbacks
):
    activity = ActivityFactory()
    spanish = _registered(activity, "es")
    english = _registered(activity, "en")
    french = _registered(activity, "fr")
    client.force_login(_lead_of(activity))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/activities/{activity.pk}/cancel/",
            {
                "reason": "The elections moved to that day.",
                "reason_language": "en",
                "reason_es": "Las elecciones se movieron a ese día.",
                "reason_fr": "",
            },
        )

    activity = Activity.objects.get(pk=activity.pk)
    mails = {message.to[0]: message.body for message in mail.outbox}
    assert response.status_code == 302
    assert activity.status == ActivityStatus.CANCELLED
    assert (
        activity.cancellation_reason_en,
        activity.cancellation_reason_es,
        activity.cancellation_reason_fr,
    ) == ("The elections moved to that day.", "Las elecciones se movieron a ese día.", "")
    assert "Las elecciones se movieron a ese día." in mails[spanish.email]
    assert "The elections moved" not in mails[spanish.email]
    assert translated("es", "Originally written in Spanish.") not in mails[spanish.email]
    assert "The elections moved to that day." in mails[english.email]
    assert "Originally written in" not in mails[english.email]
    # No French version: the nearest one (Spanish), with a note of its language, in French.
    assert "Las elecciones se movieron a ese día." in mails[french.email]
    assert f"({translated('fr', 'Originally written in Spanish.')})" in mails[french.email]


@pytest.mark.django_db
def test_a_reason_in_english_only_reaches_a_spanish_reader_with_the_note(
    client, django_capture_on_commit_callbacks
):
    activity = ActivityFactory()
    spanish = _registered(activity, "es")
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/activities/{activity.pk}/cancel/", {"reason": "A storm is coming."})

    body = mail.outbox[-1].body
    assert mail.outbox[-1].to == [spanish.email]
    assert "A storm is coming." in body
    assert f"({translated('es', 'Originally written in English.')})" in body


@pytest.mark.django_db
def test_activity_page_shows_the_viewers_reason_or_the_original_with_its_language(client):
    activity = ActivityFactory()
    change_status(
        activity=activity,
        to=ActivityStatus.CANCELLED,
        by=StaffFactory(),
        reason={"fr": "Grève des transports."},
    )
    client.force_login(PartnerFactory())

    french = text_of(client.get(f"/fr/activities/{activity.pk}/"))
    spanish = text_of(client.get(f"/es/activities/{activity.pk}/"))

    assert '<span lang="fr">Grève des transports.</span>' in french
    assert translated("fr", "Originally written in French.") not in french
    assert '<span lang="fr">Grève des transports.</span>' in spanish
    assert f"({translated('es', 'Originally written in French.')})" in spanish


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("reason_es", "Tormenta\x00"),
        ("reason", "Bell \x07 ringing"),
        ("reason_en", "x" * 1001),
        ("reason", "y" * 1001),
    ],
)
def test_hostile_reasons_are_a_translated_400_and_nothing_is_saved_or_lost(client, field, text):
    activity = ActivityFactory()
    _registered(activity, "es")
    client.force_login(StaffFactory(language="fr"))
    data = {"reason": "Ce texte reste.", "reason_es": "Este también.", "reason_en": "This too."}
    data[field] = text

    response = client.post(f"/fr/activities/{activity.pk}/cancel/", data)

    activity.refresh_from_db()
    page = text_of(response)
    assert response.status_code == 400
    assert activity.status == ActivityStatus.SCHEDULED
    assert (activity.cancellation_reason_en or "", activity.cancellation_reason_es or "") == (
        "",
        "",
    )
    assert not mail.outbox
    assert 'name="reason_language" value="fr"' in page
    for value in data.values():
        if value != text:
            assert value in page
    if len(text) < 1000:
        assert (
            translated(
                "fr",
                "This text contains invisible control characters. Remove them and try again.",
            )
            in page
        )


@pytest.mark.django_db
def test_a_missing_reason_is_refused(client):
    activity = ActivityFactory()
    client.force_login(StaffFactory())

    response = client.post(
        f"/en/activities/{activity.pk}/cancel/", {"reason": " ", "reason_es": "Sí hay motivo"}
    )

    activity.refresh_from_db()
    assert response.status_code == 400
    assert "This field is required." in text_of(response)
    assert "Sí hay motivo" in text_of(response)
    assert activity.status == ActivityStatus.SCHEDULED


@pytest.mark.django_db
def test_service_refuses_hostile_reasons_sent_around_the_form():
    activity = ActivityFactory()

    with pytest.raises(ActivityError) as refused:
        change_status(
            activity=activity,
            to=ActivityStatus.CANCELLED,
            by=StaffFactory(),
            reason={"en": "Fine", "es": "z" * 1001},
        )

    activity.refresh_from_db()
    assert refused.value.status_code == 400
    assert activity.status == ActivityStatus.SCHEDULED


def _hidden_member():
    return MembershipFactory(organisation=OrganisationFactory(visibility=Visibility.HIDDEN)).user


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "who",
    [
        "member of a host (not lead)",
        "other organisation's partner",
        "hidden organisation member",
        "registered person",
        "working group member",
    ],
)
def test_others_cannot_cancel_nor_see_the_readers_languages(client, method, who):
    activity = ActivityFactory()
    _registered(activity, "es")
    user = {
        "member of a host (not lead)": lambda: (
            MembershipFactory(organisation=activity.host_organisations.first()).user
        ),
        "other organisation's partner": lambda: PartnerFactory(),
        "hidden organisation member": _hidden_member,
        "registered person": lambda: (
            RegistrationFactory(activity=activity, user=PartnerFactory(language="fr")).user
        ),
        "working group member": lambda: PartnerFactory(is_working_group_member=True),
    }[who]()
    client.force_login(user)

    response = getattr(client, method)(
        f"/en/activities/{activity.pk}/cancel/", {"reason": "No", "reason_es": "No"}
    )

    activity.refresh_from_db()
    page = text_of(response)
    assert response.status_code == 403
    assert "Only the hosts can cancel this activity." in page
    assert "waiting for one read" not in page
    assert activity.status == ActivityStatus.SCHEDULED
    assert not mail.outbox


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_visitors_cannot_cancel(client, method):
    activity = ActivityFactory(audience="public")

    response = getattr(client, method)(
        f"/en/activities/{activity.pk}/cancel/", {"reason": "No", "reason_es": "No"}
    )

    activity.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert activity.status == ActivityStatus.SCHEDULED


@pytest.mark.django_db
def test_people_on_the_waiting_list_are_told_too_without_a_calendar_file(
    client, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(capacity=1)
    with_place = _registered(activity, "en")
    waiting = _registered(activity, "es", status=RegistrationStatus.WAITLISTED)
    gone = _registered(activity, "fr", status=RegistrationStatus.CANCELLED)
    client.force_login(_lead_of(activity))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/activities/{activity.pk}/cancel/",
            {"reason_language": "en", "reason": "The venue flooded.", "reason_es": "Se inundó."},
        )

    assert response.status_code == 302
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {with_place.email, waiting.email}
    assert gone.email not in by_address
    to_waiting, to_placed = by_address[waiting.email], by_address[with_place.email]
    assert "en la que estabas en lista de espera" in to_waiting.body
    assert "Se inundó." in to_waiting.body
    assert not to_waiting.attachments
    assert "calendario" not in to_waiting.body
    assert "The attached calendar file removes it from your calendar." in to_placed.body
    assert len(to_placed.attachments) == 1
