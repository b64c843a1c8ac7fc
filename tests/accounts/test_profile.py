"""A person's display name, language and time zone: saved, and used on every page."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from tests.utils import text_of, translated

PROFILE = "/en/accounts/profile/"


@pytest.mark.django_db
def test_time_zone_changes_how_times_are_shown(client):
    moment = datetime.datetime(2026, 11, 23, 18, 30, tzinfo=datetime.UTC)
    user = UserFactory(timezone="UTC", last_login=moment)
    client.force_login(user)
    user.__class__.objects.filter(pk=user.pk).update(last_login=moment)

    in_utc = text_of(client.get(PROFILE))
    user.__class__.objects.filter(pk=user.pk).update(timezone="Asia/Kathmandu")
    in_kathmandu = text_of(client.get(PROFILE))

    assert "Monday, November 23, 2026, 6:30\u202fPM (UTC)" in in_utc
    assert "Tuesday, November 24, 2026, 12:15\u202fAM (Kathmandu time)" in in_kathmandu


@pytest.mark.django_db
def test_profile_save_changes_language_and_redirects_into_it(client):
    user = UserFactory(language="en")
    client.force_login(user)

    response = client.post(
        PROFILE, {"display_name": "Ana T.", "language": "es", "timezone": "America/Guatemala"}
    )
    page = client.get(response["Location"])

    user.refresh_from_db()
    assert response["Location"] == "/es/accounts/profile/"
    assert response.cookies["django_language"].value == "es"
    assert (user.display_name, user.language, user.timezone) == (
        "Ana T.",
        "es",
        "America/Guatemala",
    )
    assert translated("es", "Your profile has been saved.") in text_of(page)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_profile_bad_input_is_400_with_translated_errors_and_nothing_lost(client, language):
    user = UserFactory(display_name="Original", timezone="Africa/Dakar")
    client.force_login(user)

    response = client.post(
        f"/{language}/accounts/profile/",
        {"display_name": "", "language": "xx", "timezone": "Mars/Olympus"},
    )

    user.refresh_from_db()
    body = text_of(response)
    assert response.status_code == 400
    assert translated(language, "This field is required.") in body
    assert (user.display_name, user.timezone) == ("Original", "Africa/Dakar")


@pytest.mark.django_db
def test_profile_requires_sign_in(client):
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={PROFILE}"


@pytest.mark.django_db
def test_visitor_time_zone_cookie_is_used_and_bad_one_ignored(client, rf):
    from core.middleware import TimezoneMiddleware

    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        from django.http import HttpResponse

        return HttpResponse()

    from django.contrib.auth.models import AnonymousUser

    for cookie, expected in [
        ("America%2FBogota", "America/Bogota"),
        ("../../etc/passwd", "UTC"),
        ("", "UTC"),
    ]:
        request = rf.get("/")
        request.user = AnonymousUser()
        request.COOKIES["tz"] = cookie
        TimezoneMiddleware(view)(request)
        assert seen["zone"] == expected
