"""Photos are re-encoded: no EXIF, no GPS, no more than 1600 px a side; anything that is not a
JPEG, PNG or WebP image, or a decompression bomb, is refused with a translated 400."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from stories import services
from stories.exceptions import StoryError, StoryNotAllowed
from stories.models import StoryPhoto
from tests.factories import MembershipFactory, StoryFactory

pytestmark = pytest.mark.django_db


def _jpeg_with_gps(size=(2400, 1200)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 60))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0132] = "2026:01:01 10:00:00"  # DateTime
    gps = {1: "N", 2: (14.0, 41.0, 0.0), 3: "W", 4: (17.0, 26.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def _upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_saved_photo_has_no_exif_no_gps_and_is_reduced():
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    story = StoryFactory()
    photo = services.add_photo(
        story=story,
        by=story.authors.first(),
        upload=_upload(original),
        alt_text="Women at the radio",
    )
    with photo.image.open("rb") as stored:
        data = stored.read()
    saved = Image.open(io.BytesIO(data))
    assert saved.format == "JPEG"
    assert not saved.getexif()
    assert not saved.getexif().get_ifd(0x8825)
    assert "exif" not in saved.info and b"SecretCam" not in data
    assert max(saved.size) == 1600 and (photo.width, photo.height) == saved.size
    assert photo.image.name.startswith("stories/") and "photo" not in photo.image.name


def test_png_with_transparency_is_accepted():
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(out, "PNG")
    story = StoryFactory()
    photo = services.add_photo(
        story=story, by=story.authors.first(), upload=_upload(out.getvalue(), "a.png"), alt_text="A"
    )
    assert photo.width == 20


@pytest.mark.parametrize(
    "content",
    [b"not an image at all", b"%PDF-1.4 fake", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b""],
)
def test_not_an_image_is_refused(content):
    story = StoryFactory()
    with pytest.raises(StoryError) as refused:
        services.add_photo(
            story=story, by=story.authors.first(), upload=_upload(content), alt_text="A"
        )
    assert refused.value.status_code == 400
    assert not StoryPhoto.objects.exists()


def test_a_decompression_bomb_is_refused():
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, "PNG")  # tiny file, 144 million pixels
    story = StoryFactory()
    with pytest.raises(StoryError):
        services.add_photo(
            story=story,
            by=story.authors.first(),
            upload=_upload(out.getvalue(), "b.png"),
            alt_text="A",
        )


def test_alt_text_is_required():
    story = StoryFactory()
    with pytest.raises(StoryError):
        services.add_photo(
            story=story,
            by=story.authors.first(),
            upload=_upload(_jpeg_with_gps((20, 20))),
            alt_text=" ",
        )


def test_another_partner_cannot_add_a_photo():
    story = StoryFactory()
    with pytest.raises(StoryNotAllowed):
        services.add_photo(
            story=story,
            by=MembershipFactory().user,
            upload=_upload(_jpeg_with_gps((9, 9))),
            alt_text="A",
        )


def test_the_photo_page_refuses_a_non_image_with_400_and_keeps_the_story(client):
    story = StoryFactory()
    client.force_login(story.authors.first())
    url = reverse("stories:add_photo", kwargs={"pk": story.pk})
    response = client.post(url, {"image": _upload(b"MZ\x90\x00 exe"), "alt_text": "A"})
    assert response.status_code == 400
    assert "JPEG" in response.content.decode()
    response = client.post(url, {"image": _upload(_jpeg_with_gps((30, 30))), "alt_text": "A"})
    assert response.status_code == 302
    photo = StoryPhoto.objects.get()
    # A draft's photo is for its authors and the team only.
    photo_url = reverse("stories:photo", kwargs={"pk": story.pk, "photo_pk": photo.pk})
    assert client.get(photo_url).status_code == 200
    client.logout()
    assert client.get(photo_url).status_code == 404
