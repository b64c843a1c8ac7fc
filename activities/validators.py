from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import validate_file_size

ZIP_MAGIC = b"PK\x03\x04"
# extension -> how the file must start (None: plain text, checked as UTF-8)
MATERIAL_TYPES = {
    ".pdf": b"%PDF-",
    ".pptx": ZIP_MAGIC,
    ".docx": ZIP_MAGIC,
    ".xlsx": ZIP_MAGIC,
    ".odp": ZIP_MAGIC,
    ".odt": ZIP_MAGIC,
    ".txt": None,
    ".md": None,
}


def validate_material_file(file) -> None:
    """Slides and notes: PDF, office documents or plain text, under MATERIAL_MAX_BYTES, and
    really what the name says (the first bytes are checked, not only the extension)."""
    suffix = PurePosixPath(file.name).suffix.lower()
    if suffix not in MATERIAL_TYPES:
        raise ValidationError(
            _("Upload a PDF, PPTX, DOCX, XLSX, ODP, ODT, TXT or MD file."),
            code="material_wrong_type",
        )
    validate_file_size(
        file,
        limit=settings.MATERIAL_MAX_BYTES,
        message=_("The file is too large (%(size)s MB). The limit is %(limit)s MB."),
        code="material_too_large",
    )
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    magic = MATERIAL_TYPES[suffix]
    if magic is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # A multi-byte character may be cut at 2048 bytes: accept a cut only at the very end.
            try:
                head[:-3].decode("utf-8")
            except UnicodeDecodeError:
                raise ValidationError(
                    _("This file is not plain text."), code="material_not_text"
                ) from None
    elif not head.startswith(magic):
        raise ValidationError(
            _("This file is not really a %(type)s file."),
            code="material_mismatch",
            params={"type": suffix.removeprefix(".").upper()},
        )
