import datetime

import pytest
from django.core.management import call_command

from campaigns.models import Campaign, CampaignActivity, CampaignStory


@pytest.mark.django_db
def test_the_demo_has_the_16_days_the_day_of_the_girl_and_a_partner_campaign(settings, client):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)

    sixteen = Campaign.objects.get(slug="16-days-2026")
    assert (sixteen.starts_on, sixteen.ends_on) == (
        datetime.date(2026, 11, 25),
        datetime.date(2026, 12, 10),
    )
    assert all(getattr(sixteen, f"call_to_action_{code}") for code in ("en", "es", "fr"))
    girls = Campaign.objects.filter(slug__startswith="day-of-the-girl-").order_by("starts_on")
    assert [c.starts_on for c in girls] == [
        datetime.date(2026, 10, 11),
        datetime.date(2027, 10, 11),
    ]
    partner = Campaign.objects.get(kind="partner")
    assert partner.organisation.slug == "mujeres-unidas-salud"
    assert CampaignActivity.objects.filter(campaign=sixteen).exists()
    hidden_story = CampaignStory.objects.get(
        campaign=sixteen, story__organisation__slug="fanm-vanyan"
    )
    count = Campaign.objects.count()
    call_command("load_demo_data", verbosity=0)
    assert Campaign.objects.count() == count

    page = client.get("/en/campaigns/16-days-2026/").content.decode()
    assert "Wear orange" not in page and "wear orange" in page
    assert hidden_story.story.organisation.name not in page
