"""The campaigns' public pages: the list (on now, coming, past), a campaign's page with its
dates in the reader's language, its call to action, what is tagged to it as the reader may see
it, its preview; the calendar of campaign dates and its .ics feed; "Part of the campaign" on
the pages of the items; a constant number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from activities.enums import ActivityStatus
from activities.enums import Audience as ActivityAudience
from campaigns.models import CampaignActivity, CampaignResource, CampaignStory
from partners.enums import Visibility
from stories.enums import Audience as StoryAudience
from stories.enums import StoryState
from tests.factories import (
    ActivityFactory,
    CampaignFactory,
    MembershipFactory,
    OrganisationFactory,
    ResourceFactory,
    StaffFactory,
    StoryFactory,
)
from tests.utils import text_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("campaigns.selectors._today", lambda: TODAY)


def _sixteen_days(**kwargs):
    return CampaignFactory(
        title_en="16 Days of Activism",
        title_es="16 Días de Activismo",
        call_to_action_en="Wear orange on 25 November.",
        call_to_action_fr="Portez de l’orange le 25 novembre.",
        slug="16-days-2026",
        starts_on=datetime.date(2026, 11, 25),
        ends_on=datetime.date(2026, 12, 10),
        hashtag="16Days",
        **kwargs,
    )


def _published_story(**kwargs):
    return StoryFactory(state=StoryState.PUBLISHED, published_at=timezone.now(), **kwargs)


def test_the_list_shows_campaigns_on_now_coming_and_past(client):
    _sixteen_days()
    CampaignFactory(
        title_en="Day of the Girl 2027",
        starts_on=datetime.date(2027, 10, 11),
        ends_on=datetime.date(2027, 10, 11),
    )
    CampaignFactory(
        title_en="Day of the Girl 2026",
        starts_on=datetime.date(2026, 10, 11),
        ends_on=datetime.date(2026, 10, 11),
    )

    response = client.get(reverse("campaigns:list"))

    campaigns = response.context["campaigns"]
    assert [c.title for c in campaigns.current] == ["16 Days of Activism"]
    assert [c.title for c in campaigns.coming] == ["Day of the Girl 2027"]
    assert [c.title for c in campaigns.past] == ["Day of the Girl 2026"]


def test_visitors_see_public_campaigns_the_community_sees_community_ones_too(client):
    public = CampaignFactory(title_en="Open campaign")
    community = CampaignFactory(title_en="Members campaign", audience="community")

    assert "Members campaign" not in text_of(client.get(reverse("campaigns:list")))
    assert client.get(reverse("campaigns:detail", args=[community.slug])).status_code == 404
    assert client.get(reverse("campaigns:detail", args=[public.slug])).status_code == 200
    client.force_login(MembershipFactory().user)
    assert "Members campaign" in text_of(client.get(reverse("campaigns:list")))
    assert client.get(reverse("campaigns:detail", args=[community.slug])).status_code == 200


@pytest.mark.parametrize(
    ("language", "dates", "call"),
    [
        # CLDR's own interval (thin spaces around the dash), through core.dates.
        ("en", "Wed, Nov 25\u2009–\u2009Thu, Dec 10, 2026", "Wear orange"),
        ("es", "mié, 25 de noviembre\u2009–\u2009jue, 10 de diciembre de 2026", "Portez"),
        ("fr", "mer. 25 nov.\u2009–\u2009jeu. 10 déc. 2026", "Portez de l’orange"),
    ],
)
def test_a_campaign_page_says_its_dates_in_the_readers_language(client, language, dates, call):
    campaign = _sixteen_days()

    response = client.get(f"/{language}/campaigns/{campaign.slug}/")

    assert response.context["dates"] == dates
    assert call in text_of(response)
    assert "#16Days" in text_of(response)


def test_an_untranslated_call_to_action_says_the_language_it_is_written_in(client):
    campaign = _sixteen_days()

    page = text_of(client.get(f"/es/campaigns/{campaign.slug}/"))

    assert "16 Días de Activismo" in page
    # Spanish readers fall back to French first (settings.MODELTRANSLATION_FALLBACK_LANGUAGES).
    assert '<div lang="fr"><p>Portez de l’orange le 25 novembre.</p></div>' in page
    assert "Escrito originalmente en francés." in page


def test_a_public_campaign_has_an_open_graph_preview_a_community_one_does_not(client):
    public = _sixteen_days()
    page = client.get(reverse("campaigns:detail", args=[public.slug])).content.decode()
    assert 'property="og:title" content="16 Days of Activism"' in page
    description = page.split('property="og:description" content="')[1].split('"')[0]
    assert description.startswith("Wed, Nov 25")
    assert "Wear orange on 25 November." in description

    community = CampaignFactory(title_en="Quiet plans", audience="community")
    client.force_login(MembershipFactory().user)
    page = client.get(reverse("campaigns:detail", args=[community.slug])).content.decode()
    assert "Quiet plans" not in page.split("<title>")[0]


def test_the_page_gathers_only_what_the_reader_may_see(client):
    campaign = _sixteen_days()
    organisation = OrganisationFactory(visibility=Visibility.PUBLIC)
    public_call = ActivityFactory(
        title_en="Public webinar", audience=ActivityAudience.PUBLIC, hosts=[organisation]
    )
    community_call = ActivityFactory(title_en="Members call", hosts=[organisation])
    draft = ActivityFactory(title_en="Draft call", status=ActivityStatus.DRAFT)
    public_story = _published_story(title_en="Radio story", organisation=organisation)
    community_story = _published_story(title_en="Members story", audience=StoryAudience.COMMUNITY)
    draft_story = StoryFactory(title_en="Draft story")
    public_resource = ResourceFactory(title_en="Public toolkit")
    own_resource = ResourceFactory(title_en="Own toolkit", visibility="organisation")
    for activity in (public_call, community_call, draft):
        CampaignActivity.objects.create(campaign=campaign, activity=activity)
    for story in (public_story, community_story, draft_story):
        CampaignStory.objects.create(campaign=campaign, story=story)
    for resource in (public_resource, own_resource):
        CampaignResource.objects.create(campaign=campaign, resource=resource)
    url = reverse("campaigns:detail", args=[campaign.slug])

    visitor = text_of(client.get(url))
    client.force_login(MembershipFactory().user)
    member = text_of(client.get(url))

    assert "Public webinar" in visitor and "Members call" not in visitor
    assert "Radio story" in visitor and "Members story" not in visitor
    assert "Public toolkit" in visitor and "Own toolkit" not in visitor
    assert organisation.name in visitor
    assert "Members call" in member and "Members story" in member
    for never in ("Draft call", "Draft story", "Own toolkit"):
        assert never not in visitor and never not in member


def test_a_hidden_organisations_campaign_and_items_never_name_it(client):
    hidden = OrganisationFactory(name="Secret Shelter", visibility=Visibility.HIDDEN)
    campaign = CampaignFactory(
        title_en="Safe at home", kind="partner", organisation=hidden, slug="safe-at-home"
    )
    activity = ActivityFactory(
        title_en="Hidden webinar", hosts=[hidden], audience=ActivityAudience.PUBLIC
    )
    story = _published_story(title_en="Unnamed story", organisation=hidden, anonymous=True)
    CampaignActivity.objects.create(campaign=campaign, activity=activity)
    CampaignStory.objects.create(campaign=campaign, story=story)
    member = MembershipFactory(organisation=hidden).user
    urls = [
        reverse("campaigns:detail", args=[campaign.slug]),
        reverse("campaigns:list"),
        reverse("campaigns:calendar") + "?year=" + str(campaign.starts_on.year),
        reverse("campaigns:ics"),
        reverse("activities:detail", args=[activity.pk]),
    ]

    for viewer in (None, MembershipFactory().user):
        if viewer is not None:
            client.force_login(viewer)
        for url in urls:
            page = client.get(url).content.decode()
            assert "Safe at home" in page, url
            assert "Secret Shelter" not in page and hidden.slug not in page, url
    client.force_login(member)
    assert "Secret Shelter" in text_of(client.get(urls[0]))
    client.force_login(StaffFactory())
    assert "Secret Shelter" in text_of(client.get(urls[0]))


def test_the_calendar_lists_a_campaign_in_every_month_it_covers(client):
    _sixteen_days()
    CampaignFactory(
        title_en="Day of the Girl",
        starts_on=datetime.date(2026, 10, 11),
        ends_on=datetime.date(2026, 10, 11),
    )

    response = client.get("/fr/campaigns/calendar/?year=2026")

    months = {
        name: [c.title_en for c in month.campaigns] for name, month in response.context["months"]
    }
    assert months["octobre 2026"] == ["Day of the Girl"]
    assert months["novembre 2026"] == ["16 Days of Activism"]
    assert months["décembre 2026"] == ["16 Days of Activism"]
    assert months["janvier 2026"] == []
    assert "?year=2027" in text_of(response) or 'href="?year=2027"' in response.content.decode()
    # On the page, only the months with a campaign: a phone does not scroll past empty months.
    page = text_of(response)
    assert "octobre 2026" in page and "décembre 2026" in page
    assert "janvier 2026" not in page and "septembre 2026" not in page


def test_a_year_without_campaigns_says_so_once(client):
    _sixteen_days()

    response = client.get("/es/campaigns/calendar/?year=2031")

    assert response.status_code == 200
    assert text_of(response).count("Ninguna campaña en 2031.") == 1
    assert "enero de 2031" not in text_of(response)


@pytest.mark.parametrize("year", ["1999", "2101", "abc", "9" * 40, "-1"])
def test_the_calendar_refuses_a_year_out_of_range_with_a_translated_400(client, year):
    response = client.get(f"/es/campaigns/calendar/?year={year}")

    assert response.status_code == 400
    assert "Elige un año entre 2000 y 2100." in text_of(response)


def test_the_ics_feed_has_all_day_events_for_the_campaigns_the_reader_may_see(client):
    campaign = _sixteen_days()
    CampaignFactory(title_en="Members only", audience="community")

    response = client.get("/en/campaigns/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["16 Days of Activism"]
    event = events[0]
    assert event["DTSTART"].dt == datetime.date(2026, 11, 25)
    assert event["DTEND"].dt == datetime.date(2026, 12, 11)  # the day after the last
    assert b"DTSTART;VALUE=DATE:20261125" in response.content
    assert str(event["UID"]) == f"campaign-{campaign.pk}@learning-lab"
    assert "/en/campaigns/16-days-2026/" in str(event["URL"])


def test_item_pages_say_which_campaign_they_are_part_of(client):
    campaign = _sixteen_days()
    other = CampaignFactory(title_en="Members only", audience="community")
    activity = ActivityFactory(audience=ActivityAudience.PUBLIC)
    story = _published_story()
    resource = ResourceFactory()
    for link in (campaign, other):
        CampaignActivity.objects.create(campaign=link, activity=activity)
        CampaignStory.objects.create(campaign=link, story=story)
        CampaignResource.objects.create(campaign=link, resource=resource)

    for url in (
        reverse("activities:detail", args=[activity.pk]),
        reverse("stories:story", args=[story.pk]),
        reverse("resources:detail", args=[resource.pk]),
    ):
        page = client.get(url).content.decode()
        assert 'Part of the campaign: <a href="/en/campaigns/16-days-2026/"' in page, url
        assert "Members only" not in page


def test_an_activity_page_kept_in_the_cache_shows_a_new_campaign_at_once(client):
    activity = ActivityFactory(audience=ActivityAudience.PUBLIC)
    url = reverse("activities:detail", args=[activity.pk])
    assert "Part of the campaign" not in text_of(client.get(url))

    CampaignActivity.objects.create(campaign=_sixteen_days(), activity=activity)

    assert 'Part of the campaign: <a href="/en/campaigns/16-days-2026/"' in text_of(client.get(url))


def _many(campaign, count):
    organisation = OrganisationFactory(visibility=Visibility.PUBLIC)
    member = MembershipFactory(organisation=organisation).user
    for _index in range(count):
        activity = ActivityFactory(hosts=[organisation, OrganisationFactory()])
        CampaignActivity.objects.create(campaign=campaign, activity=activity, added_by=member)
        story = _published_story(organisation=organisation, authors=[member])
        CampaignStory.objects.create(campaign=campaign, story=story)
        resource = ResourceFactory(organisations=[organisation])
        CampaignResource.objects.create(campaign=campaign, resource=resource)
    return member


@pytest.mark.parametrize("count", [2, 20])
def test_the_campaign_page_costs_the_same_for_few_and_many_items(
    client, django_assert_max_num_queries, count
):
    campaign = _sixteen_days()
    member = _many(campaign, count)
    client.force_login(member)

    # Session and user, membership, the campaign, activities with their hosts, stories with
    # authors and photos, resources with makers, what the viewer may see (traces), the
    # viewer's organisations, and the three lists of what they may add.
    with django_assert_max_num_queries(19):
        response = client.get(reverse("campaigns:detail", args=[campaign.slug]))

    assert response.status_code == 200
    assert len(response.context["activities"]) == count
    assert len(response.context["stories"]) == count
    assert all(row["removable"] for row in response.context["resources"])


@pytest.mark.parametrize("count", [2, 30])
def test_the_list_and_calendar_cost_the_same_for_few_and_many_campaigns(
    client, django_assert_max_num_queries, count
):
    organisation = OrganisationFactory()
    for index in range(count):
        CampaignFactory(
            starts_on=datetime.date(2026, 1 + index % 12, 1),
            ends_on=datetime.date(2026, 1 + index % 12, 20),
            kind="partner",
            organisation=organisation,
        )
    client.force_login(MembershipFactory().user)

    with django_assert_max_num_queries(9):
        assert client.get(reverse("campaigns:list")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("campaigns:calendar") + "?year=2026").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("campaigns:ics")).status_code == 200
