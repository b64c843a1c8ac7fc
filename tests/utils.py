"""Small helpers shared by the tests."""

import os
import re

import pytest
from django.utils import translation

PASSWORD = "a-long-test-password-42"


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1"


def require_service(available: bool, reason: str) -> None:
    """Skip when a service is missing, unless REQUIRE_SERVICES=1 (CI), where that is a failure."""
    if available:
        return
    if services_required():
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


def translated(language: str, message: str, context: str | None = None) -> str:
    """`message` in `language`; fails the test if the catalogue has no translation for it."""
    with translation.override(language):
        text = translation.pgettext(context, message) if context else translation.gettext(message)
    if language != "en":
        assert text != message, f"no {language} translation for {message!r}"
    return text


def html_lang(content: bytes) -> str | None:
    match = re.search(rb'<html lang="([^"]+)"', content)
    return match.group(1).decode() if match else None


def text_of(response) -> str:
    """The response body as text, with HTML entities for quotes turned back into characters."""
    return (
        response.content.decode()
        .replace("&#x27;", "'")
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )


def image_file(
    name: str = "logo.png", image_format: str = "PNG", size=(800, 600), exif: bytes | None = None
):
    """An uploaded image made on the fly; `exif` embeds metadata (JPEG/WebP) to check it is gone."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    image = Image.new("RGB", size, (106, 27, 93))
    options = {"exif": exif} if exif else {}
    image.save(buffer, image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


def attachment(message, index: int = 0) -> tuple[str, bytes, str]:
    """(file name, content, content type) of an email's attachment, whether Django keeps it as
    a tuple or as the MIME part the portal built (calendar files carry their iTIP method)."""
    item = message.attachments[index]
    if isinstance(item, tuple):
        name, content, mimetype = item
        return name, content if isinstance(content, bytes) else content.encode(), mimetype
    return item.get_filename(), item.get_payload(decode=True), item["Content-Type"]


# --- The Working Group decides (issue 16) ------------------------------------------------------


def decide(item, *, staff=None, objection: str = "", schedule=None, method: str = "consent"):
    """Take `item` through a decision of the Working Group, as staff no longer approve by hand:
    a facilitator opens it (by consent unless `method`), a member consents (or objects with
    `objection`), and it closes at its deadline. A proposal gets `schedule` (services.Schedule),
    by default 10 March 2031, 15:00-16:30 in Bogotá. Returns the closed DecisionRound."""
    import datetime

    from django.utils import timezone

    from tests.factories import StaffFactory, UserFactory
    from workinggroup import decisions, services

    staff = staff or StaffFactory()
    member = decisions.active_members().first() or UserFactory(is_working_group_member=True)
    if schedule is None and item.is_proposal:
        zone = datetime.timezone(datetime.timedelta(hours=-5))
        schedule = services.Schedule(
            datetime.datetime(2031, 3, 10, 15, 0, tzinfo=zone),
            datetime.datetime(2031, 3, 10, 16, 30, tzinfo=zone),
            "America/Bogota",
        )
    decision_round = decisions.open_decision(
        item=item,
        by=staff,
        version=None,
        method=method,
        closes_at=timezone.now() + datetime.timedelta(hours=25),
        schedule=schedule,
    )
    yes, no = ("yes", "no") if method == "vote" else ("consent", "object")
    decisions.take_position(
        decision_round=decision_round,
        by=member,
        stance=no if objection else yes,
        reason=objection,
    )
    closed = decisions.close_round(decision_round=decision_round, now=decision_round.closes_at)
    item.refresh_from_db()
    return closed
