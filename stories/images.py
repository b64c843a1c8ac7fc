"""Photos of stories, re-encoded on upload: whatever a camera or a phone put in the file (the
date, the device, the place where it was taken) never reaches the portal's storage.

The file is opened and verified by Pillow, refused when it is not a JPEG, PNG or WebP image or
when it would decode into too many pixels (a decompression bomb), turned the way the camera
said, reduced to at most MAX_SIDE pixels a side and saved again as a JPEG with no metadata at
all, under a random name (stories.models.photo_upload_to)."""

import io
import warnings

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from stories.exceptions import StoryError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600
FORMATS = ("JPEG", "PNG", "WEBP")


def _refuse() -> StoryError:
    return StoryError(_("This file is not a photo the portal can use: send a JPEG, PNG or WebP."))


def reencode(upload) -> ContentFile:
    """A clean JPEG of the photo `upload` (a Django uploaded file), or a translated 400."""
    if upload.size > MAX_BYTES:
        raise StoryError(_("This photo is too large: send one under 10 MB."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload, formats=FORMATS) as probe:
                probe.verify()
            upload.seek(0)
            image = Image.open(upload, formats=FORMATS)
            width, height = image.size
            if width * height > MAX_PIXELS or not width or not height:
                raise _refuse()
            image.load()
            image = ImageOps.exif_transpose(image)
    except StoryError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning) as error:
        raise _refuse() from error
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image = image.convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    # A new image from the pixels alone: no EXIF, GPS, XMP, ICC or comment is carried over.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name="photo.jpg")
