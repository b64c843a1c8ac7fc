"""The stories' pages: the public list and its Atom feed, a story's page and its preview, the
forms (hostile input refused with a 4xx, nothing lost), a constant number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.content import WRITTEN_IN
from partners.enums import Region, Visibility
from stories.enums import Audience, StoryState
from stories.models import Story, StoryPhoto
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    StoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _published(**kwargs):
    return StoryFactory(state=StoryState.PUBLISHED, published_at=timezone.now(), **kwargs)


def test_visitors_read_public_stories_not_community_ones(client):
    public = _published(
        title_en="Radio for girls", organisation=OrganisationFactory(visibility="public")
    )
    community = _published(title_en="Only for us", audience=Audience.COMMUNITY)
    draft = StoryFactory(title_en="Not yet")
    page = client.get(reverse("stories:list")).content.decode()
    assert "Radio for girls" in page and "Only for us" not in page and "Not yet" not in page
    assert public.organisation.name in page
    assert client.get(reverse("stories:story", kwargs={"pk": community.pk})).status_code == 404
    assert client.get(reverse("stories:story", kwargs={"pk": draft.pk})).status_code == 404
    client.force_login(MembershipFactory().user)
    page = client.get(reverse("stories:list")).content.decode()
    assert "Only for us" in page and "Not yet" not in page


def test_a_public_story_has_an_open_graph_preview_a_community_one_does_not(client):
    public = _published(title_en="Radio & <girls>", body_en="Every week we meet.")
    page = client.get(reverse("stories:story", kwargs={"pk": public.pk})).content.decode()
    assert 'property="og:title" content="Radio &amp; &lt;girls&gt;"' in page
    assert "Every week we meet." in page.split('property="og:description"')[1][:200]
    community = _published(title_en="Secret plans", audience=Audience.COMMUNITY)
    client.force_login(MembershipFactory().user)
    page = client.get(reverse("stories:story", kwargs={"pk": community.pk})).content.decode()
    og = page.split("<title>")[0]
    assert "Secret plans" not in og


def test_an_anonymous_story_of_a_hidden_organisation_names_nobody(client):
    hidden = OrganisationFactory(
        name="Zebra Shelter", visibility=Visibility.HIDDEN, region=Region.EAST_SOUTHERN_AFRICA
    )
    author = MembershipFactory(
        organisation=hidden, user=UserFactory(display_name="Amina Secret")
    ).user
    story = _published(
        organisation=hidden, authors=[author], anonymous=True, title_en="Safe houses"
    )
    for viewer in (None, MembershipFactory().user):
        if viewer:
            client.force_login(viewer)
        for url in (
            reverse("stories:list"),
            reverse("stories:story", kwargs={"pk": story.pk}),
            reverse("stories:feed"),
        ):
            page = client.get(url).content.decode()
            assert "Safe houses" in page
            assert "Zebra" not in page and "Amina" not in page and hidden.slug not in page
            if url != reverse("stories:feed"):
                assert "A partner in East and Southern Africa" in page


def test_the_feed_lists_public_stories_with_the_original_language_notice(client):
    _published(title_en="Only English", body_en="Text")
    _published(title_en="Community", audience=Audience.COMMUNITY)
    feed = client.get(reverse("stories:feed")).content.decode()
    assert "Only English" in feed and "Community" not in feed
    client.get("/es/")
    feed = client.get("/es" + reverse("stories:feed")[3:]).content.decode()
    with translation.override("es"):
        notice = str(WRITTEN_IN["en"])
    assert "Only English" in feed and notice in feed


def test_write_edit_and_stale_page(client):
    member = MembershipFactory().user
    client.force_login(member)
    organisation = member.memberships.first().organisation
    response = client.post(
        reverse("stories:write"),
        {
            "organisation": organisation.pk,
            "language": "fr",
            "title": "Notre radio",
            "body": "Chaque semaine.",
            "audience": "public",
        },
    )
    assert response.status_code == 302
    story = Story.objects.get()
    url = reverse("stories:edit", kwargs={"pk": story.pk})
    data = {"version": story.version, "title_fr": "Notre radio !", "audience": "public"}
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "title_fr": "Autre"})
    assert stale.status_code == 409
    story.refresh_from_db()
    assert story.title_fr == "Notre radio !"


@pytest.mark.parametrize(
    "title",
    ["", "x" * 201, "Bell\x07", "\x00nul"],
)
def test_hostile_input_is_refused_with_400(client, title):
    member = MembershipFactory().user
    client.force_login(member)
    response = client.post(
        reverse("stories:write"),
        {
            "organisation": member.memberships.first().organisation.pk,
            "language": "en",
            "title": title,
            "body": "B",
            "audience": "public",
        },
    )
    assert response.status_code == 400
    assert not Story.objects.exists()


def test_huge_body_and_foreign_organisation_are_refused(client):
    member = MembershipFactory().user
    client.force_login(member)
    base = {"language": "en", "title": "T", "audience": "public"}
    huge = client.post(
        reverse("stories:write"),
        {**base, "organisation": member.memberships.first().organisation.pk, "body": "x" * 20001},
    )
    foreign = client.post(
        reverse("stories:write"), {**base, "organisation": OrganisationFactory().pk, "body": "B"}
    )
    assert huge.status_code == 400 and foreign.status_code == 400
    assert not Story.objects.exists()


def test_bad_action_posts_are_4xx(client):
    story = StoryFactory()
    client.force_login(story.authors.first())
    url = reverse("stories:act", kwargs={"pk": story.pk})
    assert client.post(url, {"action": "explode", "version": story.version}).status_code == 400
    assert client.post(url, {"action": "submit", "version": "x"}).status_code == 400
    assert client.post(url, {"action": "submit", "version": 999}).status_code == 409
    assert client.post(url, {"action": "publish", "version": story.version}).status_code == 403
    assert client.post(url, {"action": "submit", "version": story.version}).status_code == 302


def test_another_partner_sees_a_draft_as_missing(client):
    story = StoryFactory()
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("stories:story", kwargs={"pk": story.pk})).status_code == 404
    assert client.get(reverse("stories:edit", kwargs={"pk": story.pk})).status_code == 404


@pytest.mark.parametrize("count", [5, 30])
def test_list_queries_are_constant(
    client, django_assert_max_num_queries, count, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    member = MembershipFactory().user
    for index in range(count):
        story = _published(authors=[member] if index % 2 else None)
        story.published_at = timezone.now() - datetime.timedelta(hours=index)
        story.save()
        StoryPhoto.objects.create(
            story=story, image="stories/x.jpg", width=10, height=10, alt_text="A"
        )
    client.force_login(member)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("stories:list"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 30])
def test_staff_list_and_feed_queries_are_constant(client, django_assert_max_num_queries, count):
    for _ in range(count):
        _published()
        StoryFactory(state=StoryState.IN_REVIEW)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("stories:feed")).status_code == 200
    client.force_login(StaffFactory())
    with django_assert_max_num_queries(14):
        assert client.get(reverse("stories:list")).status_code == 200


def test_story_page_queries_are_constant(client, django_assert_max_num_queries):
    story = _published()
    for _ in range(10):
        StoryPhoto.objects.create(
            story=story, image="stories/x.jpg", width=10, height=10, alt_text="A"
        )
    with django_assert_max_num_queries(12):
        assert client.get(reverse("stories:story", kwargs={"pk": story.pk})).status_code == 200


def test_a_photo_whose_file_is_missing_is_404_not_500(client):
    story = _published()
    photo = StoryPhoto.objects.create(
        story=story, image="stories/missing.jpg", width=1, height=1, alt_text="A"
    )
    url = reverse("stories:photo", kwargs={"pk": story.pk, "photo_pk": photo.pk})
    assert client.get(url).status_code == 404


def test_the_list_says_which_language_an_untranslated_title_is_in():
    """Read in French, an English title says it was written in English; a French one says
    nothing."""
    from django.test import Client

    _published(title_en="Market days as safe spaces", original_language="en")
    _published(title_en="", title_fr="Des tontines pour l’école", original_language="fr")

    page = Client().get("/fr/stories/").content.decode()

    with translation.override("fr"):
        english, french = str(WRITTEN_IN["en"]), str(WRITTEN_IN["fr"])
    assert page.count(english) == 1
    assert french not in page
