"""Checks on what partners upload or type, each with a translated message."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from core.validators import validate_file_size

LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}
LOGO_MAX_PIXELS = 4000 * 4000


def validate_logo(file) -> None:
    """A logo must be a real PNG, JPEG or WebP image, not too large in bytes or pixels."""
    validate_file_size(
        file,
        limit=settings.LOGO_MAX_BYTES,
        message=_("The logo is too large (%(size)s MB). The limit is %(limit)s MB."),
        code="logo_too_large",
    )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image we can read. Upload a PNG, JPEG or WebP file."),
            code="logo_not_image",
        ) from None
    finally:
        file.seek(0)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(
            _("Upload the logo as a PNG, JPEG or WebP file."), code="logo_wrong_type"
        )
    if width * height > LOGO_MAX_PIXELS:
        raise ValidationError(
            _("The logo is too large (%(width)s × %(height)s pixels)."),
            code="logo_too_many_pixels",
            params={"width": width, "height": height},
        )


def validate_whatsapp_group_link(value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme != "https" or parts.netloc.lower() != "chat.whatsapp.com":
        raise ValidationError(
            _("Use a WhatsApp group invitation link (https://chat.whatsapp.com/...)."),
            code="not_whatsapp",
        )


def validate_http_url(value: str) -> None:
    if urlsplit(value).scheme not in ("http", "https"):
        raise ValidationError(_("Use a link that starts with https://."), code="not_http")
