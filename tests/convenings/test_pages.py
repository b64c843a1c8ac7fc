"""The convening's pages: the list, the programme (by day, in the viewer's time zone and
language; each session shown to whoever may see its activity), the archive, my programme and
its calendar, the team's page, and a constant number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from activities.enums import Audience
from activities.models import Material
from convenings import services
from convenings.enums import ConveningState, SessionKind
from convenings.models import ConveningSession, ConveningStory
from partners.enums import Visibility
from stories.enums import StoryState
from tests.factories import (
    ActivityFactory,
    ConveningFactory,
    ConveningSessionFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    StaffFactory,
    StoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _page(client, name, convening, **kwargs):
    return client.get(reverse(name, kwargs={"slug": convening.slug, **kwargs}))


def _session(convening, day: int, hour: int, **activity):
    start = datetime.datetime.combine(
        convening.starts_on + datetime.timedelta(days=day), datetime.time(hour), datetime.UTC
    )
    return ConveningSessionFactory(
        convening=convening,
        activity__starts_at=start,
        activity__ends_at=start + datetime.timedelta(hours=1),
        **{f"activity__{key}": value for key, value in activity.items()},
    )


def test_list_shows_coming_and_past_convenings_and_drafts_only_to_the_team(client):
    ConveningFactory(title_en="Oaxaca 2027")
    past_start = timezone.localdate() - datetime.timedelta(days=400)
    ConveningFactory(
        title_en="Nairobi 2025",
        state=ConveningState.ARCHIVED,
        starts_on=past_start,
        ends_on=past_start + datetime.timedelta(days=4),
    )
    ConveningFactory(title_en="Secret draft", state=ConveningState.DRAFT)

    page = client.get(reverse("convenings:list")).content.decode()

    assert "Oaxaca 2027" in page and "Nairobi 2025" in page and "Secret draft" not in page
    assert page.index("Oaxaca 2027") < page.index("Nairobi 2025")
    client.force_login(StaffFactory())
    assert "Secret draft" in client.get(reverse("convenings:list")).content.decode()


def test_visitors_see_public_events_and_members_the_community_sessions(client):
    convening = ConveningFactory()
    _session(convening, 0, 15, title_en="Town hall for everyone", audience=Audience.PUBLIC)
    _session(convening, 1, 15, title_en="State of the Partnership")

    visitor_page = _page(client, "convenings:detail", convening).content.decode()
    client.force_login(PartnerFactory())
    member_page = _page(client, "convenings:detail", convening).content.decode()

    assert "Town hall for everyone" in visitor_page
    assert "State of the Partnership" not in visitor_page
    assert "Town hall for everyone" in member_page and "State of the Partnership" in member_page


def test_programme_is_grouped_by_day_in_the_viewers_zone_and_language(client):
    convening = ConveningFactory(
        starts_on=datetime.date(2031, 5, 6), ends_on=datetime.date(2031, 5, 8)
    )
    # 23:30 UTC on 6 May is already 7 May in Nairobi.
    _session(convening, 0, 23, title_en="Late session", audience=Audience.PUBLIC)
    client.force_login(PartnerFactory(language="fr", timezone="Africa/Nairobi"))

    page = client.get(f"/fr/convenings/{convening.slug}/").content.decode()

    assert "mercredi 7 mai 2031" in page
    assert "mardi 6 mai 2031" not in page


def test_a_hidden_host_is_never_named_to_those_who_may_not_see_it(client):
    hidden = OrganisationFactory(name="Quiet Shelter", visibility=Visibility.HIDDEN)
    convening = ConveningFactory()
    session = _session(convening, 0, 15, title_en="Safety circle", audience=Audience.PUBLIC)
    session.activity.host_organisations.set([hidden])
    member = MembershipFactory(organisation=hidden).user

    for viewer in (None, PartnerFactory()):
        if viewer:
            client.force_login(viewer)
        page = _page(client, "convenings:detail", convening).content.decode()
        assert "Safety circle" in page and "Quiet Shelter" not in page
    client.force_login(member)
    assert "Quiet Shelter" in _page(client, "convenings:detail", convening).content.decode()


def test_archive_shows_outcomes_materials_to_the_community_and_readable_stories(client):
    start = timezone.localdate() - datetime.timedelta(days=300)
    convening = ConveningFactory(
        state=ConveningState.ARCHIVED,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=3),
        outcomes_en="We agreed on a shared safety protocol.",
    )
    session = _session(convening, 0, 10, audience=Audience.PUBLIC, status="completed")
    Material.objects.create(
        activity=session.activity,
        kind="recording",
        title="Opening recording",
        language="en",
        link="https://video.example/opening",
    )
    story = StoryFactory(
        title_en="What Nairobi taught us",
        state=StoryState.PUBLISHED,
        published_at=timezone.now(),
        organisation=OrganisationFactory(visibility=Visibility.PUBLIC),
    )
    draft = StoryFactory(title_en="Unfinished story")
    ConveningStory.objects.create(convening=convening, story=story)
    ConveningStory.objects.create(convening=convening, story=draft)

    visitor_page = _page(client, "convenings:detail", convening).content.decode()
    client.force_login(PartnerFactory())
    member_page = _page(client, "convenings:detail", convening).content.decode()

    assert "We agreed on a shared safety protocol." in visitor_page
    assert "What Nairobi taught us" in visitor_page and "Unfinished story" not in visitor_page
    assert "Opening recording" not in visitor_page
    assert "Opening recording" in member_page and "Unfinished story" not in member_page


def test_an_anonymous_story_of_a_hidden_organisation_names_only_its_region(client):
    hidden = OrganisationFactory(name="Quiet Shelter", visibility=Visibility.HIDDEN)
    convening = ConveningFactory()
    story = StoryFactory(
        title_en="Listening first",
        organisation=hidden,
        anonymous=True,
        state=StoryState.PUBLISHED,
        published_at=timezone.now(),
    )
    ConveningStory.objects.create(convening=convening, story=story)

    page = _page(client, "convenings:detail", convening).content.decode()

    assert "Listening first" in page and "Quiet Shelter" not in page
    assert "A partner in" in page


def test_draft_convening_is_not_found_except_for_the_team(client):
    convening = ConveningFactory(state=ConveningState.DRAFT)
    client.force_login(PartnerFactory())
    assert _page(client, "convenings:detail", convening).status_code == 404
    client.force_login(StaffFactory())
    assert _page(client, "convenings:detail", convening).status_code == 200


def test_activity_page_says_it_is_part_of_the_convening(client):
    convening = ConveningFactory(title_en="Oaxaca 2027")
    session = _session(convening, 0, 15, audience=Audience.PUBLIC)
    draft_session = ConveningSessionFactory(
        convening=ConveningFactory(title_en="Draft gathering", state=ConveningState.DRAFT),
        activity__audience=Audience.PUBLIC,
    )

    page = client.get(reverse("activities:detail", kwargs={"pk": session.activity_id}))
    draft_page = client.get(reverse("activities:detail", kwargs={"pk": draft_session.activity_id}))

    assert "Part of the convening" in page.content.decode()
    assert reverse("convenings:detail", kwargs={"slug": convening.slug}) in page.content.decode()
    assert "Draft gathering" not in draft_page.content.decode()


def test_my_programme_and_its_calendar_hold_the_chosen_sessions(client):
    convening = ConveningFactory()
    chosen = _session(convening, 0, 9, title_en="Chosen session")
    _session(convening, 0, 14, title_en="Skipped session")
    partner = PartnerFactory()
    services.save_registration(convening=convening, user=partner, session_ids=[chosen.pk])
    client.force_login(partner)

    page = _page(client, "convenings:my_programme", convening).content.decode()
    response = _page(client, "convenings:my_programme_ics", convening)

    assert "Chosen session" in page and "Skipped session" not in page
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert [str(event["summary"]) for event in events] == ["Chosen session"]
    assert str(events[0]["uid"]) == f"{chosen.activity.uid}@learninglab"
    # The person has a place: the meeting link is in (as on the activity's own .ics).
    assert "https://meet.example/secret-room" in str(events[0]["description"])


def test_my_programme_without_registration_says_so(client):
    convening = ConveningFactory()
    client.force_login(PartnerFactory())

    page = _page(client, "convenings:my_programme", convening).content.decode()

    assert "You are not registered for this convening." in page


def test_team_publishes_archives_attaches_and_links(client):
    staff = StaffFactory()
    convening = ConveningFactory(state=ConveningState.DRAFT)
    activity = ActivityFactory(
        starts_at=timezone.now() + datetime.timedelta(days=30, hours=3),
        title_en="Review of the year",
    )
    story = StoryFactory(state=StoryState.PUBLISHED, published_at=timezone.now())
    client.force_login(staff)

    client.post(
        reverse("convenings:set_state", kwargs={"slug": convening.slug}), {"to": "published"}
    )
    client.post(
        reverse("convenings:attach_session", kwargs={"slug": convening.slug}),
        {"activity": activity.pk, "kind": SessionKind.PARTNERSHIP_REVIEW, "order": 0},
    )
    client.post(
        reverse("convenings:link_story", kwargs={"slug": convening.slug}), {"story": story.pk}
    )
    convening.refresh_from_db()

    assert convening.state == ConveningState.PUBLISHED
    session = ConveningSession.objects.get(activity=activity)
    assert session.kind == SessionKind.PARTNERSHIP_REVIEW
    assert list(convening.story_links.values_list("story_id", flat=True)) == [story.pk]
    page = _page(client, "convenings:manage", convening).content.decode()
    assert "Review of the year" in page

    response = client.post(
        reverse("convenings:set_state", kwargs={"slug": convening.slug}), {"to": "published"}
    )
    assert response.status_code == 409
    assert "This convening is already published." in response.content.decode()

    client.post(
        reverse(
            "convenings:detach_session", kwargs={"slug": convening.slug, "session_pk": session.pk}
        )
    )
    link = convening.story_links.get()
    client.post(
        reverse("convenings:unlink_story", kwargs={"slug": convening.slug, "link_pk": link.pk})
    )
    assert not ConveningSession.objects.exists()
    assert not ConveningStory.objects.exists()


def test_attaching_an_activity_of_another_convening_is_refused(client):
    staff = StaffFactory()
    taken = ConveningSessionFactory()
    convening = ConveningFactory()
    client.force_login(staff)

    response = client.post(
        reverse("convenings:attach_session", kwargs={"slug": convening.slug}),
        {"activity": taken.activity_id, "kind": "plenary", "order": "0"},
    )

    assert response.status_code == 400
    assert ConveningSession.objects.get().convening_id == taken.convening_id


def test_partners_cannot_manage(client):
    convening = ConveningFactory(state=ConveningState.DRAFT)
    client.force_login(PartnerFactory())
    response = client.post(
        reverse("convenings:set_state", kwargs={"slug": convening.slug}), {"to": "published"}
    )
    assert response.status_code == 403
    convening.refresh_from_db()
    assert convening.state == ConveningState.DRAFT


@pytest.mark.parametrize("count", [2, 30])
def test_convening_page_queries_do_not_grow_with_sessions(
    client, django_assert_max_num_queries, count
):
    convening = ConveningFactory()
    partner = PartnerFactory()
    sessions = [_session(convening, n % 3, 8 + n % 10) for n in range(count)]
    services.save_registration(
        convening=convening, user=partner, session_ids=[sessions[0].pk, sessions[1].pk]
    )
    client.force_login(partner)
    _page(client, "convenings:detail", convening)  # the session and the person, once

    for name in (
        "convenings:detail",
        "convenings:register",
        "convenings:my_programme",
        "convenings:my_programme_ics",
    ):
        with django_assert_max_num_queries(12):
            response = _page(client, name, convening)
        assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_list_page_queries_are_constant(client, django_assert_max_num_queries, count):
    for _ in range(count):
        ConveningFactory()
    client.force_login(UserFactory())
    with django_assert_max_num_queries(8):
        assert client.get(reverse("convenings:list")).status_code == 200
