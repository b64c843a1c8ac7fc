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


def _plain(text: str) -> str:
    """CLDR's thin and narrow no-break spaces ("12:00\u202fPM\u2009–\u2009…") as plain ones."""
    return re.sub("[\u2009\u202f\u00a0]", " ", text)


def _visible(response) -> str:
    """The page's text without its tags, spaces collapsed."""
    return " ".join(_plain(re.sub(r"<[^>]+>", "", text_of(response))).split())


RETREAT = {
    "en": "Monday, March 1, 2027, 12:00 PM – Wednesday, March 3, 2027, 8:00 PM (UTC)",
    "es": "lunes, 1 de marzo de 2027, 12:00 – miércoles, 3 de marzo de 2027, 20:00 (UTC)",
    "fr": "lundi 1 mars 2027 à 12:00 – mercredi 3 mars 2027 à 20:00 (UTC)",
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
        ("en", "Monday, March 1, 2027, 12:00 PM – Wednesday, March 3, 2027, 8:00 PM"),
        ("es", "lunes, 1 de marzo de 2027, 12:00 – miércoles, 3 de marzo de 2027, 20:00"),
        ("fr", "lundi 1 mars 2027 à 12:00 – mercredi 3 mars 2027 à 20:00"),
    ],
)
def test_plain_text_range_for_emails_keeps_the_end_date(language, expected):
    with translation.override(language), timezone.override(ZoneInfo("UTC")):
        assert _plain(period_text(RETREAT_START, RETREAT_END)) == expected


def test_a_range_crossing_midnight_in_the_viewers_zone_shows_the_end_date():
    # 22:00–01:00 UTC: past midnight in Dakar (UTC+0), 17:00–20:00 the same day in Bogotá.
    start = datetime.datetime(2031, 5, 6, 22, 0, tzinfo=datetime.UTC)
    end = start + datetime.timedelta(hours=3)

    with translation.override("fr"), timezone.override(ZoneInfo("Africa/Dakar")):
        dakar = period_text(start, end)
    with translation.override("fr"), timezone.override(ZoneInfo("America/Bogota")):
        bogota = period_text(start, end)
        bogota_html = str(period(start, end))

    assert _plain(dakar) == "mardi 6 mai 2031 à 22:00 – mercredi 7 mai 2031 à 01:00"
    assert _plain(bogota) == "mardi 6 mai 2031, 17:00 – 20:00"
    assert _plain(bogota_html) == (
        f'<time datetime="{start.isoformat()}" data-local data-end="{end.isoformat()}">'
        "mardi 6 mai 2031, 17:00 – 20:00 (heure de Bogotá)</time>"
    )


def test_a_range_within_one_day_gives_only_the_end_time():
    start = datetime.datetime(2031, 5, 6, 14, 0, tzinfo=datetime.UTC)

    with translation.override("en"), timezone.override(ZoneInfo("UTC")):
        text = str(period(start, start + datetime.timedelta(hours=2)))

    assert _plain(text).endswith(">Tuesday, May 6, 2031, 2:00 – 4:00 PM (UTC)</time>")
