"""What hosts and staff do: attendees and needs, CSV, editing rules, cancelling, materials."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from activities.enums import ActivityStatus, RegistrationStatus
from activities.models import Activity, Material, Registration
from partners.enums import MembershipRole
from tests.activities.test_calendars import _edit_data
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    RegistrationFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import text_of, translated


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _lead_of(activity):
    return MembershipFactory(
        organisation=activity.host_organisations.first(), role=MembershipRole.LEAD
    ).user


@pytest.mark.django_db
def test_hosts_see_attendees_and_needs_per_language(client):
    activity = ActivityFactory()
    RegistrationFactory(
        activity=activity,
        interpretation_language="fr",
        user=UserFactory(language="fr"),
        accessibility_needs="Captions",
    )
    RegistrationFactory(activity=activity, interpretation_language="fr")
    RegistrationFactory(activity=activity, interpretation_language="es")
    RegistrationFactory(activity=activity, status=RegistrationStatus.WAITLISTED)
    client.force_login(_lead_of(activity))

    body = text_of(client.get(f"/en/activities/{activity.pk}/attendees/"))

    assert "3 registered, 1 on the waiting list." in body
    assert "French: 2" in body and "Spanish: 1" in body
    assert "Captions" in body


@pytest.mark.django_db
def test_attendee_csv_export_is_complete_and_formula_safe(client):
    activity = ActivityFactory()
    RegistrationFactory(
        activity=activity,
        user=UserFactory(display_name="=HYPERLINK(1)"),
        question="Will there be slides?",
        interpretation_language="es",
    )
    client.force_login(StaffFactory())

    response = client.get(f"/en/activities/{activity.pk}/attendees.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][0] == "Name"
    assert rows[1][0] == "'=HYPERLINK(1)"
    assert rows[1][2:6] == ["Registered", "Spanish", "", "Will there be slides?"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member of host", "other partner", "registered person"])
@pytest.mark.parametrize(
    ("method", "suffix", "message"),
    [
        ("get", "attendees/", "Only the hosts and the Learning Lab team can do this."),
        ("get", "attendees.csv", "Only the hosts and the Learning Lab team can do this."),
        ("get", "edit/", "Only the hosts can change this activity."),
        ("get", "cancel/", "Only the hosts can cancel this activity."),
        ("post", "cancel/", "Only the hosts can cancel this activity."),
        ("get", "materials/add/", "Only the hosts can add materials."),
        ("post", "publish/", "Only the Learning Lab team can publish activities."),
    ],
)
def test_host_pages_are_refused_to_others(client, who, method, suffix, message):
    activity = ActivityFactory()
    user = {
        "member of host": lambda: (
            MembershipFactory(organisation=activity.host_organisations.first()).user
        ),
        "other partner": lambda: MembershipFactory().user,
        "registered person": lambda: (
            RegistrationFactory(activity=activity, user=MembershipFactory().user).user
        ),
    }[who]()
    client.force_login(user)

    response = getattr(client, method)(f"/en/activities/{activity.pk}/{suffix}")

    activity.refresh_from_db()
    assert response.status_code == 403
    assert translated("en", message) in text_of(response)
    assert activity.status == ActivityStatus.SCHEDULED


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["attendees/", "edit/", "cancel/", "materials/add/", "register/"])
def test_visitors_are_sent_to_sign_in_from_host_pages(client, path):
    activity = ActivityFactory(audience="public")

    response = client.get(f"/en/activities/{activity.pk}/{path}")

    assert response.status_code == 302
    assert response["Location"] == (f"/en/accounts/login/?next=/en/activities/{activity.pk}/{path}")


@pytest.mark.django_db
def test_host_person_can_manage_too(client):
    activity = ActivityFactory()
    host = MembershipFactory().user
    activity.host_people.add(host)
    RegistrationFactory(activity=activity, user=UserFactory(display_name="Ana Coming"))
    client.force_login(host)

    response = client.get(f"/en/activities/{activity.pk}/attendees/")

    assert response.status_code == 200
    assert "Ana Coming" in text_of(response)


@pytest.mark.django_db
def test_end_before_start_is_a_translated_400(client):
    activity = ActivityFactory(title_en="Unchanged")
    client.force_login(_lead_of(activity))

    response = client.post(
        f"/es/activities/{activity.pk}/edit/",
        _edit_data(activity, title_en="Changed", ends_at="2031-05-06T09:00"),
    )

    activity.refresh_from_db()
    assert response.status_code == 400
    assert translated("es", "The activity must end after it starts.") in text_of(response)
    assert activity.title_en == "Unchanged"


@pytest.mark.django_db
def test_capacity_below_current_registrations_is_refused(client):
    activity = ActivityFactory(capacity=10, title_en="Unchanged")
    RegistrationFactory.create_batch(3, activity=activity)
    client.force_login(_lead_of(activity))

    response = client.post(
        f"/fr/activities/{activity.pk}/edit/",
        _edit_data(activity, title_en="Changed", capacity="2"),
    )

    activity.refresh_from_db()
    assert response.status_code == 400
    assert translated(
        "fr", "%(count)s people already have a place: the capacity cannot be lower than that."
    ) % {"count": 3} in text_of(response)
    assert (activity.capacity, activity.title_en) == (10, "Unchanged")


@pytest.mark.django_db
def test_more_capacity_gives_places_to_the_waiting_list(client):
    activity = ActivityFactory(capacity=1)
    RegistrationFactory(activity=activity)
    waiting = RegistrationFactory(activity=activity, status=RegistrationStatus.WAITLISTED)
    client.force_login(_lead_of(activity))

    client.post(f"/en/activities/{activity.pk}/edit/", _edit_data(activity, capacity="2"))

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


@pytest.mark.django_db
def test_times_are_read_in_the_hosts_time_zone(client):
    activity = ActivityFactory()
    client.force_login(_lead_of(activity))

    client.post(
        f"/en/activities/{activity.pk}/edit/",
        _edit_data(activity, timezone="America/Bogota"),
    )

    activity.refresh_from_db()
    assert activity.starts_at.isoformat() == "2031-05-06T15:00:00+00:00"


@pytest.mark.django_db
def test_cancelling_keeps_registrations_and_shows_the_reason(client):
    activity = ActivityFactory()
    registration = RegistrationFactory(activity=activity, user=MembershipFactory().user)
    client.force_login(_lead_of(activity))

    response = client.post(f"/en/activities/{activity.pk}/cancel/", {"reason": "Elections"})
    client.force_login(registration.user)
    page = text_of(client.get(f"/en/activities/{activity.pk}/"))

    activity.refresh_from_db()
    assert response.status_code == 302
    assert activity.status == "cancelled"
    assert Registration.objects.filter(pk=registration.pk).exists()
    assert "Elections" in page


@pytest.mark.django_db
def test_cancelling_twice_is_409(client):
    activity = ActivityFactory(status="cancelled")
    client.force_login(StaffFactory())

    response = client.post(f"/en/activities/{activity.pk}/cancel/", {"reason": "Again"})

    activity.refresh_from_db()
    assert response.status_code == 409
    assert translated("en", "Only a scheduled activity can be cancelled.") in text_of(response)
    assert (activity.status, activity.cancellation_reason) == ("cancelled", "")


@pytest.mark.django_db
def test_host_adds_a_recording_and_slides_for_the_community(client):
    activity = ActivityFactory()
    client.force_login(_lead_of(activity))
    pdf = SimpleUploadedFile("slides.pdf", b"%PDF-1.7\n...", content_type="application/pdf")

    link = client.post(
        f"/en/activities/{activity.pk}/materials/add/",
        {
            "kind": "recording",
            "title": "Recording",
            "language": "es",
            "link": "https://video.example/1",
        },
    )
    upload = client.post(
        f"/en/activities/{activity.pk}/materials/add/",
        {"kind": "slides", "title": "Diapositivas", "language": "es", "file": pdf},
    )
    slides = Material.objects.get(kind="slides")
    client.force_login(MembershipFactory().user)
    community = client.get(f"/en/activities/{activity.pk}/materials/{slides.pk}/")
    client.logout()
    activity.audience = "public"
    activity.save()
    public = client.get(f"/en/activities/{activity.pk}/materials/{slides.pk}/")

    assert (link["Location"], upload["Location"]) == (f"/en/activities/{activity.pk}/",) * 2
    assert community.status_code == 200
    assert b"".join(community.streaming_content).startswith(b"%PDF")
    assert public.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("virus.exe", b"MZ..."),
            "Upload a PDF, PPTX, DOCX, XLSX, ODP, ODT, TXT or MD file.",
        ),
        (
            SimpleUploadedFile("fake.pdf", b"MZ not a pdf"),
            "This file is not really a %(type)s file.",
        ),
        (
            SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 25_000_001),
            "The file is too large (%(size)s MB). The limit is %(limit)s MB.",
        ),
    ],
)
def test_bad_material_files_are_a_translated_400(client, upload, message):
    activity = ActivityFactory()
    client.force_login(_lead_of(activity))

    response = client.post(
        f"/fr/activities/{activity.pk}/materials/add/",
        {"kind": "slides", "title": "X", "language": "fr", "file": upload},
    )

    assert response.status_code == 400
    assert translated("fr", message).split("%(")[0] in text_of(response)
    assert not Material.objects.exists()


@pytest.mark.django_db
def test_staff_creates_and_publishes_a_draft(client):
    host = MembershipFactory().organisation
    client.force_login(StaffFactory())
    data = _edit_data(ActivityFactory(), host_organisations=[host.pk], status="draft")
    data["title_en"] = "Brand new"

    created = client.post("/en/activities/new/", data)
    activity = Activity.objects.get(title_en="Brand new")
    published = client.post(f"/en/activities/{activity.pk}/publish/")

    activity.refresh_from_db()
    assert created["Location"] == f"/en/activities/{activity.pk}/"
    assert published["Location"] == f"/en/activities/{activity.pk}/"
    assert (activity.status, activity.sequence) == ("scheduled", 1)


@pytest.mark.django_db
def test_people_without_an_organisation_cannot_create_activities(client):
    # Partners may (partner-led activities: tests/activities/test_partner_led.py).
    client.force_login(UserFactory())

    response = client.get("/en/activities/new/")

    assert response.status_code == 403
    assert translated(
        "en",
        "Only members of a partner organisation and the Learning Lab team can add activities.",
    ) in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 200])
def test_attendees_query_count_is_constant(client, django_assert_max_num_queries, count):
    from accounts.models import User

    activity = ActivityFactory()
    people = User.objects.bulk_create(
        User(email=f"coming{n}@example.org", display_name=f"Coming {n}", language="es")
        for n in range(count)
    )
    Registration.objects.bulk_create(
        Registration(activity=activity, user=person, interpretation_language="fr")
        for person in people
    )
    client.force_login(StaffFactory())

    # 14: the menu asks once whether this staff member holds any admin permission.
    with django_assert_max_num_queries(14):
        response = client.get(f"/en/activities/{activity.pk}/attendees/")

    assert response.status_code == 200
    assert text_of(response).count("Coming ") == count
