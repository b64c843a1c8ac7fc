"""A private activity (a peer-mentoring session) is seen only by the people invited to it
(registered) and the team: no list, page, feed, calendar, home or hook shows it to anyone else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from activities import permissions
from activities.enums import ActivityType, Audience
from activities.selectors import activities_visible_to, public_upcoming
from activities.services import rotate_calendar_token
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    RegistrationFactory,
    StaffFactory,
    UserFactory,
)

TITLE = "Private session canary"


@pytest.fixture
def private():
    activity = ActivityFactory(
        type=ActivityType.PEER_MENTORING, audience=Audience.PRIVATE, title_en=TITLE, hosts=[]
    )
    first, second = MembershipFactory().user, MembershipFactory().user
    RegistrationFactory(activity=activity, user=first)
    RegistrationFactory(activity=activity, user=second)
    return activity, first, second


@pytest.mark.django_db
def test_private_activity_visible_only_to_the_invited_and_staff(private):
    activity, first, second = private
    outsiders = [AnonymousUser(), UserFactory(), MembershipFactory().user]
    for user in outsiders:
        assert not activities_visible_to(user=user).filter(pk=activity.pk).exists()
        assert permissions.can_view_activity(user, activity) is False
    for user in (first, second, StaffFactory()):
        assert activities_visible_to(user=user).filter(pk=activity.pk).exists()
        assert permissions.can_view_activity(user, activity) is True
    assert activity not in list(public_upcoming())


@pytest.mark.django_db
def test_private_activity_absent_from_every_page_of_another_partner(client, private):
    activity, _first, _second = private
    outsider = MembershipFactory().user
    client.force_login(outsider)
    pages = [
        reverse("activities:list"),
        reverse("activities:list") + "?when=past",
        reverse("activities:mine"),
        reverse("activities:public_ics"),
        reverse("activities:feed"),
        reverse("portal:home"),
        reverse("resources:list"),
        reverse("campaigns:list"),
        reverse("campaigns:calendar"),
        reverse("campaigns:ics"),
        reverse("convenings:list"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert TITLE not in response.content.decode(), url
    for name in ("activities:detail", "activities:ics"):
        assert client.get(reverse(name, kwargs={"pk": activity.pk})).status_code == 404
    response = client.post(reverse("activities:register", kwargs={"pk": activity.pk}))
    assert response.status_code in (403, 404)
    assert activity.registrations.filter(user=outsider).exists() is False


@pytest.mark.django_db
def test_private_activity_shown_to_the_invited(client, private):
    activity, first, _second = private
    client.force_login(first)
    assert (
        TITLE
        in client.get(reverse("activities:detail", kwargs={"pk": activity.pk})).content.decode()
    )
    assert TITLE in client.get(reverse("activities:mine")).content.decode()
    token = rotate_calendar_token(user=first)
    feed = client.get(reverse("personal_calendar", kwargs={"token": token}))
    assert TITLE in feed.content.decode()
    client.logout()
    assert TITLE not in client.get(reverse("activities:public_ics")).content.decode()


@pytest.mark.django_db
def test_activity_forms_never_offer_the_private_audience():
    from activities.forms import ActivityForm

    form = ActivityForm(user=StaffFactory())
    assert Audience.PRIVATE not in dict(form.fields["audience"].choices)


@pytest.mark.django_db
def test_private_activity_is_never_offered_to_a_campaign_or_a_convening(private):
    from campaigns.selectors import _listed_activities
    from convenings.selectors import attachable_activities
    from tests.factories import ConveningFactory

    activity, _first, _second = private
    staff = StaffFactory()
    assert not _listed_activities(staff).filter(pk=activity.pk).exists()
    convening = ConveningFactory(
        starts_on=activity.starts_at.date(), ends_on=activity.starts_at.date()
    )
    assert activity not in list(attachable_activities(convening=convening))
