"""The shared page cache never shows anyone the wrong thing (core.content_cache).

Every page is first read by every role in every language, so the cache holds all of them;
then one kind of content changes (a title in one language, the time, the places, a
cancellation, a host's visibility, a registration, an edit in the admin) and the next view of
each page, in every language and for every role, must show the change, and never something a
role may not see. On CI the cache is Redis (REDIS_URL), as in production; locally, without
Redis, the same tests run on the in-process cache.
"""

import datetime
import os
import re
import uuid
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from activities import services as activity_services
from activities.enums import ActivityStatus, Audience, RegistrationStatus
from activities.models import Activity
from core import content_cache
from core.stylesheet import COOKIE, current_version
from partners.enums import MembershipRole, Visibility
from tests.activities.test_calendars import _edit_data
from tests.activities.test_status import _admin_change_data
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)
from tests.mfa import give_authenticator
from tests.utils import text_of

LANGUAGES = ("en", "es", "fr")
ROLES = ("visitor", "partner", "other_partner", "hidden_member", "staff")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="\w+"')


@pytest.fixture
def shared_cache(settings):
    """Redis under a key prefix of this test when REDIS_URL is set; else the local cache."""
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("REQUIRE_SERVICES=1 but REDIS_URL is not set")
        yield "locmem"
        return
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    yield "redis"
    import redis

    connection = redis.Redis.from_url(url)
    for key in connection.scan_iter(match=f"{prefix}:*"):
        connection.delete(key)


def _browser(user=None) -> Client:
    """A returning browser (it holds the stylesheet), signed in as `user`."""
    client = Client()
    client.cookies[COOKIE] = current_version()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(shared_cache):
    shared_host = OrganisationFactory(
        name="Open Circle", slug="open-circle", visibility=Visibility.PUBLIC
    )
    community_host = OrganisationFactory(
        name="Community Circle", slug="community-circle", visibility=Visibility.COMMUNITY
    )
    hidden = OrganisationFactory(
        name="Quiet Collective", slug="quiet-collective", visibility=Visibility.HIDDEN
    )
    lead = MembershipFactory(organisation=shared_host, role=MembershipRole.LEAD).user
    partner = MembershipFactory(organisation=community_host).user
    other_partner = MembershipFactory(organisation=OrganisationFactory()).user
    hidden_member = MembershipFactory(organisation=hidden).user
    staff = StaffFactory()
    public = ActivityFactory(
        title_en="Budgets that last",
        title_es="Presupuestos que duran",
        title_fr="Des budgets qui durent",
        audience=Audience.PUBLIC,
        capacity=5,
        hosts=[shared_host],
    )
    community = ActivityFactory(title_en="Safe houses call", hosts=[community_host])
    quiet = ActivityFactory(title_en="Quiet circle", hosts=[hidden, shared_host])
    users = {
        "visitor": None,
        "partner": partner,
        "other_partner": other_partner,
        "hidden_member": hidden_member,
        "staff": staff,
    }
    return {
        "public": public,
        "community": community,
        "quiet": quiet,
        "shared_host": shared_host,
        "hidden": hidden,
        "lead": lead,
        "users": users,
        "browsers": {role: _browser(user) for role, user in users.items()},
        "cache": shared_cache,
    }


def _pages(world, language) -> dict[str, str]:
    public = world["public"].pk
    return {
        "list": f"/{language}/activities/",
        "detail": f"/{language}/activities/{public}/",
        "directory": f"/{language}/partners/",
        "map": f"/{language}/partners/map/",
        "profile": f"/{language}/partners/open-circle/",
    }


def _read_all(world) -> dict[tuple[str, str, str], str]:
    """Every page, for every role, in every language: (role, language, page) -> text."""
    seen = {}
    for role, browser in world["browsers"].items():
        for language in LANGUAGES:
            for page, url in _pages(world, language).items():
                response = browser.get(url)
                assert response.status_code == 200, (role, url, response.status_code)
                seen[role, language, page] = TOKEN.sub("", text_of(response))
    return seen


def _in(language: str, function, *args):
    with translation.override(language):
        return str(function(*args))


def _places_left(language: str, count: int) -> str:
    with translation.override(language):
        return ngettext("%(count)s place left", "%(count)s places left", count) % {"count": count}


# --- Each kind of change, seen at once everywhere --------------------------------------------


@pytest.mark.django_db
def test_pages_come_from_the_cache_until_something_changes(world):
    """The control: a second reading is served from the cache (the visitor's whole page), so
    the tests below show invalidation, not a cache that does nothing."""
    first = _read_all(world)
    visitor = world["browsers"]["visitor"]

    again = visitor.get("/es/activities/")

    assert again["X-Page-Cache"] == "hit"
    assert _read_all(world) == first
    if world["cache"] == "redis":
        assert "Redis" in type(cache._cache).__name__


@pytest.mark.django_db
def test_a_title_changed_in_one_language_shows_in_that_language_for_everyone(world):
    _read_all(world)
    lead = _browser(world["lead"])
    public = world["public"]
    response = lead.post(
        f"/en/activities/{public.pk}/edit/",
        _edit_data(
            public,
            title_en=public.title_en,
            title_es="Presupuestos para diez años",
            title_fr=public.title_fr,
            capacity="5",
            audience=Audience.PUBLIC,
        ),
    )
    assert response.status_code == 302

    after = _read_all(world)

    for role in ROLES:
        for page in ("list", "detail"):
            assert "Presupuestos para diez años" in after[role, "es", page], (role, page)
            assert "Presupuestos que duran" not in after[role, "es", page], (role, page)
            assert "Presupuestos para diez años" not in after[role, "fr", page], (role, page)
            assert "Des budgets qui durent" in after[role, "fr", page], (role, page)
            assert "Budgets that last" in after[role, "en", page], (role, page)
        # The organisation's profile lists the activities it hosts.
        assert "Presupuestos para diez años" in after[role, "es", "profile"], role


@pytest.mark.django_db
def test_a_new_time_shows_everywhere(world):
    before = _read_all(world)
    assert not any("2031" in text for text in before.values())
    public = world["public"]

    response = _browser(world["lead"]).post(
        f"/en/activities/{public.pk}/edit/",
        _edit_data(
            public,
            title_es=public.title_es,
            title_fr=public.title_fr,
            capacity="5",
            starts_at="2031-05-06T10:00",
            ends_at="2031-05-06T12:00",
        ),
    )
    assert response.status_code == 302
    after = _read_all(world)

    for role in ROLES:
        for language in LANGUAGES:
            for page in ("list", "detail", "profile"):
                assert "2031" in after[role, language, page], (role, language, page)


@pytest.mark.django_db
def test_more_places_show_everywhere(world):
    before = _read_all(world)
    public = world["public"]
    for language in LANGUAGES:
        assert _places_left(language, 5) in before["visitor", language, "detail"]

    response = _browser(world["lead"]).post(
        f"/en/activities/{public.pk}/edit/",
        _edit_data(public, title_es=public.title_es, title_fr=public.title_fr, capacity="12"),
    )
    assert response.status_code == 302
    after = _read_all(world)

    for role in ROLES:
        for language in LANGUAGES:
            for page in ("list", "detail"):
                text = after[role, language, page]
                assert _places_left(language, 12) in text, (role, language, page)
                assert _places_left(language, 5) not in text, (role, language, page)


@pytest.mark.django_db
def test_a_cancellation_shows_everywhere(world):
    _read_all(world)
    public = world["public"]

    activity_services.change_status(
        activity=public,
        to=ActivityStatus.CANCELLED,
        by=world["users"]["staff"],
        reason="The hosts are unwell.",
    )
    after = _read_all(world)

    for role in ROLES:
        for language in LANGUAGES:
            cancelled = _in(language, lambda: ActivityStatus.CANCELLED.label)
            notice = _in(language, gettext, "This activity has been cancelled.")
            assert cancelled in after[role, language, "list"], (role, language)
            assert notice in after[role, language, "detail"], (role, language)
            assert "The hosts are unwell." in after[role, language, "detail"], (role, language)


@pytest.mark.django_db
def test_a_host_that_becomes_hidden_disappears_at_once_for_those_who_may_not_see_it(world):
    before = _read_all(world)
    assert all("Open Circle" in before[role, "es", "list"] for role in ROLES)
    host = world["shared_host"]

    # As the admin or a shell would: a save, no service.
    host.visibility = Visibility.HIDDEN
    host.save()
    after = _read_all_but_the_profile(world)

    for language in LANGUAGES:
        for page in ("list", "detail", "directory", "map"):
            for role in ("visitor", "partner", "other_partner", "hidden_member"):
                assert "Open Circle" not in after[role, language, page], (role, language, page)
            assert "Open Circle" in after["staff", language, page], (language, page)


def _read_all_but_the_profile(world):
    seen = {}
    for role, browser in world["browsers"].items():
        for language in LANGUAGES:
            for page, url in _pages(world, language).items():
                response = browser.get(url)
                if page == "profile":
                    expected = 200 if role == "staff" else 404
                    assert response.status_code == expected, (role, url)
                    continue
                assert response.status_code == 200, (role, url)
                seen[role, language, page] = TOKEN.sub("", text_of(response))
    return seen


@pytest.mark.django_db
def test_a_registration_changes_the_places_for_everyone_and_the_badge_only_for_its_person(
    world,
):
    _read_all(world)
    partner = world["users"]["partner"]

    activity_services.register(activity=world["public"], user=partner)
    after = _read_all(world)

    for language in LANGUAGES:
        registered = _in(language, lambda: RegistrationStatus.CONFIRMED.label)
        for role in ROLES:
            assert _places_left(language, 4) in after[role, language, "detail"], role
            if role != "partner":  # the person registered sees their own status there instead
                assert _places_left(language, 4) in after[role, language, "list"], role
        badge = f'<span class="badge text-bg-success">{registered}</span>'
        assert badge in after["partner", language, "list"], language
        # Same class of viewer, same cached cards: never the other person's badge.
        assert badge not in after["other_partner", language, "list"], language
        assert badge not in after["visitor", language, "list"], language


@pytest.mark.django_db
def test_an_edit_in_the_admin_shows_everywhere(world):
    _read_all(world)
    public = world["public"]
    admin = _browser(StaffFactory(is_superuser=True))

    response = admin.post(
        f"/en/admin/activities/activity/{public.pk}/change/",
        _admin_change_data(public, title_en="Budgets for a decade"),
    )
    assert response.status_code == 302
    after = _read_all(world)

    for role in ROLES:
        for page in ("list", "detail", "profile"):
            assert "Budgets for a decade" in after[role, "en", page], (role, page)


@pytest.mark.django_db
def test_an_activity_that_ends_leaves_the_upcoming_list_with_no_write(world, monkeypatch):
    """Time alone moves an activity from "upcoming" to "past": the cache keeps pages only
    until the next moment an activity starts, ends or closes its registration."""
    visitor = world["browsers"]["visitor"]
    assert "Budgets that last" in text_of(visitor.get("/en/activities/"))
    later = world["public"].ends_at + datetime.timedelta(minutes=1)
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: later if later > real_now() else real_now())

    upcoming = text_of(visitor.get("/en/activities/"))
    past = text_of(visitor.get("/en/activities/?when=past"))

    assert "Budgets that last" not in upcoming
    assert "Budgets that last" in past


# --- What may not be seen never reaches a shared page ----------------------------------------


@pytest.mark.django_db
def test_pages_kept_for_the_community_and_the_team_never_reach_a_visitor(world):
    # Everyone else reads first, in every language: the cache holds their pages.
    for role in ("staff", "hidden_member", "partner"):
        for language in LANGUAGES:
            for url in _pages(world, language).values():
                world["browsers"][role].get(url)
    visitor = world["browsers"]["visitor"]

    for language in LANGUAGES:
        for page, url in _pages(world, language).items():
            text = text_of(visitor.get(url))
            for secret in ("Safe houses", "Quiet circle", "Quiet Collective", "Community Circle"):
                assert secret not in text, (language, page, secret)
        hidden_page = visitor.get(f"/{language}/activities/{world['community'].pk}/")
        assert hidden_page.status_code == 404


@pytest.mark.django_db
def test_a_hidden_organisations_pages_never_reach_another_partner(world):
    member = world["browsers"]["hidden_member"]
    for language in LANGUAGES:
        # The member reads first (the cache holds their pages), and sees their organisation.
        for url in _pages(world, language).values():
            member.get(url)
        for url in (f"/{language}/partners/", f"/{language}/activities/{world['quiet'].pk}/"):
            assert "Quiet Collective" in text_of(member.get(url)), url

    for role in ("visitor", "partner", "other_partner"):
        browser = world["browsers"][role]
        for language in LANGUAGES:
            for url in [
                *_pages(world, language).values(),
                f"/{language}/activities/{world['quiet'].pk}/",
            ]:
                response = browser.get(url)
                assert "Quiet Collective" not in text_of(response), (role, url)


@pytest.mark.django_db
def test_joining_a_hidden_organisation_shows_it_at_once_and_leaving_hides_it(world):
    partner = world["users"]["partner"]
    browser = world["browsers"]["partner"]
    assert "Quiet Collective" not in text_of(browser.get("/en/partners/"))

    membership = MembershipFactory(organisation=world["hidden"], user=partner)
    joined = text_of(browser.get("/en/partners/"))
    membership.delete()
    left = text_of(browser.get("/en/partners/"))

    assert "Quiet Collective" in joined
    assert "Quiet Collective" not in left


@pytest.mark.django_db
def test_a_person_who_becomes_staff_sees_what_the_team_sees_at_once(world):
    partner = world["users"]["partner"]
    browser = world["browsers"]["partner"]
    assert "Quiet Collective" not in text_of(browser.get("/en/partners/"))

    partner.is_staff = True
    partner.save()
    give_authenticator(partner)  # the team signs in with a second factor

    assert "Quiet Collective" in text_of(browser.get("/en/partners/"))


@pytest.mark.django_db
def test_shared_pages_carry_no_csrf_token_and_set_no_cookie_of_anyone_else(world):
    staff = world["browsers"]["staff"]
    staff.get("/en/activities/")
    visitor = world["browsers"]["visitor"]

    for url in _pages(world, "en").values():
        first = visitor.get(url)
        second = visitor.get(url)
        assert second["X-Page-Cache"] == "hit", url
        assert "csrfmiddlewaretoken" not in text_of(second), url
        assert "csrftoken" not in second.cookies, url
        assert first.content == second.content, url


@pytest.mark.django_db
def test_a_first_visit_is_never_kept_nor_served_from_the_cache(world):
    """A first visit carries the stylesheet inline under that response's CSP nonce."""
    world["browsers"]["visitor"].get("/en/activities/")
    first_visit = Client()

    response = first_visit.get("/en/activities/")

    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "ETag" not in response
    nonce = re.search(r'<style nonce="([^"]+)"', text_of(response)).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


# --- Conditional requests --------------------------------------------------------------------


def _again(browser, url, response):
    return browser.get(url, HTTP_IF_NONE_MATCH=response["ETag"])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["visitor", "partner", "staff"])
def test_a_repeat_visit_costs_a_304_until_something_the_viewer_may_see_changes(world, role):
    browser = world["browsers"][role]
    public = world["public"]
    urls = [
        "/fr/activities/",
        f"/fr/activities/{public.pk}/",
        "/fr/activities/feed/",
        "/fr/activities/public.ics",
        f"/fr/activities/{public.pk}/calendar.ics",
        "/fr/partners/",
        "/fr/partners/map/",
        "/fr/partners/open-circle/",
    ]
    browser.get("/fr/activities/")  # the CSRF cookie, which a signed-in page's forms use
    first = {url: browser.get(url) for url in urls}

    repeat = {url: _again(browser, url, response) for url, response in first.items()}
    public.title_fr = "Des budgets pour dix ans"
    public.save()
    changed = {
        url: _again(browser, url, response)
        for url, response in first.items()
        if "partners/" not in url or "open-circle" in url
    }

    for url in urls:
        assert first[url].status_code == 200, url
        assert repeat[url].status_code == 304, url
        assert repeat[url].content == b"", url
        assert repeat[url]["ETag"] == first[url]["ETag"], url
    for url, response in changed.items():
        assert response.status_code == 200, url
        assert response["ETag"] != first[url]["ETag"], url


@pytest.mark.django_db
def test_a_personal_calendar_feed_answers_304_until_the_persons_activities_change(world):
    partner = world["users"]["partner"]
    token = activity_services.rotate_calendar_token(user=partner)
    calendar_app = Client()  # no session: the secret address is the key
    url = f"/calendar/{token}.ics"

    first = calendar_app.get(url)
    repeat = _again(calendar_app, url, first)
    activity_services.register(activity=world["public"], user=partner)
    after = _again(calendar_app, url, first)

    assert first.status_code == 200
    assert repeat.status_code == 304
    assert after.status_code == 200
    assert "Budgets that last" in after.content.decode()
    assert "Budgets that last" not in first.content.decode()


@pytest.mark.django_db
def test_a_page_that_showed_a_message_is_not_answered_304_later(world):
    partner = world["browsers"]["partner"]
    public = world["public"]
    url = f"/en/activities/{public.pk}/"
    partner.get(url)

    partner.post(f"/en/activities/{public.pk}/register/", {}, follow=False)
    with_message = partner.get(url)
    after = partner.get(url)

    assert "You are registered" in text_of(with_message)
    assert "ETag" not in with_message
    assert "You are registered" not in text_of(after)
    assert after.status_code == 200


@pytest.mark.django_db
def test_my_own_registration_changes_my_etag_but_not_anyone_elses_page(world):
    partner, other = world["browsers"]["partner"], world["browsers"]["other_partner"]
    partner.get("/en/activities/")
    other.get("/en/activities/")
    mine, theirs = partner.get("/en/activities/"), other.get("/en/activities/")

    activity_services.register(activity=world["public"], user=world["users"]["partner"])

    assert _again(partner, "/en/activities/", mine).status_code == 200
    # The places left changed for everyone, so their page changed too: a new ETag, a 200.
    assert _again(other, "/en/activities/", theirs).status_code == 200


# --- The keys themselves ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_lost_version_key_never_brings_back_an_old_page(world):
    (before,) = content_cache.versions(content_cache.ACTIVITIES)
    cache.delete("cv:topic:activities")

    (after,) = content_cache.versions(content_cache.ACTIVITIES)

    assert after > before


@pytest.mark.django_db
def test_a_new_release_never_serves_the_previous_ones_pages(world, settings):
    visitor = world["browsers"]["visitor"]
    visitor.get("/en/activities/")
    assert visitor.get("/en/activities/")["X-Page-Cache"] == "hit"

    settings.RELEASE = "next-release"
    content_cache.release.cache_clear()
    try:
        response = visitor.get("/en/activities/")
    finally:
        content_cache.release.cache_clear()

    assert response["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_viewers_who_see_the_same_share_a_class_and_others_do_not(world):
    users = world["users"]
    classes = {role: content_cache.viewer_class(user) for role, user in users.items() if user}
    classes["visitor"] = content_cache.viewer_class(AnonymousUser())

    assert classes["partner"] == classes["other_partner"] == "community"
    assert classes["hidden_member"] == f"community.{world['hidden'].pk}"
    assert classes["staff"] == "staff"
    assert content_cache.viewer_class(UserFactory()).startswith("account.")


@pytest.mark.django_db
def test_the_activity_list_reads_almost_nothing_once_kept(world, django_assert_max_num_queries):
    partner = world["browsers"]["partner"]
    partner.get("/es/activities/")

    # The session (unless sessions are read from Redis) and the person, as on every page;
    # nothing of the cards, nor of the person's own registrations (kept under their version).
    with django_assert_max_num_queries(2):
        response = partner.get("/es/activities/")

    assert response.status_code == 200
    assert "Presupuestos que duran" in text_of(response)


@pytest.mark.django_db
def test_hostile_addresses_are_keyed_by_a_hash_and_answered_like_any_other(world):
    visitor = world["browsers"]["visitor"]
    hostile = "/en/activities/?q=" + "%C3%A9" * 5000 + "%00%0d%0a&page=999999999999999999999"

    first = visitor.get(hostile)
    second = visitor.get(hostile)
    request = RequestFactory().get(hostile)
    request.user = AnonymousUser()

    assert first.status_code in (200, 400)
    assert second.status_code == first.status_code
    assert len(content_cache.key_for(request, "activities:list")) < 80


@pytest.mark.django_db
def test_a_kept_activity_page_shows_each_person_only_their_own_parts(world):
    """The host reads first; the next partner gets the same kept page with their own box: no
    meeting link, no hosts' links, and a form signed with their own CSRF token, which works."""
    public = world["public"]
    url = f"/en/activities/{public.pk}/"
    host = _browser(world["lead"])
    host_page = text_of(host.get(url))
    other = Client(enforce_csrf_checks=True)
    other.cookies[COOKIE] = current_version()
    other.force_login(world["users"]["other_partner"])
    other.get("/en/activities/")  # a CSRF cookie, as any earlier page gives

    response = other.get(url)
    page = text_of(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', page).group(1)
    registered = other.post(f"/en/activities/{public.pk}/register/", {"csrfmiddlewaretoken": token})

    assert "meet.example/secret-room" in host_page
    assert "Edit the activity" in host_page
    assert response["X-Page-Cache"] == "hit"
    assert "meet.example/secret-room" not in page
    assert "Edit the activity" not in page
    assert "Shown here once you are registered." in page
    assert "__ll_csrf_token__" not in page
    assert registered.status_code == 302
    assert "meet.example/secret-room" in text_of(other.get(url))


@pytest.mark.django_db
def test_a_team_member_without_the_admin_never_gets_the_admin_link_of_one_with_it(world):
    with_admin = _browser(StaffFactory(is_superuser=True))
    without = world["browsers"]["staff"]
    assert "/admin/" in text_of(with_admin.get("/en/activities/"))

    response = without.get("/en/activities/")

    assert 'href="/en/admin/"' not in text_of(response)


@pytest.mark.django_db
def test_a_lead_who_steps_down_loses_the_hosts_links_at_once(world):
    public = world["public"]
    url = f"/en/activities/{public.pk}/"
    lead = _browser(world["lead"])
    assert "Edit the activity" in text_of(lead.get(url))
    membership = world["lead"].memberships.get()

    membership.role = MembershipRole.MEMBER
    membership.save()

    assert "Edit the activity" not in text_of(lead.get(url))
    assert "meet.example/secret-room" not in text_of(lead.get(url))


@pytest.mark.django_db
def test_after_a_database_restore_one_command_makes_every_kept_page_stale(world):
    visitor = world["browsers"]["visitor"]
    visitor.get("/en/activities/")
    assert visitor.get("/en/activities/")["X-Page-Cache"] == "hit"
    # A restore (or an UPDATE in SQL) changes rows without any signal.
    Activity.objects.filter(pk=world["public"].pk).update(title_en="Restored title")

    call_command("bump_page_cache", stdout=StringIO())
    response = visitor.get("/en/activities/")

    assert response["X-Page-Cache"] == "miss"
    assert "Restored title" in text_of(response)
