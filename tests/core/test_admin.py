import pytest

from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/en/admin/",
        "/en/admin/accounts/user/",
        "/en/admin/accounts/invitation/",
        "/en/admin/partners/organisation/",
        "/en/admin/partners/membership/",
        "/en/admin/partners/organisation/add/",
        "/en/admin/partners/focusarea/",
        "/en/admin/partners/focusarea/1/change/",
        "/en/admin/partners/workinglanguage/",
        "/en/admin/activities/activity/",
        "/en/admin/activities/activity/add/",
        "/en/admin/activities/registration/",
        "/en/admin/activities/calendartoken/",
        "/en/admin/workinggroup/item/",
        "/en/admin/workinggroup/meeting/",
        "/en/admin/workinggroup/moderationlog/",
        "/en/admin/workinggroup/comment/",
    ],
)
def test_admin_pages_open_for_superuser(client, url):
    MembershipFactory()
    client.force_login(StaffFactory(is_superuser=True))

    response = client.get(url)

    assert response.status_code == 200


@pytest.mark.django_db
def test_organisation_admin_has_a_tab_per_language(client):
    organisation = OrganisationFactory()
    client.force_login(StaffFactory(is_superuser=True))

    response = client.get(f"/en/admin/partners/organisation/{organisation.pk}/change/")

    body = response.content.decode()
    for language in ("en", "es", "fr"):
        assert f'name="description_{language}"' in body
        assert f'name="mission_{language}"' in body
    assert "vendor/jquery-ui/jquery-ui.min.js" in body
    assert "googleapis" not in body


@pytest.mark.django_db
def test_partner_is_refused_the_admin(client):
    client.force_login(MembershipFactory().user)

    response = client.get("/en/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/")
