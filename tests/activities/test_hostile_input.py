"""No input breaks a page: hostile filter values answer 400 with the translated reason, dates
out of range and local times that do not exist are refused where they are typed and in the
services, the database refuses what slips past both, and rows at the edges of the range still
render everywhere activities are listed."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from activities import services
from activities.exceptions import ActivityError
from activities.models import Activity
from partners.enums import Visibility
from tests.activities.test_calendars import _edit_data
from tests.factories import ActivityFactory, MembershipFactory, OrganisationFactory, StaffFactory
from tests.utils import require_service, text_of

MONTH_FORMAT = "Give the month as YYYY-MM, for example 2026-11."
MONTH_RANGE = "Choose a month between 2000-01 and 2100-12."
DATE_RANGE = "Choose a date between Jan. 1, 2000 and Dec. 31, 2100."
SINGLE_LINE = (
    "Write this on a single line, without line breaks, tabs or invisible control characters."
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("month=0000-01", MONTH_RANGE),
        ("month=9999-12", MONTH_RANGE),
        ("month=1999-12", MONTH_RANGE),
        ("month=2026-13", MONTH_FORMAT),
        ("month=2026-00", MONTH_FORMAT),
        ("month=garbage", MONTH_FORMAT),
        ("month=" + "9" * 5000, MONTH_FORMAT),
        ("month=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96-11", MONTH_FORMAT),  # full-width digits
        ("month=a&month=b", MONTH_FORMAT),
        ("q=a%0Db", SINGLE_LINE),
        (
            "type=" + "x" * 300,
            "That is not one of the choices offered here. Please choose from the list.",
        ),
        (
            "when=" + "9" * 40,
            "That is not one of the choices offered here. Please choose from the list.",
        ),
    ],
)
def test_hostile_activity_filters_answer_400_with_the_reason(client, query, message):
    ActivityFactory()

    response = client.get(f"/en/activities/?{query}")

    assert response.status_code == 400
    assert message in text_of(response)


@pytest.mark.django_db
def test_a_month_at_the_end_of_the_range_filters_normally(client):
    ActivityFactory(title_en="Not in that month")

    response = client.get("/en/activities/?month=2100-12")

    assert response.status_code == 200
    assert "Not in that month" not in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["region=" + "z" * 500, "country=ZZ", "focus=%00", "language=a&language=b", "q=x%E2%80%AEy"],
)
def test_hostile_directory_filters_answer_400(client, query):
    client.force_login(MembershipFactory().user)

    response = client.get(f"/en/partners/?{query}")

    assert response.status_code == 400
    assert "Filter" in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    ["0", "-1", "9" * 30, "1e10", "abc", "%00", "1&page=2", "9" * 5000, "NaN", "%EF%BC%91"],
)
@pytest.mark.parametrize(
    "path", ["/en/activities/", "/en/partners/", "/en/notifications/deliveries/"]
)
def test_any_page_number_gives_a_page_never_an_error(client, path, page):
    client.force_login(StaffFactory())

    response = client.get(f"{path}?page={page}")

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("starts_at", "0001-01-01T00:00", DATE_RANGE),
        ("ends_at", "9999-12-31T23:59", DATE_RANGE),
        ("registration_deadline", "1999-12-31T23:59", DATE_RANGE),
        ("starts_at", "2026-02-30T10:00", "Enter a valid date/time."),
        (
            "starts_at",
            "2031-03-30T02:30",
            "2:30 a.m. does not exist on March 30, 2031 in Europe/Paris: the clocks go forward. "
            "Choose another time.",
        ),
        (
            "starts_at",
            "2031-10-26T02:30",
            "2:30 a.m. happens twice on Oct. 26, 2031 in Europe/Paris: the clocks go back. "
            "Choose another time.",
        ),
        ("title_en", "Budget\r\nBcc: x@evil.example", SINGLE_LINE),
        ("title_es", "Taller \u202egnp.exe", SINGLE_LINE),
    ],
)
def test_editing_an_activity_refuses_bad_dates_and_text_saying_why(client, field, value, message):
    activity = ActivityFactory(timezone="Europe/Paris")
    before = Activity.objects.values().get(pk=activity.pk)
    client.force_login(StaffFactory())

    response = client.post(
        f"/en/activities/{activity.pk}/edit/",
        _edit_data(activity, timezone="Europe/Paris", **{field: value}),
    )

    assert response.status_code == 400
    assert message in text_of(response)
    assert Activity.objects.values().get(pk=activity.pk) == before


@pytest.mark.django_db
def test_the_last_day_of_the_range_in_the_last_time_zone_is_accepted(client):
    activity = ActivityFactory()
    client.force_login(StaffFactory())

    response = client.post(
        f"/en/activities/{activity.pk}/edit/",
        _edit_data(
            activity,
            timezone="Pacific/Pago_Pago",
            starts_at="2100-12-31T20:00",
            ends_at="2100-12-31T23:59",
        ),
    )

    activity.refresh_from_db()
    assert response.status_code == 302
    assert activity.ends_at == datetime.datetime(2101, 1, 1, 10, 59, tzinfo=datetime.UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "starts",
    [
        datetime.datetime(1999, 12, 31, 23, 0, tzinfo=datetime.UTC),
        datetime.datetime(2101, 1, 1, 9, 0, tzinfo=datetime.UTC),
        datetime.datetime(9999, 12, 31, 0, 0, tzinfo=datetime.UTC),
    ],
)
def test_the_service_refuses_a_date_out_of_range_with_a_4xx(starts):
    activity = ActivityFactory(timezone="UTC")
    host = activity.host_organisations.first()
    data = {
        name: getattr(activity, name)
        for name in services.EDITABLE_FIELDS
        if name not in ("starts_at", "ends_at")
    }
    data.update(starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), timezone="UTC")

    with pytest.raises(ActivityError) as refused:
        services.update_activity(
            activity=activity,
            by=StaffFactory(),
            data=data,
            host_organisations=[host],
            host_people=[],
            focus_areas=[],
        )

    assert (refused.value.status_code, refused.value.message) == (400, DATE_RANGE)


@pytest.mark.django_db
def test_the_database_refuses_a_date_out_of_range_written_past_every_check():
    activity = ActivityFactory()
    far = datetime.datetime(2200, 1, 1, tzinfo=datetime.UTC)

    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(
            starts_at=far, ends_at=far + datetime.timedelta(hours=1)
        )


@pytest.mark.django_db
def test_postgresql_refuses_year_10000_as_the_incident_stored_it():
    require_service(connection.vendor == "postgresql", "PostgreSQL is needed for year 10000")
    activity = ActivityFactory()

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        # What Pacific/Pago_Pago's 31 December 9999 23:59 became: year 10000 in UTC.
        cursor.execute(
            "UPDATE activities_activity SET starts_at = %s::timestamptz, "
            "ends_at = %s::timestamptz WHERE id = %s",
            ["9999-12-31 23:59-11", "9999-12-31 23:59:30-11", activity.pk],
        )

    assert Activity.objects.get(pk=activity.pk).starts_at.year < 10000


@pytest.mark.django_db
def test_activities_at_both_edges_of_the_range_render_everywhere(client):
    organisation = OrganisationFactory(slug="edge-org", visibility=Visibility.PUBLIC)
    earliest = datetime.datetime(1999, 12, 30, 0, 0, tzinfo=datetime.UTC)
    latest = datetime.datetime(2101, 1, 2, 0, 0, tzinfo=datetime.UTC)
    first = ActivityFactory(
        hosts=[organisation],
        title_en="Earliest",
        audience="public",
        type="webinar",
        starts_at=earliest,
        ends_at=earliest + datetime.timedelta(minutes=1),
        timezone="Pacific/Kiritimati",
        registration_deadline=earliest,
    )
    last = ActivityFactory(
        hosts=[organisation],
        title_en="Latest",
        audience="public",
        type="webinar",
        starts_at=latest - datetime.timedelta(minutes=1),
        ends_at=latest,
        timezone="Pacific/Pago_Pago",
    )
    admin = StaffFactory(is_superuser=True)
    pages = [
        "/en/",
        "/en/activities/",
        "/en/activities/?when=past",
        "/en/activities/?month=2100-12",
        "/en/activities/feed/",
        "/en/activities/public.ics",
        f"/en/activities/{first.pk}/",
        f"/en/activities/{last.pk}/",
        f"/en/activities/{first.pk}/calendar.ics",
        f"/en/activities/{last.pk}/calendar.ics",
        "/en/partners/edge-org/",
    ]

    answers = {page: client.get(page).status_code for page in pages}
    client.force_login(admin)
    admin_pages = [
        "/en/admin/activities/activity/",
        f"/en/admin/activities/activity/{first.pk}/change/",
        f"/en/admin/activities/activity/{last.pk}/change/",
    ]
    admin_answers = {page: client.get(page).status_code for page in admin_pages}

    assert answers == dict.fromkeys(pages, 200)
    assert admin_answers == dict.fromkeys(admin_pages, 200)


@pytest.mark.django_db
def test_the_database_refuses_survey_dates_and_joining_dates_out_of_range():
    from feedback.models import Survey
    from partners.models import Organisation
    from tests.factories import SurveyFactory

    survey = SurveyFactory()
    organisation = OrganisationFactory()
    far = datetime.date(9999, 12, 31)

    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.filter(pk=survey.pk).update(closes_on=far)
    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.filter(pk=survey.pk).update(opens_on=datetime.date(1, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(joined_on=far)


@pytest.mark.django_db
def test_a_survey_saved_with_a_date_out_of_range_is_refused_with_a_message():
    from feedback.exceptions import FeedbackError
    from feedback.services import save_survey

    with pytest.raises(FeedbackError) as refused:
        save_survey(
            by=StaffFactory(),
            data={
                "title_en": "Far away",
                "opens_on": datetime.date(2026, 12, 1),
                "closes_on": datetime.date(9999, 12, 31),
            },
        )

    assert refused.value.message == DATE_RANGE
    assert refused.value.status_code == 400
