"""The page shell: who is offered the administration, the menu, the icons."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from accounts import permissions
from tests.factories import ActivityFactory, MembershipFactory, StaffFactory, UserFactory

ADMIN_LINK = 'href="/en/admin/"'


def _staff_with_permission():
    staff = StaffFactory()
    staff.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    return staff


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("visitor", False),
        ("partner", False),
        ("inactive superuser", False),
        ("staff without any admin permission", False),
        ("staff with one permission", True),
        ("superuser", True),
    ],
)
def test_administration_is_offered_only_to_those_who_can_do_something_there(who, expected):
    user = {
        "visitor": lambda: AnonymousUser(),
        "partner": lambda: MembershipFactory().user,
        "inactive superuser": lambda: StaffFactory(is_active=False, is_superuser=True),
        "staff without any admin permission": lambda: StaffFactory(),
        "staff with one permission": _staff_with_permission,
        "superuser": lambda: StaffFactory(is_superuser=True),
    }[who]()

    assert permissions.can_use_admin(user) is expected


@pytest.mark.django_db
def test_the_menu_links_the_administration_only_for_staff_with_a_permission(client):
    client.force_login(StaffFactory())
    without = client.get("/en/").content.decode()
    client.force_login(_staff_with_permission())
    with_permission = client.get("/en/").content.decode()
    client.force_login(UserFactory())
    partner = client.get("/en/").content.decode()

    assert ADMIN_LINK not in without
    assert ADMIN_LINK in with_permission
    assert ADMIN_LINK not in partner


def test_favicon_ico_leads_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.ico"


@pytest.mark.django_db
def test_every_page_links_the_icons_the_manifest_and_the_purged_stylesheet(client):
    page = client.get("/en/").content.decode()

    assert '<link rel="icon" href="data:image/svg+xml,' in page
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in page
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in page
    assert '<link rel="manifest" href="/static/manifest.webmanifest">' in page
    # The one stylesheet (inline on a first visit: tests/core/test_css.py).
    assert page.count('rel="stylesheet"') == 1
    assert '<link rel="stylesheet" href="/static/css/site.css">' in page
    assert "bootstrap.min.css" not in page


@pytest.mark.django_db
def test_the_menu_is_a_disclosure_and_marks_the_current_section(client):
    page = client.get("/en/activities/").content.decode()
    menu = page[page.index('<details class="site-menu">') : page.index("</nav>\n      </details>")]

    assert '<summary class="site-menu-toggle">' in menu
    assert '<a href="/en/activities/" aria-current="page">Activities</a>' in menu
    assert '<a href="/en/" aria-current="page">' not in menu
    assert "language-switcher" not in menu  # always in reach, outside the menu
    assert page.index('class="language-switcher"') < page.index('<details class="site-menu">')


@pytest.mark.django_db
def test_account_items_are_grouped_in_their_own_disclosure(client):
    client.force_login(UserFactory())

    page = client.get("/en/accounts/profile/").content.decode()
    account = page[page.index('<details class="account-menu">') :]

    assert '<summary class="is-current">My account</summary>' in account
    assert '<a href="/en/accounts/profile/" aria-current="page">My profile</a>' in account
    assert 'action="/en/accounts/logout/"' in account


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "weekday", "month"),
    [("en", "Tue", "Mar"), ("es", "mar", "mar"), ("fr", "mar.", "mars")],
)
def test_the_card_date_block_says_the_day_in_the_viewers_zone_and_language(
    client, language, weekday, month
):
    # 20:00 UTC on Monday 1 March is already Tuesday 2 March in Kathmandu (UTC+5:45).
    start = datetime.datetime(2027, 3, 1, 20, 0, tzinfo=datetime.UTC)
    ActivityFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1), audience="public")
    viewer = UserFactory(language=language, timezone="Asia/Kathmandu")
    client.force_login(MembershipFactory(user=viewer).user)

    page = client.get(f"/{language}/activities/").content.decode()

    assert (
        f'<div class="date-block" aria-hidden="true"><span class="date-block-weekday">{weekday}'
        f'</span><span class="date-block-day">2</span><span class="date-block-month">{month}'
        "</span></div>"
    ) in page
