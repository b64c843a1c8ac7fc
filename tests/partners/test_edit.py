"""Leads edit their organisation's profile; bad input is refused whole, with a translated 400."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partners.enums import MembershipRole, Visibility
from partners.models import Organisation
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory
from tests.utils import image_file, text_of, translated


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _form_data(organisation, **changes):
    data = {
        "name": organisation.name,
        "country": organisation.country.code,
        "region": organisation.region,
        "city": organisation.city,
        "description_en": organisation.description_en or "",
        "description_es": organisation.description_es or "",
        "description_fr": organisation.description_fr or "",
        "mission_en": "",
        "mission_es": "",
        "mission_fr": "",
        "year_founded": "",
        "website": "",
        "whatsapp_group_url": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "visibility": organisation.visibility,
        "social_links": "",
    }
    data.update(changes)
    return data


def _lead_of(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.LEAD).user


@pytest.mark.django_db
def test_lead_edits_the_profile(client):
    organisation = OrganisationFactory(name="Old Name", slug="org")
    client.force_login(_lead_of(organisation))

    response = client.post(
        "/en/partners/org/edit/",
        _form_data(
            organisation,
            name="New Name",
            description_es="Nuestra descripción",
            visibility=Visibility.PUBLIC,
            website="https://org.example",
            whatsapp_group_url="https://chat.whatsapp.com/Invite123",
            social_links="https://www.facebook.com/org\nhttps://instagram.com/org",
            focus_areas=["1", "2"],
            working_languages=["1"],
        ),
    )

    organisation.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == "/en/partners/org/"
    assert organisation.name == "New Name"
    assert organisation.description_es == "Nuestra descripción"
    assert organisation.visibility == Visibility.PUBLIC
    assert [link.label for link in organisation.social_links.all()] == ["Facebook", "Instagram"]
    assert organisation.focus_areas.count() == 2


@pytest.mark.django_db
def test_lead_cannot_set_the_team_fields(client):
    organisation = OrganisationFactory(slug="org", on_working_group=False)
    client.force_login(_lead_of(organisation))

    client.post(
        "/en/partners/org/edit/",
        _form_data(organisation, on_working_group="on", slug="stolen", joined_on="2001-01-01"),
    )

    organisation.refresh_from_db()
    assert (organisation.on_working_group, organisation.slug) == (False, "org")


@pytest.mark.django_db
def test_staff_sets_the_team_fields(client):
    organisation = OrganisationFactory(slug="org")
    client.force_login(StaffFactory())

    client.post(
        "/en/partners/org/edit/",
        _form_data(organisation, on_working_group="on", slug="org", joined_on="2020-02-01"),
    )

    organisation.refresh_from_db()
    assert organisation.on_working_group is True
    assert str(organisation.joined_on) == "2020-02-01"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 403), ("other lead", 403), ("account without organisation", 404)],
)
def test_edit_is_refused_to_everyone_but_leads_and_staff(client, who, status):
    organisation = OrganisationFactory(slug="org", name="Unchanged")
    user = {
        "member": lambda: MembershipFactory(organisation=organisation).user,
        "other lead": lambda: MembershipFactory(role=MembershipRole.LEAD).user,
        "account without organisation": lambda: UserFactory(),
    }[who]()
    client.force_login(user)

    get_response = client.get("/en/partners/org/edit/")
    post_response = client.post("/en/partners/org/edit/", _form_data(organisation, name="Taken"))

    organisation.refresh_from_db()
    assert (get_response.status_code, post_response.status_code) == (status, status)
    assert organisation.name == "Unchanged"


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in_from_edit(client):
    OrganisationFactory(slug="org", visibility=Visibility.PUBLIC)

    response = client.get("/en/partners/org/edit/")

    assert response["Location"] == "/en/accounts/login/?next=/en/partners/org/edit/"


@pytest.mark.django_db
def test_logo_is_resized_and_stripped_of_metadata(client):
    organisation = OrganisationFactory(slug="org")
    client.force_login(_lead_of(organisation))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (14.0, 41.0, 0.0)}  # GPS
    upload = image_file("photo.jpg", "JPEG", size=(2000, 1000), exif=exif.tobytes())

    response = client.post("/en/partners/org/edit/", {**_form_data(organisation), "logo": upload})

    organisation.refresh_from_db()
    assert response.status_code == 302
    assert organisation.logo.name.startswith("logos/")
    assert organisation.logo.name.endswith(".webp")
    with Image.open(organisation.logo.path) as stored:
        assert stored.format == "WEBP"
        assert max(stored.size) == 512
        assert not stored.getexif()


@pytest.mark.django_db
def test_replacing_a_logo_deletes_the_old_file(client, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(slug="org")
    client.force_login(_lead_of(organisation))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/partners/org/edit/", {**_form_data(organisation), "logo": image_file()})
    organisation.refresh_from_db()
    first = organisation.logo.path

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/partners/org/edit/", {**_form_data(organisation), "logo": image_file()})

    organisation.refresh_from_db()
    assert organisation.logo.path != first
    assert not __import__("os").path.exists(first)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("logo.png", b"not an image at all", content_type="image/png"),
            "Upload a valid image. The file you uploaded was either not an image or a corrupted"
            " image.",
        ),
        (image_file("logo.gif", "GIF"), "Upload the logo as a PNG, JPEG or WebP file."),
        (
            SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * 2_100_000, content_type="image/png"),
            "The logo is too large (%(size)s MB). The limit is %(limit)s MB.",
        ),
        (
            image_file("huge.png", "PNG", size=(5000, 4000)),
            "The logo is too large (%(width)s × %(height)s pixels).",
        ),
    ],
)
@pytest.mark.parametrize("language", ["es", "fr"])
def test_bad_logo_is_refused_with_translated_error_and_nothing_saved(
    client, upload, message, language
):
    organisation = OrganisationFactory(slug="org", name="Unchanged")
    client.force_login(_lead_of(organisation))
    upload.seek(0)

    response = client.post(
        f"/{language}/partners/org/edit/",
        {**_form_data(organisation, name="Half Saved"), "logo": upload},
    )

    organisation.refresh_from_db()
    expected = translated(language, message).split("%(")[0].split("(")[0].strip()
    assert response.status_code == 400
    assert expected in text_of(response)
    assert organisation.name == "Unchanged"
    assert not organisation.logo


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website", "javascript:alert(1)", "Enter a valid URL."),
        (
            "whatsapp_group_url",
            "https://evil.example/group",
            "Use a WhatsApp group invitation link (https://chat.whatsapp.com/...).",
        ),
        ("social_links", "not a link", "“%(link)s” is not a valid web address."),
        ("year_founded", "1200", "Ensure this value is greater than or equal to %(limit_value)s."),
        (
            "visibility",
            "everyone",
            "That is not one of the choices offered here. Please choose from the list.",
        ),
    ],
)
def test_bad_fields_are_refused_with_translated_errors(client, field, value, message):
    organisation = OrganisationFactory(slug="org", name="Unchanged")
    client.force_login(_lead_of(organisation))

    response = client.post(
        "/fr/partners/org/edit/", _form_data(organisation, name="Half Saved", **{field: value})
    )

    organisation.refresh_from_db()
    assert response.status_code == 400
    assert translated("fr", message).split("%(")[0].split("“")[0].strip()[:25] in text_of(response)
    assert organisation.name == "Unchanged"


@pytest.mark.django_db
def test_staff_creates_an_organisation(client):
    client.force_login(StaffFactory())

    response = client.post(
        "/en/partners/new/",
        {
            **_form_data(
                Organisation(name="", country="BO", region="latin_america", visibility="community"),
                name="Nueva Organización",
                slug="nueva",
                joined_on="2026-11-01",
            ),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/partners/nueva/members/"
    assert Organisation.objects.get(slug="nueva").country.code == "BO"


@pytest.mark.django_db
def test_partner_lead_cannot_create_organisations(client):
    client.force_login(MembershipFactory(role=MembershipRole.LEAD).user)

    get_response = client.get("/en/partners/new/")
    post_response = client.post("/en/partners/new/", {"name": "X", "slug": "x"})

    assert (get_response.status_code, post_response.status_code) == (403, 403)
    assert not Organisation.objects.filter(slug="x").exists()


def test_image_file_helper_makes_real_images():
    with Image.open(io.BytesIO(image_file().read())) as image:
        assert image.format == "PNG"
