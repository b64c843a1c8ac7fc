import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from accounts.models import User
from partners.models import Membership, Organisation


def _counts():
    return (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        EmailAddress.objects.count(),
    )


@pytest.mark.django_db
def test_demo_data_loads_a_community_and_is_idempotent(settings, client):
    settings.DEBUG = True

    call_command("load_demo_data", verbosity=0)
    first = _counts()
    passwords = dict(User.objects.values_list("email", "password"))
    call_command("load_demo_data", verbosity=0)

    assert _counts() == first
    assert dict(User.objects.values_list("email", "password")) == passwords
    assert first[1] >= 6
    assert len(set(Organisation.objects.values_list("country", flat=True))) >= 6
    assert set(User.objects.values_list("language", flat=True)) == {"en", "es", "fr"}
    assert User.objects.filter(is_staff=True).exists()
    assert set(Organisation.objects.values_list("visibility", flat=True)) == {
        "public",
        "community",
        "hidden",
    }
    assert set(Organisation.objects.values_list("region", flat=True)) >= {
        "latin_america",
        "west_central_africa",
        "east_southern_africa",
        "south_asia",
    }
    assert all(organisation.focus_areas.exists() for organisation in Organisation.objects.all())


@pytest.mark.django_db
def test_demo_partner_can_sign_in_with_printed_password(settings, client):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)

    response = client.post(
        "/en/accounts/login/",
        {"login": "ana@mujeresunidas.example", "password": "learninglab-demo"},
    )

    assert response["Location"] == "/es/"


@pytest.mark.django_db
def test_demo_data_refuses_production_configuration(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("load_demo_data", verbosity=0)

    assert User.objects.count() == 0


@pytest.mark.django_db
def test_demo_data_goes_through_the_services(settings):
    from activities.models import Registration
    from notifications.enums import Kind
    from notifications.models import Delivery
    from workinggroup.enums import Action, ItemState
    from workinggroup.models import Item, ModerationLog

    settings.DEBUG = True

    call_command("load_demo_data", verbosity=0)

    upcoming = Registration.objects.filter(activity__status="scheduled", status="confirmed")
    assert upcoming.exists()
    armed = set(
        Delivery.objects.filter(kind=Kind.REMINDER).values_list("registration_id", flat=True)
    )
    assert set(upcoming.values_list("pk", flat=True)) <= armed
    on_agenda = Item.objects.get(state=ItemState.ON_AGENDA)
    assert list(
        ModerationLog.objects.filter(item=on_agenda).order_by("pk").values_list("action", flat=True)
    ) == [Action.SUBMIT, Action.PUT_ON_AGENDA]
    assert on_agenda.agenda_entries.count() == 1
