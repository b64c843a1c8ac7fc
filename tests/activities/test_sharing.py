"""Sharing an activity: the WhatsApp message (title, when with the zone named, languages,
link) and the preview a pasted link shows (Open Graph tags), for whoever shares it."""

import datetime
import html
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.utils import timezone, translation
from PIL import Image

from activities.enums import ActivityStatus, Audience
from activities.sharing import share_text
from core.templatetags.portal import period_text
from partners.enums import MembershipRole, Visibility
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
)
from tests.hardening.test_signed_out import meta_of
from tests.utils import text_of

# Tuesday 6 May 2031, 20:00-22:00 UTC: 14:00-16:00 in Guatemala (UTC-6).
START = datetime.datetime(2031, 5, 6, 20, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(hours=2)
ZONE = "America/Guatemala"
SITE = settings.SITE_URL.rstrip("/")
WHATSAPP = "https://wa.me/?text="


def _period(zone: str) -> str:
    with timezone.override(zone):
        return period_text(START, END)


def _activity(**fields):
    defaults = {
        "title_en": "Safe spaces for girls",
        "starts_at": START,
        "ends_at": END,
        "timezone": ZONE,
        "spoken_languages": "en",
        "interpretation_languages": "es,fr",
        "audience": Audience.PUBLIC,
        "hosts": [OrganisationFactory(visibility=Visibility.PUBLIC)],
    }
    return ActivityFactory(**{**defaults, **fields})


def _whatsapp_text(response) -> str:
    body = response.content.decode()
    start = body.index(f'href="{WHATSAPP}') + len('href="')
    href = html.unescape(body[start : body.index('"', start)])
    return unquote(href.removeprefix(WHATSAPP))


@pytest.mark.django_db
def test_share_text_has_title_time_in_the_hosts_zone_languages_and_link():
    activity = _activity()

    text = share_text(activity=activity, viewer=AnonymousUser())

    assert text.split("\n") == [
        "Safe spaces for girls",
        f"{_period(ZONE)} (Guatemala time)",
        "Held in English · Interpretation into Spanish, French",
        f"{SITE}/en/activities/{activity.pk}/",
    ]
    assert "Tuesday" in text
    assert "2:00" in text.split("\n")[1]


@pytest.mark.django_db
def test_share_text_is_in_utc_for_a_viewer_who_may_not_see_every_host():
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    activity = _activity(hosts=[hidden, OrganisationFactory(visibility=Visibility.PUBLIC)])
    member = MembershipFactory().user

    text = share_text(activity=activity, viewer=member)

    assert text.split("\n")[1] == f"{_period('UTC')} (UTC)"
    assert "Guatemala" not in text


@pytest.mark.django_db
def test_share_text_for_staff_and_the_hidden_hosts_own_member_is_in_the_hosts_zone():
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    activity = _activity(hosts=[hidden])
    own = MembershipFactory(organisation=hidden).user

    assert "(Guatemala time)" in share_text(activity=activity, viewer=StaffFactory())
    assert "(Guatemala time)" in share_text(activity=activity, viewer=own)


@pytest.mark.django_db
def test_share_text_of_a_community_activity_says_only_partners_can_open_the_link():
    activity = _activity(audience=Audience.COMMUNITY)

    lines = share_text(activity=activity, viewer=MembershipFactory().user).split("\n")

    assert lines[-2:] == [
        "Only partners can open this link.",
        f"{SITE}/en/activities/{activity.pk}/",
    ]


@pytest.mark.django_db
def test_share_text_of_a_cancelled_activity_says_so():
    activity = _activity(status=ActivityStatus.CANCELLED)

    lines = share_text(activity=activity, viewer=AnonymousUser()).split("\n")

    assert lines[:2] == ["Safe spaces for girls", "This activity has been cancelled."]


@pytest.mark.django_db
def test_share_text_is_in_the_viewers_language_with_the_title_in_it_or_the_original():
    translated = _activity(title_es="Espacios seguros para niñas")
    original_only = _activity(title_en="Only in English")

    with translation.override("es"):
        spanish = share_text(activity=translated, viewer=AnonymousUser()).split("\n")
        fallback = share_text(activity=original_only, viewer=AnonymousUser()).split("\n")

    assert spanish[0] == "Espacios seguros para niñas"
    assert spanish[2] == "Se realiza en inglés · Interpretación en español, francés"
    assert spanish[-1] == f"{SITE}/es/activities/{translated.pk}/"
    assert "martes" in spanish[1]
    assert fallback[0] == "Only in English"


@pytest.mark.django_db
def test_share_text_names_the_zone_in_spanish():
    """Waits for the lead's catalogues ("%(city)s time")."""
    with translation.override("es"):
        text = share_text(activity=_activity(), viewer=AnonymousUser())

    assert "(hora de Guatemala)" in text


@pytest.mark.django_db
def test_the_pages_whatsapp_link_carries_the_share_text_of_its_viewer(client):
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    activity = _activity(hosts=[hidden], audience=Audience.COMMUNITY)
    member = MembershipFactory().user
    client.force_login(member)

    response = client.get(f"/en/activities/{activity.pk}/")

    assert _whatsapp_text(response) == share_text(activity=activity, viewer=member)
    assert "Guatemala" not in _whatsapp_text(response)
    assert "Only partners can open this link." in text_of(response)


@pytest.mark.django_db
def test_a_public_activitys_share_block_has_no_partners_only_note(client):
    activity = _activity()

    response = client.get(f"/en/activities/{activity.pk}/")

    assert _whatsapp_text(response) == share_text(activity=activity, viewer=AnonymousUser())
    assert "Only partners can open this link." not in text_of(response)
    assert f'value="{SITE}/en/activities/{activity.pk}/"' in text_of(response)


@pytest.mark.django_db
def test_a_hostile_title_is_encoded_in_the_link_and_escaped_on_the_page(client):
    title = 'Tea & "talk" #1 ?text=x\n<script>alert(1)</script>'
    activity = _activity(title_en=title)

    response = client.get(f"/en/activities/{activity.pk}/")

    body = response.content.decode()
    href_start = body.index(f'href="{WHATSAPP}') + len('href="')
    href = body[href_start : body.index('"', href_start)]
    assert not set(href.removeprefix(WHATSAPP)) & set('&#? "<>\n')
    assert _whatsapp_text(response).startswith(title + "\n")
    assert "<script>alert(1)</script>" not in body


@pytest.mark.django_db
def test_a_draft_offers_nothing_to_share(client):
    host = MembershipFactory(role=MembershipRole.LEAD)
    activity = _activity(status=ActivityStatus.DRAFT, hosts=[host.organisation])
    client.force_login(host.user)

    response = client.get(f"/en/activities/{activity.pk}/")

    assert response.status_code == 200
    assert "Link to share" not in text_of(response)
    assert WHATSAPP not in text_of(response)


# --- the preview (Open Graph)


@pytest.mark.django_db
def test_a_public_activitys_preview_has_its_title_date_languages_and_description(client):
    activity = _activity(description_en="We talk about   safe spaces.\n\nAll welcome.")

    tags = meta_of(client.get(f"/en/activities/{activity.pk}/")).tags

    description = (
        f"{_period(ZONE)} (Guatemala time) · Held in English · Interpretation into Spanish, "
        "French · We talk about safe spaces. All welcome."
    )
    assert tags["og:title"] == tags["twitter:title"] == ["Safe spaces for girls"]
    assert tags["og:description"] == tags["twitter:description"] == [description]
    assert tags["og:url"] == [f"{SITE}/en/activities/{activity.pk}/"]
    assert tags["og:type"] == ["website"]
    assert tags["og:image"] == tags["twitter:image"] == [f"{SITE}/static/img/og-image.png"]
    assert tags["og:locale"] == ["en_US"]
    assert tags["og:locale:alternate"] == ["es_LA", "fr_FR"]
    assert tags["twitter:card"] == ["summary_large_image"]


@pytest.mark.django_db
def test_a_long_description_is_cut_in_the_preview(client):
    activity = _activity(description_en="word " * 200)

    (description,) = meta_of(client.get(f"/en/activities/{activity.pk}/")).tags["og:description"]

    excerpt = description.split(" · ")[-1]
    assert len(excerpt) == 160
    assert excerpt.endswith("…")


@pytest.mark.django_db
def test_the_preview_of_a_hidden_hosts_public_activity_is_in_utc_for_everyone_outside(client):
    activity = _activity(hosts=[OrganisationFactory(visibility=Visibility.HIDDEN)])

    (description,) = meta_of(client.get(f"/en/activities/{activity.pk}/")).tags["og:description"]

    assert description.startswith(f"{_period('UTC')} (UTC) · ")
    assert "Guatemala" not in description


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["member", "staff"])
def test_a_community_activitys_page_has_only_the_portals_own_preview(client, viewer):
    activity = _activity(audience=Audience.COMMUNITY, description_en="Secret plans.")
    client.force_login(MembershipFactory().user if viewer == "member" else StaffFactory())

    page = meta_of(client.get(f"/en/activities/{activity.pk}/"))
    home = meta_of(client.get("/en/"))

    assert page.tags == home.tags
    assert page.tags["og:title"] == ["Learning Lab"]
    assert "og:url" not in page.tags
    values = " ".join(value for values in page.tags.values() for value in values)
    assert "Safe spaces" not in values
    assert "Secret plans" not in values
    assert "2031" not in values


@pytest.mark.django_db
def test_a_drafts_page_has_only_the_portals_own_preview(client):
    host = MembershipFactory(role=MembershipRole.LEAD)
    activity = _activity(status=ActivityStatus.DRAFT, hosts=[host.organisation])
    client.force_login(host.user)

    tags = meta_of(client.get(f"/en/activities/{activity.pk}/")).tags

    assert tags["og:title"] == ["Learning Lab"]
    assert "og:url" not in tags


@pytest.mark.django_db
def test_every_page_has_the_portals_preview_in_its_language(client):
    tags = meta_of(client.get("/es/activities/")).tags

    assert tags["og:site_name"] == ["Learning Lab"]
    assert tags["og:image"] == [f"{SITE}/static/img/og-image.png"]
    assert tags["og:locale"] == ["es_LA"]
    assert tags["og:locale:alternate"] == ["en_US", "fr_FR"]
    assert tags["twitter:card"] == ["summary_large_image"]


def test_the_preview_image_is_a_1200_by_630_png():
    path = finders.find("img/og-image.png")

    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
