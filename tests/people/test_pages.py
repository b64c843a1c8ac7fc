"""The people pages: my profile (saved, stale edits refused with what was typed kept, hostile
input refused with a translated 4xx), a person's page, the directory (filters, search, constant
queries) and photos served only to those who may see the profile."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from partners.enums import Region, Visibility
from partners.models import FocusArea
from people.enums import LanguageLevel, ProfileVisibility
from people.models import Profile, ProfileLanguage, Skill
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    ProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ME = reverse("people:me")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _form(profile, **changes):
    data = {
        "version": profile.version,
        "region": Region.LATIN_AMERICA,
        "original_language": "es",
        "introduction_es": "Trabajo con clubes de niñas.",
        "introduction_en": "",
        "introduction_fr": "",
        "visibility": ProfileVisibility.COMMUNITY,
        "themes": [FocusArea.objects.get(slug="girls-education").pk],
        "skills_offered": [Skill.objects.get(slug="fundraising").pk],
        "skills_sought": [Skill.objects.get(slug="safeguarding").pk],
        "language_0": "es",
        "level_0": LanguageLevel.FIRST,
        "language_1": "fr",
        "level_1": LanguageLevel.BASIC,
    }
    data.update(changes)
    return data


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 50)).save(out, "JPEG")
    return out.getvalue()


def test_my_profile_is_created_on_first_visit_and_saved(client):
    user = PartnerFactory()
    client.force_login(user)

    assert client.get(ME).status_code == 200
    profile = Profile.objects.get(user=user)
    response = client.post(ME, _form(profile))

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.introduction_es == "Trabajo con clubes de niñas."
    assert profile.region == Region.LATIN_AMERICA
    assert [s.slug for s in profile.skills_offered.all()] == ["fundraising"]
    assert list(profile.languages.values_list("code", "level")) == [
        ("es", LanguageLevel.FIRST),
        ("fr", LanguageLevel.BASIC),
    ]
    assert profile.version == 2


def test_a_stale_edit_is_refused_409_and_keeps_what_was_typed(client):
    user = PartnerFactory()
    client.force_login(user)
    client.get(ME)
    profile = Profile.objects.get(user=user)
    client.post(ME, _form(profile))

    response = client.post(ME, _form(profile, introduction_es="Mi texto nuevo"))

    assert response.status_code == 409
    assert "Mi texto nuevo" in response.content.decode()
    profile.refresh_from_db()
    assert profile.introduction_es == "Trabajo con clubes de niñas."


@pytest.mark.parametrize(
    "changes",
    [
        {"introduction_es": "x" * 5000},
        {"introduction_es": "hola\x00mundo"},
        {"language_0": "zz-not-a-language"},
        {"level_0": "native-speaker"},
        {"visibility": "everyone"},
        {"region": "atlantis"},
        {"version": "99999999999999999999"},
    ],
)
def test_hostile_input_is_refused_with_a_translated_400_and_nothing_saved(client, changes):
    user = PartnerFactory(language="fr")
    client.force_login(user)
    client.get(ME)
    profile = Profile.objects.get(user=user)

    response = client.post("/fr/people/me/", _form(profile, **changes))

    assert response.status_code == 400
    assert 'lang="fr"' in response.content.decode()
    profile.refresh_from_db()
    assert profile.version == 1 and profile.introduction_es in ("", None)


def test_the_hidden_organisation_opt_in_is_asked_only_of_its_members(client):
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    member = UserFactory()
    MembershipFactory(user=member, organisation=hidden)
    client.force_login(PartnerFactory())
    assert "listed_if_hidden" not in client.get(ME).content.decode()
    client.force_login(member)
    assert "listed_if_hidden" in client.get(ME).content.decode()
    profile = Profile.objects.get(user=member)

    client.post(ME, _form(profile, listed_if_hidden="on"))

    profile.refresh_from_db()
    assert profile.listed_if_hidden is True


def test_a_photo_is_reencoded_and_served_only_to_who_may_see_the_profile(client):
    user = PartnerFactory()
    client.force_login(user)
    client.get(ME)
    upload = SimpleUploadedFile("me.jpg", _jpeg(), content_type="image/jpeg")

    response = client.post(reverse("people:photo_edit"), {"image": upload, "alt_text": "Me"})

    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.photo.name.startswith("people/") and profile.photo_alt == "Me"
    url = reverse("people:photo", kwargs={"pk": user.pk})
    assert client.get(url)["Content-Type"] == "image/jpeg"
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())  # signed in, no organisation
    assert client.get(url).status_code == 404


def test_a_file_that_is_not_a_photo_is_refused_with_a_400(client):
    user = PartnerFactory()
    client.force_login(user)
    upload = SimpleUploadedFile("me.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")

    response = client.post(reverse("people:photo_edit"), {"image": upload, "alt_text": "Me"})

    assert response.status_code == 400
    assert not Profile.objects.get(user=user).photo


def test_removing_the_photo(client):
    user = PartnerFactory()
    client.force_login(user)
    upload = SimpleUploadedFile("me.jpg", _jpeg(), content_type="image/jpeg")
    client.post(reverse("people:photo_edit"), {"image": upload, "alt_text": "Me"})

    client.post(reverse("people:photo_remove"))

    assert not Profile.objects.get(user=user).photo


def test_a_person_page_is_404_when_not_visible(client):
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    secret = UserFactory()
    MembershipFactory(user=secret, organisation=hidden)
    ProfileFactory(user=secret)
    client.force_login(PartnerFactory())

    response = client.get(reverse("people:person", kwargs={"pk": secret.pk}))

    assert response.status_code == 404


def test_the_directory_filters_by_skill_language_theme_region_and_search(client):
    fundraiser = ProfileFactory(
        user=PartnerFactory(display_name="Awa"), region=Region.WEST_CENTRAL_AFRICA
    )
    fundraiser.skills_offered.add(Skill.objects.get(slug="fundraising"))
    fundraiser.themes.add(FocusArea.objects.get(slug="climate"))
    ProfileLanguage.objects.create(profile=fundraiser, code="fr", level=LanguageLevel.FLUENT)
    ProfileFactory(
        user=PartnerFactory(display_name="Beatriz"),
        region=Region.LATIN_AMERICA,
        introduction_es="Hago radio comunitaria",
    )
    client.force_login(PartnerFactory())
    url = reverse("people:directory")

    def names(**query):
        page = client.get(url, query).content.decode()
        return {name for name in ("Awa", "Beatriz") if f">{name}</a>" in page}

    assert names() == {"Awa", "Beatriz"}
    assert names(skill="fundraising", language="fr") == {"Awa"}
    assert names(theme="climate") == {"Awa"}
    assert names(region=Region.LATIN_AMERICA) == {"Beatriz"}
    assert names(q="radio") == {"Beatriz"}
    assert client.get(url, {"language": "zz"}).status_code == 400


def test_the_directory_is_for_the_community(client):
    assert client.get(reverse("people:directory")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("people:directory")).status_code == 403


@pytest.mark.parametrize("count", [3, 30])
def test_the_directory_takes_a_constant_number_of_queries(
    client, django_assert_max_num_queries, count
):
    organisation = OrganisationFactory()
    for _n in range(count):
        user = UserFactory()
        MembershipFactory(user=user, organisation=organisation)
        profile = ProfileFactory(user=user)
        profile.skills_offered.add(*Skill.objects.all()[:2])
        profile.themes.add(*FocusArea.objects.all()[:2])
        ProfileLanguage.objects.create(profile=profile, code="es")
    client.force_login(PartnerFactory())

    with django_assert_max_num_queries(22):
        response = client.get(reverse("people:directory"))

    assert response.status_code == 200


def test_a_giant_image_is_refused_and_a_photo_loses_its_metadata(client):
    user = PartnerFactory(language="es")
    client.force_login(user)
    giant = io.BytesIO()
    Image.new("1", (8000, 6000)).save(giant, "PNG")
    upload = SimpleUploadedFile("big.png", giant.getvalue(), content_type="image/png")

    response = client.post("/es/people/me/photo/", {"image": upload, "alt_text": "Yo"})

    assert response.status_code == 400
    assert "JPEG, PNG o WebP" in response.content.decode()
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    exif[0x8825] = {1: "N", 2: (14.0, 41.0, 0.0)}
    tagged = io.BytesIO()
    Image.new("RGB", (60, 40)).save(tagged, "JPEG", exif=exif.tobytes())
    upload = SimpleUploadedFile("me.jpg", tagged.getvalue(), content_type="image/jpeg")
    client.post("/es/people/me/photo/", {"image": upload, "alt_text": "Yo"})
    with Profile.objects.get(user=user).photo.open("rb") as stored:
        assert not Image.open(stored).getexif()


def test_a_person_page_offers_peer_mentoring_on_each_skill_they_offer(client):
    fundraising = Skill.objects.get(slug="fundraising")
    peer = ProfileFactory(user=PartnerFactory(display_name="Aminata"))
    peer.skills_offered.add(fundraising)
    asker = PartnerFactory(language="es")
    client.force_login(asker)

    page = client.get(f"/es/people/{peer.user_id}/").content.decode()
    link = f"/es/mentoring/ask/new/?peer={peer.user_id}&amp;topic=skill:fundraising"
    assert link in page
    assert "Pedir a Aminata una mentoría sobre" in page
    # The link leads to the request form for that peer and skill.
    assert client.get(link.replace("&amp;", "&")).status_code == 200

    # Not on one's own page.
    client.force_login(peer.user)
    assert "/mentoring/ask/new/" not in client.get(f"/es/people/{peer.user_id}/").content.decode()
