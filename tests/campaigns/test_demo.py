import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaigns.demo import sixteen_days_year
from campaigns.models import Campaign, CampaignActivity, CampaignStory


@pytest.mark.django_db
def test_the_demo_has_the_16_days_the_day_of_the_girl_and_a_partner_campaign(settings, client):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)

    today = timezone.localdate()
    year = sixteen_days_year(today)
    sixteen = Campaign.objects.get(slug=f"16-days-{year}")
    assert (sixteen.starts_on, sixteen.ends_on) == (
        datetime.date(year, 11, 25),
        datetime.date(year, 12, 10),
    )
    assert sixteen.ends_on > today  # on now or coming, whatever the day the demo is loaded
    assert all(getattr(sixteen, f"call_to_action_{code}") for code in ("en", "es", "fr"))
    girls = Campaign.objects.filter(slug__startswith="day-of-the-girl-").order_by("starts_on")
    assert [c.starts_on for c in girls] == [
        datetime.date(today.year, 10, 11),
        datetime.date(today.year + 1, 10, 11),
    ]
    partner = Campaign.objects.get(kind="partner")
    assert partner.organisation.slug == "mujeres-unidas-salud"
    assert partner.starts_on > today
    # The activities tagged to the 16 Days take place during it (or just before), and one of
    # them is public: a visitor sees what partners do during the campaign.
    tagged = [link.activity for link in CampaignActivity.objects.filter(campaign=sixteen)]
    assert any(activity.audience == "public" for activity in tagged)
    for activity in tagged:
        assert sixteen.starts_on - datetime.timedelta(days=14) <= activity.starts_at.date()
        assert activity.starts_at.date() <= sixteen.ends_on
    hidden_story = CampaignStory.objects.get(
        campaign=sixteen, story__organisation__slug="fanm-vanyan"
    )
    count = Campaign.objects.count()
    call_command("load_demo_data", verbosity=0)
    assert Campaign.objects.count() == count

    page = client.get(f"/en/campaigns/16-days-{year}/").content.decode()
    assert "Wear orange" not in page and "wear orange" in page
    assert "Breaking the silence: community radio against violence" in page
    assert hidden_story.story.organisation.name not in page
