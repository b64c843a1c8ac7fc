"""Browsing activities: who sees what, filters, languages, time zones, and query counts."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from activities import permissions
from activities.enums import ActivityStatus, Audience
from activities.models import Activity, Registration
from activities.selectors import ActivityFilters, activities_visible_to, activity_list
from partners.enums import MembershipRole, Visibility
from partners.models import FocusArea
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import text_of, translated

VIEWERS = ["visitor", "account without organisation", "partner", "host lead", "staff"]
EXPECTED = {
    (Audience.PUBLIC, ActivityStatus.SCHEDULED): set(VIEWERS),
    (Audience.COMMUNITY, ActivityStatus.SCHEDULED): {"partner", "host lead", "staff"},
    (Audience.PUBLIC, ActivityStatus.DRAFT): {"host lead", "staff"},
    (Audience.COMMUNITY, ActivityStatus.DRAFT): {"host lead", "staff"},
    (Audience.COMMUNITY, ActivityStatus.CANCELLED): {"partner", "host lead", "staff"},
    (Audience.PUBLIC, ActivityStatus.COMPLETED): set(VIEWERS),
}


def _viewer(kind, activity):
    if kind == "visitor":
        return AnonymousUser()
    if kind == "account without organisation":
        return UserFactory()
    if kind == "partner":
        return MembershipFactory().user
    if kind == "host lead":
        host = activity.host_organisations.first()
        return MembershipFactory(organisation=host, role=MembershipRole.LEAD).user
    return StaffFactory()


@pytest.mark.django_db
@pytest.mark.parametrize(("audience", "status"), list(EXPECTED))
@pytest.mark.parametrize("viewer", VIEWERS)
def test_who_sees_an_activity(client, audience, status, viewer):
    activity = ActivityFactory(audience=audience, status=status, title_en="Zebra call")
    user = _viewer(viewer, activity)
    if user.is_authenticated:
        client.force_login(user)
    expected = viewer in EXPECTED[(audience, status)]

    visible = activities_visible_to(user=user).filter(pk=activity.pk).exists()
    page = client.get(f"/en/activities/{activity.pk}/")
    ics = client.get(f"/en/activities/{activity.pk}/calendar.ics")

    assert visible is expected
    assert permissions.can_view_activity(user, activity) is expected
    assert page.status_code == (200 if expected else 404)
    assert ics.status_code == (200 if expected else 404)
    if status == ActivityStatus.SCHEDULED:
        listed = "Zebra call" in text_of(client.get("/en/activities/?q=Zebra"))
        assert listed is expected


@pytest.mark.django_db
def test_filters_type_language_topic_host_and_month(client):
    client.force_login(MembershipFactory().user)
    host = OrganisationFactory(name="Host Org", slug="host-org", visibility=Visibility.PUBLIC)
    topic = FocusArea.objects.get(slug="climate")
    start = timezone.now().replace(day=1) + datetime.timedelta(days=40)
    target = ActivityFactory(
        type="webinar",
        title_en="Target",
        spoken_languages="fr",
        interpretation_languages="",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        hosts=[host],
    )
    target.focus_areas.add(topic)
    ActivityFactory(
        type="webinar",
        title_en="Other language",
        spoken_languages="en",
        interpretation_languages="",
    )
    ActivityFactory(type="call", title_en="Other type", spoken_languages="fr")
    month = timezone.localtime(start).strftime("%Y-%m")

    body = text_of(
        client.get(
            f"/en/activities/?type=webinar&language=fr&focus=climate&host=host-org&month={month}"
        )
    )

    assert "Target" in body
    assert "Other language" not in body
    assert "Other type" not in body


@pytest.mark.django_db
def test_language_filter_includes_interpretation(client):
    client.force_login(MembershipFactory().user)
    ActivityFactory(title_en="Interpreted", spoken_languages="en", interpretation_languages="es")

    body = text_of(client.get("/en/activities/?language=es"))

    assert "Interpreted" in body


@pytest.mark.django_db
def test_search_finds_words_in_any_language(client):
    client.force_login(MembershipFactory().user)
    ActivityFactory(
        title_en="",
        title_es="Café virtual",
        original_language="es",
        description_fr="Rencontre des tisserandes",
    )

    assert "Café virtual" in text_of(client.get("/en/activities/?q=tisserandes"))


@pytest.mark.django_db
def test_upcoming_and_past_lists(client):
    client.force_login(MembershipFactory().user)
    past_start = timezone.now() - datetime.timedelta(days=10)
    ActivityFactory(
        title_en="Old one",
        starts_at=past_start,
        ends_at=past_start + datetime.timedelta(hours=1),
        status="completed",
    )
    ActivityFactory(title_en="New one")

    upcoming = text_of(client.get("/en/activities/"))
    past = text_of(client.get("/en/activities/?when=past"))

    assert "New one" in upcoming and "Old one" not in upcoming
    assert "Old one" in past and "New one" not in past


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("month=2026-13", "Give the month as YYYY-MM, for example 2026-11."),
        (
            "type=party",
            "That is not one of the choices offered here. Please choose from the list.",
        ),
    ],
)
def test_bad_filters_are_a_400(client, query, message):
    response = client.get(f"/es/activities/?{query}")

    assert response.status_code == 400
    assert translated("es", message) % {"value": "party"} in text_of(response)


@pytest.mark.django_db
def test_untranslated_title_is_shown_with_a_notice_never_mixed(client):
    client.force_login(MembershipFactory().user)
    ActivityFactory(title_en="", title_es="Llamada sobre salud", original_language="es")

    body = text_of(client.get("/fr/activities/"))

    assert 'lang="es">Llamada sobre salud</a>' in body
    assert translated("fr", "Originally written in Spanish.") in body


@pytest.mark.django_db
def test_times_in_viewer_zone_named_plus_hosts_local_time(client):
    start = datetime.datetime(2030, 3, 4, 14, 0, tzinfo=datetime.UTC)
    activity = ActivityFactory(
        starts_at=start, ends_at=start + datetime.timedelta(hours=1), timezone="Asia/Kathmandu"
    )
    client.force_login(MembershipFactory(user=UserFactory(timezone="America/Lima")).user)

    body = re.sub("[\u2009\u202f]", " ", text_of(client.get(f"/en/activities/{activity.pk}/")))

    assert "Monday, March 4, 2030, 9:00 – 10:00 AM (Lima time)" in body
    assert "Monday, March 4, 2030, 7:45 – 8:45 PM for the hosts (Kathmandu time)" in body
    assert "Asia/Kathmandu" not in body


@pytest.mark.django_db
def test_hidden_host_is_not_revealed_on_a_public_activity(client):
    hidden = OrganisationFactory(name="Safe House", visibility=Visibility.HIDDEN)
    open_host = OrganisationFactory(name="Open Host", visibility=Visibility.PUBLIC)
    activity = ActivityFactory(audience="public", hosts=[hidden, open_host])

    body = text_of(client.get(f"/en/activities/{activity.pk}/"))
    listing = text_of(client.get("/en/activities/"))

    assert "Open Host" in body and "Open Host" in listing
    assert "Safe House" not in body and "Safe House" not in listing


def _bulk_activities(count, host):
    start = timezone.now() + datetime.timedelta(days=3)
    activities = Activity.objects.bulk_create(
        Activity(
            type="call",
            title_en=f"Call {number}",
            title_es=f"Llamada {number}",
            spoken_languages="en",
            starts_at=start + datetime.timedelta(hours=number),
            ends_at=start + datetime.timedelta(hours=number + 1),
            status=ActivityStatus.SCHEDULED,
            capacity=50,
        )
        for number in range(count)
    )
    Activity.host_organisations.through.objects.bulk_create(
        Activity.host_organisations.through(activity=a, organisation=host) for a in activities
    )
    return activities


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 1000])
def test_list_query_count_is_constant(client, django_assert_max_num_queries, count):
    membership = MembershipFactory()
    activities = _bulk_activities(count, membership.organisation)
    Registration.objects.bulk_create(
        Registration(activity=activity, user=membership.user) for activity in activities[:20]
    )
    client.force_login(membership.user)

    # 13 with a cold cache: the community's filter choices include the learning questions
    # (one query, then kept per viewer class with the other choices).
    with django_assert_max_num_queries(13):
        response = client.get("/es/activities/")

    assert response.status_code == 200
    assert [title for title in ("Llamada 0", "Llamada 9") if title in text_of(response)] == [
        "Llamada 0",
        "Llamada 9",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 1000])
def test_detail_query_count_is_constant(client, django_assert_max_num_queries, count):
    activity = ActivityFactory(capacity=None)
    people = UserFactory.create_batch(3) if count == 10 else []
    users = [*people]
    if count == 1000:
        from accounts.models import User

        users = User.objects.bulk_create(
            User(email=f"bulk{n}@example.org", display_name=f"Bulk {n}") for n in range(count)
        )
    Registration.objects.bulk_create(Registration(activity=activity, user=u) for u in users)
    client.force_login(MembershipFactory().user)

    # First (the cache is empty): the page, plus the cache's own reads (three index lookups for
    # when activities next change by the clock, and what the viewer may see), the campaigns it is
    # part of (one query) and the convening it may be a session of (one). Then the facts and the
    # list of people come from the cache: only the person's own parts are read.
    with django_assert_max_num_queries(20):
        response = client.get(f"/en/activities/{activity.pk}/")
    with django_assert_max_num_queries(10):
        again = client.get(f"/en/activities/{activity.pk}/")

    assert response.status_code == again.status_code == 200
    assert activity.title_en in text_of(response)
    token = re.compile(r'name="csrfmiddlewaretoken" value="\w+"')
    assert token.sub("", text_of(again)) == token.sub("", text_of(response))


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 1000])
def test_feed_query_counts_are_constant(client, django_assert_max_num_queries, count):
    host = OrganisationFactory(visibility=Visibility.PUBLIC)
    activities = _bulk_activities(count, host)
    Activity.objects.filter(pk__in=[a.pk for a in activities]).update(audience="public")

    # The feed, plus three index lookups for the cache (when activities next change by the
    # clock).
    with django_assert_max_num_queries(7):
        atom = client.get("/en/activities/feed/")
    with django_assert_max_num_queries(4):
        ics = client.get("/en/activities/public.ics")
    # Kept: the next reader costs no query at all.
    with django_assert_max_num_queries(0):
        client.get("/en/activities/feed/")

    assert (atom.status_code, ics.status_code) == (200, 200)
    assert b"Call 0" in atom.content
    assert ics.content.count(b"BEGIN:VEVENT") == min(count, 100)


@pytest.mark.django_db
def test_activity_list_selector_counts_places_without_duplicates():
    host = OrganisationFactory()
    activity = ActivityFactory(capacity=10, hosts=[host, OrganisationFactory()])
    lead = MembershipFactory(organisation=host, role=MembershipRole.LEAD).user
    activity.host_people.add(lead, UserFactory())
    for _ in range(3):
        Registration.objects.create(activity=activity, user=UserFactory())

    listed = activity_list(user=lead, filters=ActivityFilters()).get(pk=activity.pk)

    assert listed.confirmed_count == 3


@pytest.mark.django_db
def test_hosts_local_time_is_not_repeated_when_the_viewer_shares_their_clock(client):
    start = datetime.datetime(2030, 3, 4, 14, 0, tzinfo=datetime.UTC)
    activity = ActivityFactory(
        starts_at=start, ends_at=start + datetime.timedelta(hours=1), timezone="America/Lima"
    )
    # Bogotá keeps Lima's clock all year: the same wall time under another zone name.
    client.force_login(MembershipFactory(user=UserFactory(timezone="America/Bogota")).user)

    body = text_of(client.get(f"/en/activities/{activity.pk}/"))

    assert "for the hosts (" not in body
    assert "(Bogotá time)" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("description", "notices"),
    [({"description_es": "Hablamos de salud."}, 1), ({"description_en": "About health."}, 2)],
    ids=["same-language", "other-language"],
)
def test_an_activity_says_originally_written_in_once_per_language(client, description, notices):
    """Title and text both in Spanish, read in French: one notice, under the title."""
    client.force_login(MembershipFactory().user)
    texts = {"description_en": "", "description_es": "", "description_fr": "", **description}
    activity = ActivityFactory(
        title_en="", title_es="Llamada sobre salud", original_language="es", **texts
    )

    body = text_of(client.get(f"/fr/activities/{activity.pk}/"))

    notes = [translated("fr", f"Originally written in {name}.") for name in ("Spanish", "English")]
    assert sum(body.count(note) for note in notes) == notices
