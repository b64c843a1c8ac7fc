"""Dates, times and time zones as people read them, in English, Spanish and French: the weekday,
ranges that give the end's date only when it is another day where the reader is, zones named
for people (CLDR via Babel), the grouped zone picker, and emails that say the same."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.forms import ProfileForm
from accounts.models import User
from core.templatetags.portal import day, days, period, period_text, when
from core.timezones import all_timezones, timezone_choices, validate_timezone, zone_label
from notifications.enums import Kind
from notifications.models import Delivery
from notifications.services import render, render_text
from partners.enums import Visibility
from tests.factories import (
    ActivityFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProposalFactory,
    RegistrationFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import text_of
from workinggroup.forms import hosts_zone

MAY_6 = datetime.datetime(2031, 5, 6, 14, 0, tzinfo=datetime.UTC)


def plain(text: str) -> str:
    """CLDR's thin and narrow no-break spaces ("2:00\u2009–\u20094:00\u202fPM") as plain ones."""
    return re.sub("[\u2009\u202f\u00a0]", " ", str(text))


def shown(language: str, zone: str, render_it):
    with translation.override(language), timezone.override(ZoneInfo(zone)):
        return plain(render_it())


def _options(html: str) -> dict[str, bool]:
    """{value: selected} of a rendered <select>."""
    return {
        value: bool(selected)
        for value, selected in re.findall(r'<option value="([^"]*)"( selected)?', html)
    }


def _selected(html: str, name: str = "timezone") -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [value for value, selected in _options(select).items() if selected]


# --- How a moment and a period read ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "zone", "expected"),
    [
        ("en", "Africa/Dakar", "Tuesday, May 6, 2031, 2:00 PM (Dakar time)"),
        ("es", "America/Guatemala", "martes, 6 de mayo de 2031, 8:00 (hora de Guatemala)"),
        ("fr", "Africa/Dakar", "mardi 6 mai 2031 à 14:00 (heure de Dakar)"),
    ],
)
def test_a_moment_reads_with_its_weekday_and_the_zone_named_for_people(language, zone, expected):
    html = shown(language, zone, lambda: when(MAY_6))

    assert html == f'<time datetime="{MAY_6.isoformat()}" data-local>{expected}</time>'


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Tuesday, May 6, 2031, 2:00 – 4:00 PM"),
        ("es", "martes, 6 de mayo de 2031, 14:00–16:00"),
        ("fr", "mardi 6 mai 2031, 14:00 – 16:00"),
    ],
)
def test_a_period_within_one_day_names_the_day_once(language, expected):
    end = MAY_6 + datetime.timedelta(hours=2)

    assert shown(language, "UTC", lambda: period_text(MAY_6, end)) == expected
    assert shown(language, "UTC", lambda: period(MAY_6, end)) == (
        f'<time datetime="{MAY_6.isoformat()}" data-local data-end="{end.isoformat()}">'
        f"{expected} (UTC)</time>"
    )


@pytest.mark.parametrize(
    ("language", "in_kathmandu", "in_utc"),
    [
        (
            "en",
            "Tuesday, May 6, 2031, 10:45 PM – Wednesday, May 7, 2031, 12:45 AM",
            "Tuesday, May 6, 2031, 5:00 – 7:00 PM",
        ),
        (
            "es",
            "martes, 6 de mayo de 2031, 22:45 – miércoles, 7 de mayo de 2031, 0:45",
            "martes, 6 de mayo de 2031, 17:00–19:00",
        ),
        (
            "fr",
            "mardi 6 mai 2031 à 22:45 – mercredi 7 mai 2031 à 00:45",
            "mardi 6 mai 2031, 17:00 – 19:00",
        ),
    ],
)
def test_a_call_past_midnight_where_the_reader_is_gives_the_end_date_there_only(
    language, in_kathmandu, in_utc
):
    start = datetime.datetime(2031, 5, 6, 17, 0, tzinfo=datetime.UTC)
    end = start + datetime.timedelta(hours=2)

    assert shown(language, "Asia/Kathmandu", lambda: period_text(start, end)) == in_kathmandu
    assert shown(language, "UTC", lambda: period_text(start, end)) == in_utc


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Monday, March 1, 2027, 12:00 PM – Wednesday, March 3, 2027, 8:00 PM"),
        ("es", "lunes, 1 de marzo de 2027, 12:00 – miércoles, 3 de marzo de 2027, 20:00"),
        ("fr", "lundi 1 mars 2027 à 12:00 – mercredi 3 mars 2027 à 20:00"),
    ],
)
def test_a_three_day_retreat_reads_with_both_weekdays(language, expected):
    start = datetime.datetime(2027, 3, 1, 12, 0, tzinfo=datetime.UTC)
    end = datetime.datetime(2027, 3, 3, 20, 0, tzinfo=datetime.UTC)

    assert shown(language, "UTC", lambda: period_text(start, end)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Tuesday, May 6, 2031"),
        ("es", "martes, 6 de mayo de 2031"),
        ("fr", "mardi 6 mai 2031"),
    ],
)
def test_a_day_reads_with_its_weekday(language, expected):
    assert shown(language, "UTC", lambda: day(datetime.date(2031, 5, 6))) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Tue, Mar 30 – Sat, Apr 3, 2027"),
        ("es", "mar, 30 de marzo – sáb, 3 de abril de 2027"),
        ("fr", "mar. 30 mars – sam. 3 avr. 2027"),
    ],
)
def test_a_range_of_days_reads_as_one_phrase(language, expected):
    start, end = datetime.date(2027, 3, 30), datetime.date(2027, 4, 3)

    assert shown(language, "UTC", lambda: days(start, end)) == expected
    assert shown(language, "UTC", lambda: days(start, start)) == shown(
        language, "UTC", lambda: day(start)
    )


@pytest.mark.django_db
def test_a_proposals_preferred_dates_read_as_a_range_of_days(client):
    proposal = ProposalFactory(
        preferred_start=datetime.date(2027, 3, 30), preferred_end=datetime.date(2027, 4, 3)
    )
    client.force_login(StaffFactory())

    page = plain(text_of(client.get(reverse("workinggroup:item", args=[proposal.pk]))))

    assert "Tue, Mar 30 – Sat, Apr 3, 2027" in page


def test_missing_dates_show_nothing():
    assert (when(None), period(None), period_text(None), day(None), days(None)) == (
        "",
        "",
        "",
        "",
        "",
    )


# --- Zones named for people ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "zone", "expected"),
    [
        ("en", "Asia/Kathmandu", "Kathmandu time"),
        ("en", "America/Port_of_Spain", "Port of Spain time"),
        ("es", "America/Guatemala", "hora de Guatemala"),
        ("es", "Africa/Dakar", "hora de Dakar"),
        ("fr", "Africa/Dakar", "heure de Dakar"),
        ("fr", "America/Port_of_Spain", "heure de Port-d’Espagne"),
        ("fr", "UTC", "UTC"),
        # A browser may report UTC by another name: never "heure de UTC".
        ("fr", "Etc/UTC", "UTC"),
        ("es", "Etc/GMT", "UTC"),
        ("en", "Etc/Universal", "UTC"),
    ],
)
def test_a_zone_is_named_by_its_city_in_the_readers_language(language, zone, expected):
    with translation.override(language):
        assert zone_label(zone) == expected


# --- The picker ------------------------------------------------------------------------------


def _groups(language: str) -> list:
    with translation.override(language):
        return timezone_choices()


def _values(choices) -> set[str]:
    return {value for _group, options in choices[1:] for value, _label in options}


def test_the_picker_starts_with_utc_then_groups_by_region():
    choices = _groups("en")

    assert choices[0] == ("UTC", "UTC")
    assert [group for group, _options in choices[1:]] == [
        "Africa",
        "Americas",
        "Asia",
        "Atlantic Ocean",
        "Australia",
        "Europe",
        "Indian Ocean",
        "Pacific",
    ]


def test_the_picker_offers_current_zones_only_and_each_of_them_is_valid():
    values = _values(_groups("en"))

    assert {"Africa/Asmara", "Asia/Kolkata", "Europe/Kyiv", "Africa/Dakar"} <= values
    assert not values & {"Africa/Asmera", "US/Eastern", "Asia/Calcutta", "Europe/Kiev"}
    assert not [v for v in values if v.startswith(("Etc/", "US/", "SystemV/", "Antarctica/"))]
    assert values <= all_timezones()
    assert len(values) < 450  # zoneinfo knows about 600 names


@pytest.mark.parametrize(
    ("language", "zone", "label"),
    [
        ("en", "Africa/Dakar", "Dakar (Senegal)"),
        ("es", "Africa/Dakar", "Dakar (Senegal)"),
        ("fr", "Africa/Dakar", "Dakar (Sénégal)"),
        ("es", "America/New_York", "Nueva York (Estados Unidos)"),
        ("fr", "America/Port_of_Spain", "Port-d’Espagne (Trinité-et-Tobago)"),
        ("es", "America/Guatemala", "Guatemala"),  # the city is the country: said once
        ("fr", "Asia/Kathmandu", "Katmandou (Népal)"),
    ],
)
def test_picker_labels_are_the_city_and_country_in_the_viewers_language(language, zone, label):
    labels = {value: text for _g, options in _groups(language)[1:] for value, text in options}

    assert labels[zone] == label


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_picker_options_are_sorted_as_read_in_each_language(language):
    import unicodedata

    def key(text):
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()

    for _group, options in _groups(language)[1:]:
        labels = [label for _value, label in options]
        assert labels == sorted(labels, key=key)


@pytest.mark.parametrize(
    ("language", "groups"),
    [
        ("es", ["África", "América", "Asia", "Europa"]),
        ("fr", ["Afrique", "Amériques", "Asie", "Europe"]),
    ],
)
def test_picker_groups_are_named_in_the_viewers_language(language, groups):
    names = [group for group, _options in _groups(language)[1:]]

    assert set(groups) <= set(names)


@pytest.mark.django_db
def test_the_sign_up_page_shows_the_grouped_picker(client, settings):
    settings.OPEN_SIGNUP = True

    page = text_of(client.get("/fr/accounts/signup/"))

    assert '<optgroup label="Afrique">' in page
    assert '<option value="Africa/Dakar">Dakar (Sénégal)</option>' in page
    assert 'value="Africa/Asmera"' not in page


def test_every_zone_name_still_validates_including_old_ones():
    for name in ("Africa/Asmera", "US/Eastern", "Asia/Calcutta", "Etc/GMT+5", "UTC"):
        validate_timezone(name)


# --- Old zone names stored before the picker was short -------------------------------------------


@pytest.mark.django_db
def test_a_profile_with_an_old_zone_name_shows_it_under_its_current_name_and_saves(client):
    user = UserFactory(timezone="Africa/Asmera", language="en")
    client.force_login(user)

    page = text_of(client.get("/en/accounts/profile/"))
    response = client.post(
        "/en/accounts/profile/",
        {"display_name": user.display_name, "language": "en", "timezone": "Africa/Asmara"},
    )

    user.refresh_from_db()
    assert _selected(page) == ["Africa/Asmara"]
    assert response.status_code == 302
    assert user.timezone == "Africa/Asmara"


@pytest.mark.django_db
def test_an_old_zone_name_sent_by_an_old_form_is_accepted_under_its_current_name(client):
    user = UserFactory(timezone="UTC", language="en")
    client.force_login(user)

    response = client.post(
        "/en/accounts/profile/",
        {"display_name": user.display_name, "language": "en", "timezone": "US/Eastern"},
    )

    user.refresh_from_db()
    assert response.status_code == 302
    assert user.timezone == "America/New_York"


@pytest.mark.django_db
def test_an_old_zone_without_a_current_name_is_kept_as_an_option_of_its_own():
    user = UserFactory(timezone="Etc/GMT+5")

    with translation.override("en"):
        html = str(ProfileForm(instance=user)["timezone"])
        bound = ProfileForm(
            {"display_name": "A", "language": "en", "timezone": "Etc/GMT+5"}, instance=user
        )

    assert _selected(html) == ["Etc/GMT+5"]
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["timezone"] == "Etc/GMT+5"


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["Mars/Olympus_Mons", "../../etc/passwd", "", "x" * 500])
def test_an_unknown_zone_is_a_translated_400_and_nothing_saved(client, bad):
    user = UserFactory(timezone="Africa/Dakar", language="es")
    client.force_login(user)

    response = client.post(
        "/es/accounts/profile/", {"display_name": "A", "language": "es", "timezone": bad}
    )

    user.refresh_from_db()
    assert response.status_code == 400
    assert user.timezone == "Africa/Dakar"


# --- Sign-up and the first visit -------------------------------------------------------------


@pytest.mark.django_db
def test_sign_up_starts_at_the_zone_the_browser_reported(client, settings):
    settings.OPEN_SIGNUP = True
    client.cookies["tz"] = "America%2FGuatemala"

    page = text_of(client.get("/es/accounts/signup/"))

    assert _selected(page) == ["America/Guatemala"]
    assert "data-zone-unknown" not in page


@pytest.mark.django_db
def test_sign_up_maps_an_old_browser_zone_name_to_its_current_one(client, settings):
    settings.OPEN_SIGNUP = True
    client.cookies["tz"] = "Asia%2FCalcutta"  # what some browsers still report

    page = text_of(client.get("/en/accounts/signup/"))

    assert _selected(page) == ["Asia/Kolkata"]


@pytest.mark.django_db
def test_first_visit_without_a_zone_asks_the_script_to_show_the_browsers(client, settings):
    settings.OPEN_SIGNUP = True

    page = text_of(client.get("/en/accounts/signup/"))

    assert _selected(page) == ["UTC"]
    assert "data-zone-unknown defer></script>" in page
    assert re.search(r'<select name="timezone"[^>]*data-browser-zone', page)


@pytest.mark.django_db
def test_a_signed_in_persons_zone_beats_the_cookie_and_needs_no_script(client):
    activity = ActivityFactory(starts_at=MAY_6, ends_at=MAY_6 + datetime.timedelta(hours=1))
    client.force_login(MembershipFactory(user=UserFactory(timezone="Africa/Dakar")).user)
    client.cookies["tz"] = "Asia%2FKathmandu"

    page = plain(text_of(client.get(f"/en/activities/{activity.pk}/")))

    assert "Tuesday, May 6, 2031, 2:00 – 3:00 PM (Dakar time)" in page
    assert "data-zone-unknown" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cookie",
    [
        "tz=%%%%%%",
        "tz=" + "A" * 5000,
        "tz=Asia%2FKathmandu%00",
        "tz=Asia/Kathmandu%0D%0ASet-Cookie:%20x=1",
        "tz=..%2F..%2Fetc%2Fpasswd",
        "tz=%F0%9F%92%A3",
        'tz="Asia/Kathmandu',
    ],
)
def test_a_hostile_zone_cookie_gives_utc_and_never_a_500(client, cookie):
    activity = ActivityFactory(
        starts_at=MAY_6, ends_at=MAY_6 + datetime.timedelta(hours=1), audience="public"
    )

    response = client.get(f"/en/activities/{activity.pk}/", HTTP_COOKIE=cookie)

    assert response.status_code == 200
    assert "Tuesday, May 6, 2031, 2:00 – 3:00 PM (UTC)" in plain(text_of(response))


# --- A proposal's decision schedules it in the hosts' zone ----------------------------------------


@pytest.mark.django_db
def test_opening_a_decision_on_a_proposal_starts_at_the_proposers_zone(client):
    proposal = ProposalFactory(proposer=UserFactory(timezone="America/Guatemala"))
    client.force_login(StaffFactory())

    page = text_of(client.get(reverse("workinggroup:decision_open", args=[proposal.pk])))

    zone = re.search(r'<select[^>]*id="id_timezone"[^>]*>.*?</select>', page, re.S)
    assert zone is not None
    assert [v for v, s in _options(zone.group(0)).items() if s] == ["America/Guatemala"]


@pytest.mark.django_db
def test_the_hosts_zone_is_given_only_to_those_who_may_see_the_proposer():
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    proposer = MembershipFactory(organisation=hidden, user=UserFactory(timezone="Asia/Calcutta"))
    proposal = ProposalFactory(proposer=proposer.user, organisation=hidden)
    outsider = MembershipFactory().user

    assert hosts_zone(item=proposal, viewer=StaffFactory()) == "Asia/Kolkata"
    assert hosts_zone(item=proposal, viewer=outsider) == ""


# --- Emails say the same -------------------------------------------------------------------------


def _email(kind: str, user: User, **fields):
    delivery = Delivery.objects.create(
        key=f"dates-{kind}-{user.pk}",
        kind=kind,
        user=user,
        due_at=timezone.now() - datetime.timedelta(minutes=1),
        **fields,
    )
    message = render(delivery)
    return plain(message.subject), plain(message.body)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "zone", "subject", "line"),
    [
        (
            "en",
            "Africa/Dakar",
            "Tuesday, May 6, 2031, 2:00 PM",
            "When: Tuesday, May 6, 2031, 2:00 – 3:00 PM (Dakar time)",
        ),
        (
            "es",
            "America/Guatemala",
            "martes, 6 de mayo de 2031, 8:00",
            "Cuándo: martes, 6 de mayo de 2031, 8:00–9:00 (hora de Guatemala)",
        ),
        (
            "fr",
            "Africa/Dakar",
            "mardi 6 mai 2031 à 14:00",
            "Quand : mardi 6 mai 2031, 14:00 – 15:00 (heure de Dakar)",
        ),
    ],
)
def test_a_reminder_says_the_period_with_its_weekday_in_the_readers_zone_and_language(
    language, zone, subject, line
):
    person = MembershipFactory(user=UserFactory(language=language, timezone=zone)).user
    registration = RegistrationFactory(
        user=person,
        activity=ActivityFactory(starts_at=MAY_6, ends_at=MAY_6 + datetime.timedelta(hours=1)),
    )

    email_subject, body = _email(
        Kind.REMINDER, person, activity=registration.activity, registration=registration
    )

    assert subject in email_subject
    assert line in body
    assert zone not in body


@pytest.mark.django_db
def test_a_changed_retreat_email_gives_the_new_start_and_end_days():
    start = datetime.datetime(2031, 3, 3, 12, 0, tzinfo=datetime.UTC)
    person = MembershipFactory(user=UserFactory(language="fr", timezone="Africa/Dakar")).user
    registration = RegistrationFactory(
        user=person,
        activity=ActivityFactory(starts_at=start, ends_at=start + datetime.timedelta(days=2)),
    )

    _subject, body = _email(
        Kind.ACTIVITY_CHANGED, person, activity=registration.activity, registration=registration
    )

    assert (
        "Nouvel horaire : lundi 3 mars 2031 à 12:00 – mercredi 5 mars 2031 à 12:00 "
        "(heure de Dakar)" in body
    )


@pytest.mark.django_db
def test_the_agenda_email_names_the_meetings_day_and_zone_for_people():
    person = MembershipFactory(user=UserFactory(language="es", timezone="America/Guatemala")).user
    meeting = MeetingFactory(starts_at=MAY_6)

    _subject, body = _email(Kind.AGENDA_PUBLISHED, person, ref_id=meeting.pk)

    assert "martes, 6 de mayo de 2031, 8:00 (hora de Guatemala)" in body
    assert "America/Guatemala" not in body


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Tuesday, May 6, 2031"),
        ("es", "martes, 6 de mayo de 2031"),
        ("fr", "mardi 6 mai 2031"),
    ],
)
def test_survey_emails_give_the_closing_day_with_its_weekday(language, expected):
    context = {"title": "Survey", "closes_on": datetime.date(2031, 5, 6), "url": "u", "name": "A"}
    with translation.override(language):
        texts = [
            render_text(f"notifications/email/{name}_message.txt", context)
            for name in ("survey_open", "survey_reminder")
        ]

    assert all(expected in text for text in texts)


# --- The hosts' own time on an activity's page -------------------------------------------------


@pytest.mark.django_db
def test_the_hosts_local_time_is_the_period_named_for_people_in_french(client):
    activity = ActivityFactory(
        starts_at=MAY_6, ends_at=MAY_6 + datetime.timedelta(hours=2), timezone="Asia/Kathmandu"
    )
    client.force_login(MembershipFactory(user=UserFactory(timezone="Africa/Dakar")).user)

    page = plain(text_of(client.get(f"/fr/activities/{activity.pk}/")))

    assert "mardi 6 mai 2031, 14:00 – 16:00 (heure de Dakar)" in page
    assert "mardi 6 mai 2031, 19:45 – 21:45" in page
    assert "(heure de Katmandou)" in page
    assert "Asia/Kathmandu" not in page
