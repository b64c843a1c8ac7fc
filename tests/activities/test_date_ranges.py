"""A start–end range keeps the end's date when it falls on another day in the viewer's time zone
(a three-day retreat, a call past midnight), in every language."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from core.templatetags.portal import period, period_text
from tests.factories import ActivityFactory, MembershipFactory, UserFactory
from tests.utils import text_of

RETREAT_START = datetime.datetime(2027, 3, 1, 12, 0, tzinfo=datetime.UTC)
RETREAT_END = datetime.datetime(2027, 3, 3, 20, 0, tzinfo=datetime.UTC)


def _visible(response) -> str:
    """The page's text without its tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", text_of(response)).split())


RETREAT = {
    "en": "March 1, 2027, noon (UTC) – March 3, 2027, 8 p.m.",
    "es": "1 de marzo de 2027 a las 12:00 (UTC) – 3 de marzo de 2027 a las 20:00",
    "fr": "1 mars 2027 12:00 (UTC) – 3 mars 2027 20:00",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_a_three_day_retreat_shows_the_end_date_on_its_page(client, language):
    activity = ActivityFactory(starts_at=RETREAT_START, ends_at=RETREAT_END)
    client.force_login(MembershipFactory(user=UserFactory(language=language, timezone="UTC")).user)

    page = _visible(client.get(f"/{language}/activities/{activity.pk}/"))

    assert RETREAT[language] in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_a_three_day_retreat_shows_the_end_date_on_its_card(client, language):
    ActivityFactory(starts_at=RETREAT_START, ends_at=RETREAT_END, audience="public")
    client.force_login(MembershipFactory(user=UserFactory(language=language, timezone="UTC")).user)

    page = _visible(client.get(f"/{language}/activities/"))

    assert RETREAT[language] in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "March 1, 2027, noon – March 3, 2027, 8 p.m."),
        ("es", "1 de marzo de 2027 a las 12:00 – 3 de marzo de 2027 a las 20:00"),
        ("fr", "1 mars 2027 12:00 – 3 mars 2027 20:00"),
    ],
)
def test_plain_text_range_for_emails_keeps_the_end_date(language, expected):
    with translation.override(language), timezone.override(ZoneInfo("UTC")):
        assert period_text(RETREAT_START, RETREAT_END) == expected


def test_a_range_crossing_midnight_in_the_viewers_zone_shows_the_end_date():
    # 22:00–01:00 UTC: past midnight in Dakar (UTC+0), 17:00–20:00 the same day in Bogotá.
    start = datetime.datetime(2031, 5, 6, 22, 0, tzinfo=datetime.UTC)
    end = start + datetime.timedelta(hours=3)

    with translation.override("fr"), timezone.override(ZoneInfo("Africa/Dakar")):
        dakar = period_text(start, end)
    with translation.override("fr"), timezone.override(ZoneInfo("America/Bogota")):
        bogota = period_text(start, end)
        bogota_html = str(period(start, end))

    assert dakar == "6 mai 2031 22:00 – 7 mai 2031 01:00"
    assert bogota == "6 mai 2031 17:00 – 20:00"
    assert "17:00 (America/Bogota)</time> – " in bogota_html
    assert bogota_html.endswith(f'<time datetime="{end.isoformat()}">20:00</time>')


def test_a_range_within_one_day_gives_only_the_end_time():
    start = datetime.datetime(2031, 5, 6, 14, 0, tzinfo=datetime.UTC)

    with translation.override("en"), timezone.override(ZoneInfo("UTC")):
        text = str(period(start, start + datetime.timedelta(hours=2)))

    assert ">May 6, 2031, 2 p.m. (UTC)</time> – <time" in text
    assert text.endswith(">4 p.m.</time>")
