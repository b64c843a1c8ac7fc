"""Who does what with campaigns: the team creates and edits any, a partner lead a partner
campaign of their own organisation; partners tag their organisation's visible activities,
stories and resources and remove them; hostile input is refused with a translated 4xx and
changes nothing; an edit from a stale page is refused (409) without losing what was typed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.enums import ActivityStatus
from campaigns import services
from campaigns.exceptions import CampaignError
from campaigns.models import Campaign, CampaignActivity, CampaignResource, CampaignStory
from partners.enums import MembershipRole, Visibility
from stories.enums import StoryState
from tests.factories import (
    ActivityFactory,
    CampaignFactory,
    MembershipFactory,
    OrganisationFactory,
    ResourceFactory,
    StaffFactory,
    StoryFactory,
    UserFactory,
)
from tests.utils import text_of

pytestmark = pytest.mark.django_db


def _form(**changes) -> dict:
    data = {
        "language": "en",
        "slug": "girls-day-2027",
        "kind": "international",
        "organisation": "",
        "starts_on": "2027-10-11",
        "ends_on": "2027-10-11",
        "hashtag": "#DayOfTheGirl",
        "link": "https://example.org/girls",
        "audience": "public",
        "title_en": "International Day of the Girl 2027",
        "summary_en": "A day for girls' rights.",
        "call_to_action_en": "Tell us what girls in your community ask for.",
        "title_es": "",
        "title_fr": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def partner_world():
    organisation = OrganisationFactory(name="Colectiva Luna", visibility=Visibility.PUBLIC)
    lead = MembershipFactory(organisation=organisation, role=MembershipRole.LEAD).user
    member = MembershipFactory(organisation=organisation).user
    other = MembershipFactory().user
    campaign = CampaignFactory(title_en="16 Days of Activism", slug="16-days")
    activity = ActivityFactory(title_en="Our vigil", hosts=[organisation])
    story = StoryFactory(
        title_en="Our story",
        organisation=organisation,
        authors=[member],
        state=StoryState.PUBLISHED,
        published_at=timezone.now(),
    )
    resource = ResourceFactory(title_en="Our toolkit", organisations=[organisation])
    return {
        "organisation": organisation,
        "lead": lead,
        "member": member,
        "other": other,
        "campaign": campaign,
        "activity": activity,
        "story": story,
        "resource": resource,
    }


def _add(client, campaign, kind, pk):
    return client.post(
        reverse("campaigns:add", args=[campaign.slug]), {"kind": kind, "item": str(pk)}
    )


def _remove(client, campaign, kind, pk):
    return client.post(
        reverse("campaigns:remove", args=[campaign.slug]), {"kind": kind, "item": str(pk)}
    )


# --- Creating and editing ---------------------------------------------------------------------


def test_staff_create_an_international_campaign(client):
    staff = StaffFactory()
    client.force_login(staff)

    response = client.post(reverse("campaigns:create"), _form())

    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "/en/campaigns/girls-day-2027/"
    assert campaign.title_en == "International Day of the Girl 2027"
    assert campaign.hashtag == "DayOfTheGirl"
    assert campaign.created_by == staff
    assert (campaign.starts_on, campaign.ends_on) == (datetime.date(2027, 10, 11),) * 2


def test_a_partner_lead_creates_a_partner_campaign_for_their_organisation(client, partner_world):
    client.force_login(partner_world["lead"])
    organisation = partner_world["organisation"]

    response = client.post(
        reverse("campaigns:create"),
        _form(kind="partner", organisation=str(organisation.pk), slug="luna-says"),
    )

    campaign = Campaign.objects.get(slug="luna-says")
    assert response.status_code == 302
    assert (campaign.kind, campaign.organisation) == ("partner", organisation)
    assert client.get(reverse("campaigns:edit", args=["luna-says"])).status_code == 200


def test_a_partner_lead_may_not_create_an_international_campaign_or_one_for_another(
    client, partner_world
):
    client.force_login(partner_world["lead"])
    other_organisation = OrganisationFactory()

    international = client.post(
        reverse("campaigns:create"),
        _form(organisation=str(partner_world["organisation"].pk)),
    )
    someone_elses = client.post(
        reverse("campaigns:create"),
        _form(kind="partner", organisation=str(other_organisation.pk), slug="x-campaign"),
    )

    assert international.status_code == 400
    assert "Partners run partner campaigns" in text_of(international)
    assert someone_elses.status_code == 400
    assert Campaign.objects.filter(created_by=partner_world["lead"]).count() == 0


def test_members_who_lead_nothing_may_not_create_or_edit(client, partner_world):
    partner_campaign = CampaignFactory(kind="partner", organisation=partner_world["organisation"])
    client.force_login(partner_world["member"])

    assert client.get(reverse("campaigns:create")).status_code == 403
    assert client.post(reverse("campaigns:create"), _form()).status_code == 403
    edit = client.get(reverse("campaigns:edit", args=[partner_campaign.slug]))
    assert edit.status_code == 403
    assert "Only the team and the leads" in text_of(edit)
    assert Campaign.objects.count() == 2


def test_a_visitor_is_sent_to_sign_in(client):
    campaign = CampaignFactory()

    for response in (
        client.get(reverse("campaigns:create")),
        client.post(reverse("campaigns:add", args=[campaign.slug]), {}),
        client.post(reverse("campaigns:remove", args=[campaign.slug]), {}),
    ):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_an_edit_from_a_stale_page_is_refused_with_409_and_keeps_what_was_typed(client):
    campaign = CampaignFactory(title_en="Old title")
    staff = StaffFactory()
    client.force_login(staff)
    page = client.get(reverse("campaigns:edit", args=[campaign.slug]))
    version = page.context["form"].initial["version"]
    services.update_campaign(
        campaign=campaign, by=StaffFactory(), version=version, title_en="Someone else's"
    )

    response = client.post(
        reverse("campaigns:edit", args=[campaign.slug]),
        _form(slug=None, version=str(version), title_en="My careful rewrite"),
    )

    campaign.refresh_from_db()
    assert response.status_code == 409
    assert "This campaign changed since you opened the page" in text_of(response)
    assert "My careful rewrite" in text_of(response)
    assert campaign.title_en == "Someone else's"
    assert campaign.version == version + 1


def test_an_edit_from_the_current_page_is_saved_and_moves_the_version(client):
    campaign = CampaignFactory()
    client.force_login(StaffFactory())

    response = client.post(
        reverse("campaigns:edit", args=[campaign.slug]),
        _form(slug=None, version=str(campaign.version), title_fr="Journée des filles"),
    )

    campaign.refresh_from_db()
    assert response.status_code == 302
    assert campaign.title_fr == "Journée des filles"
    assert campaign.version == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": "2027-10-10"}, "A campaign ends on or after the day it starts."),
        ({"starts_on": "1999-12-31"}, "Choose a date between"),
        ({"ends_on": "9999-12-31"}, "Choose a date between"),
        ({"starts_on": "2027-02-30"}, "Enter a valid date."),
        ({"link": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"link": "ftp://example.org/x"}, "Use a link that starts with https://."),
        ({"title_en": "Line\r\nBcc: x@example.org"}, "control characters"),
        ({"call_to_action_en": "bell\x07"}, "control characters"),
        ({"summary_en": "x" * 12_000}, "Ensure this value has at most 3000 characters"),
        ({"title_en": ""}, "Give the title in the language the campaign is written in."),
        ({"hashtag": "two words"}, "A hashtag is one word"),
        ({"slug": "new"}, "This address is taken"),
        ({"slug": "../etc"}, "Enter a valid"),
        ({"kind": "partner"}, "A partner campaign is run by a partner organisation"),
        ({"organisation": "99999999999999999999"}, "That is not one of the choices"),
    ],
)
def test_hostile_input_is_refused_with_a_4xx_and_saves_nothing(client, changes, message):
    client.force_login(StaffFactory())

    response = client.post(reverse("campaigns:create"), _form(**changes))

    assert response.status_code == 400
    assert message in text_of(response)
    assert Campaign.objects.count() == 0


def test_refusals_are_translated(client):
    client.force_login(StaffFactory())

    response = client.post("/fr/campaigns/new/", _form(ends_on="2027-10-01"))

    assert response.status_code == 400
    assert "Une campagne se termine le jour où elle commence ou après." in text_of(response)


def test_a_taken_address_is_refused(client):
    CampaignFactory(slug="girls-day-2027")
    client.force_login(StaffFactory())

    response = client.post(reverse("campaigns:create"), _form())

    assert response.status_code == 400
    assert Campaign.objects.count() == 1


# --- Tagging items ----------------------------------------------------------------------------


def test_a_partner_adds_their_organisations_items_and_visitors_see_them(client, partner_world):
    campaign = partner_world["campaign"]
    client.force_login(partner_world["member"])
    offered = client.get(reverse("campaigns:detail", args=[campaign.slug])).context["choices"]
    assert [[item.pk for item in items] for _kind, _label, items in offered] == [
        [partner_world["activity"].pk],
        [partner_world["story"].pk],
        [partner_world["resource"].pk],
    ]

    for kind in ("activity", "story", "resource"):
        response = _add(client, campaign, kind, partner_world[kind].pk)
        assert response.status_code == 302
        assert response["Location"] == "/en/campaigns/16-days/#gathered"

    assert CampaignActivity.objects.get().added_by == partner_world["member"]
    assert CampaignStory.objects.count() == CampaignResource.objects.count() == 1
    client.logout()
    page = text_of(client.get(reverse("campaigns:detail", args=[campaign.slug])))
    assert "Our story" in page and "Our toolkit" in page
    assert "Our vigil" not in page  # a community activity: not for visitors
    assert "Colectiva Luna" in page


def test_adding_twice_is_refused_and_keeps_one_link(client, partner_world):
    campaign = partner_world["campaign"]
    client.force_login(partner_world["member"])
    _add(client, campaign, "story", partner_world["story"].pk)

    again = _add(client, campaign, "story", partner_world["story"].pk)

    assert again.status_code == 403
    assert CampaignStory.objects.count() == 1


def test_another_organisations_partner_may_not_add_or_remove_our_items(client, partner_world):
    campaign = partner_world["campaign"]
    CampaignStory.objects.create(campaign=campaign, story=partner_world["story"])
    client.force_login(partner_world["other"])

    added = _add(client, campaign, "activity", partner_world["activity"].pk)
    removed = _remove(client, campaign, "story", partner_world["story"].pk)

    assert added.status_code == 403
    assert "only your organisation’s visible" in text_of(added)
    assert removed.status_code == 403
    assert CampaignActivity.objects.count() == 0
    assert CampaignStory.objects.count() == 1


def test_drafts_and_hidden_items_cannot_be_added(client, partner_world):
    organisation = partner_world["organisation"]
    draft = ActivityFactory(hosts=[organisation], status=ActivityStatus.DRAFT)
    draft.host_people.add(partner_world["member"])
    draft_story = StoryFactory(organisation=organisation, authors=[partner_world["member"]])
    hidden = ResourceFactory(organisations=[organisation], hidden_by_staff=True)
    client.force_login(partner_world["member"])

    for kind, item in (("activity", draft), ("story", draft_story), ("resource", hidden)):
        assert _add(client, partner_world["campaign"], kind, item.pk).status_code == 403
    assert CampaignActivity.objects.count() + CampaignStory.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "campaign", "item": "1"},
        {"kind": "story", "item": "abc"},
        {"kind": "story", "item": "-1"},
        {"kind": "story", "item": "9" * 40},
        {"kind": "story\x00", "item": "1"},
    ],
)
def test_a_malformed_add_is_refused_with_a_400(client, partner_world, data):
    client.force_login(partner_world["member"])

    response = client.post(reverse("campaigns:add", args=["16-days"]), data)

    assert response.status_code == 400
    assert "This request was not understood" in text_of(response)


def test_a_partner_removes_their_organisations_link(client, partner_world):
    campaign = partner_world["campaign"]
    CampaignStory.objects.create(
        campaign=campaign, story=partner_world["story"], added_by=partner_world["lead"]
    )
    client.force_login(partner_world["member"])

    response = _remove(client, campaign, "story", partner_world["story"].pk)

    assert response.status_code == 302
    assert CampaignStory.objects.count() == 0
    assert _remove(client, campaign, "story", partner_world["story"].pk).status_code == 404


def test_staff_add_and_remove_anything(client, partner_world):
    campaign = partner_world["campaign"]
    client.force_login(StaffFactory())

    assert _add(client, campaign, "activity", partner_world["activity"].pk).status_code == 302
    assert _add(client, campaign, "resource", partner_world["resource"].pk).status_code == 302
    assert _remove(client, campaign, "activity", partner_world["activity"].pk).status_code == 302

    assert list(CampaignActivity.objects.all()) == []
    assert CampaignResource.objects.get().resource == partner_world["resource"]


def test_a_hidden_organisations_member_tags_its_items_unnamed(client):
    hidden = OrganisationFactory(name="Quiet Shelter", visibility=Visibility.HIDDEN)
    member = MembershipFactory(organisation=hidden).user
    story = StoryFactory(
        title_en="Listening",
        organisation=hidden,
        authors=[member],
        anonymous=True,
        state=StoryState.PUBLISHED,
        published_at=timezone.now(),
    )
    campaign = CampaignFactory(slug="16-days")
    client.force_login(member)

    assert _add(client, campaign, "story", story.pk).status_code == 302

    client.force_login(MembershipFactory().user)
    page = text_of(client.get(reverse("campaigns:detail", args=[campaign.slug])))
    assert "Listening" in page
    assert "Quiet Shelter" not in page
    assert "Remove from the campaign" not in page


def test_the_service_refuses_a_partner_for_a_community_campaign_they_cannot_see():
    campaign = CampaignFactory(audience="community")
    story = StoryFactory(state=StoryState.PUBLISHED, published_at=timezone.now())
    outsider = UserFactory()

    with pytest.raises(CampaignError) as refused:
        services.add_item(campaign=campaign, by=outsider, kind="story", item_id=story.pk)

    assert refused.value.status_code == 403


def test_a_lead_edits_their_partner_campaign_but_cannot_make_it_international(partner_world):
    lead = partner_world["lead"]
    campaign = CampaignFactory(kind="partner", organisation=partner_world["organisation"])

    services.update_campaign(
        campaign=campaign, by=lead, version=1, title_es="Nuestra campaña", hashtag="#Luna"
    )
    with pytest.raises(CampaignError) as refused:
        services.update_campaign(campaign=campaign, by=lead, version=2, kind="international")

    campaign.refresh_from_db()
    assert (campaign.title_es, campaign.hashtag, campaign.version) == ("Nuestra campaña", "Luna", 2)
    assert refused.value.status_code == 400
    assert campaign.kind == "partner"


def test_two_people_editing_from_the_same_version_the_second_is_refused():
    campaign = CampaignFactory(title_en="First")
    first, second = StaffFactory(), StaffFactory()

    services.update_campaign(campaign=campaign, by=first, version=1, title_en="By the first")
    with pytest.raises(CampaignError) as refused:
        services.update_campaign(campaign=campaign, by=second, version=1, title_en="By the second")

    campaign.refresh_from_db()
    assert refused.value.status_code == 409
    assert campaign.title_en == "By the first"


def test_a_campaign_in_the_calendar_far_ahead_or_over_a_century_costs_nothing_more(client):
    CampaignFactory(
        title_en="Century", starts_on=datetime.date(2000, 1, 1), ends_on=datetime.date(2100, 12, 31)
    )

    response = client.get(reverse("campaigns:calendar") + "?year=2100")

    assert response.status_code == 200
    assert all(
        [c.title_en for c in month.campaigns] == ["Century"]
        for _name, month in response.context["months"]
    )
    assert "?year=2101" not in response.content.decode()
