"""Follow-up actions of approved recommendations: the done notice, languages, hidden people."""

import pytest
from django.core import mail

from notifications.models import Delivery
from partners.enums import Visibility
from tests.factories import (
    ItemFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import text_of, translated
from workinggroup.enums import ItemState
from workinggroup.models import FollowUp, Support


def _approved():
    return ItemFactory(state=ItemState.APPROVED, proposer=UserFactory(language="es"))


def _save(client, item, follow_up=None, language="en", **data):
    url = f"/{language}/working-group/items/{item.pk}/follow-ups/"
    if follow_up is not None:
        url += f"{follow_up.pk}/"
    payload = {"description_en": "Shorter calls", "owner": "The team", "status": "planned"}
    return client.post(url, {**payload, **data})


@pytest.mark.django_db
def test_done_tells_each_supporter_and_the_proposer_once_in_their_language(
    client, django_capture_on_commit_callbacks
):
    item = _approved()
    french = PartnerFactory(language="fr")
    Support.objects.create(item=item, user=french)
    client.force_login(StaffFactory())
    _save(client, item)
    follow_up = FollowUp.objects.get()
    assert not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        response = _save(client, item, follow_up, status="done")
        _save(client, item, follow_up, status="done", owner="Still the team")

    mails = {message.to[0]: message.body for message in mail.outbox}
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert Delivery.objects.filter(kind="follow_up_done").count() == 2
    assert translated("es", "See everything the Lab does about it:") in mails[item.proposer.email]
    assert translated("fr", "See everything the Lab does about it:") in mails[french.email]
    assert "Shorter calls" in mails[french.email]
    follow_up.refresh_from_db()
    assert follow_up.done_on is not None


@pytest.mark.django_db
def test_a_hidden_supporter_is_never_named(client):
    item = _approved()
    hidden = MembershipFactory(
        organisation=OrganisationFactory(visibility=Visibility.HIDDEN, name="Secret Org"),
        user=UserFactory(display_name="Hidda Secretson", email="hidda@secret.example"),
    ).user
    Support.objects.create(item=item, user=hidden)
    FollowUp.objects.create(item=item, description_en="Act", owner="The team")
    client.force_login(PartnerFactory())

    for url in (f"/en/working-group/items/{item.pk}/", "/en/what-we-heard/"):
        body = text_of(client.get(url))
        assert "Act" in body
        assert "Secretson" not in body
        assert "Secret Org" not in body
        assert "hidda@secret" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"description_en": ""},
        {"owner": ""},
        {"description_en": "x" * 2000},
        {"owner": "Ctrl\x1b"},
        {"status": "finished"},
        {"due_on": "99999-01-01"},
    ],
)
def test_bad_input_is_a_translated_400(client, data):
    item = _approved()
    client.force_login(StaffFactory(language="fr"))

    response = _save(client, item, language="fr", **data)

    assert response.status_code == 400
    assert 'lang="fr"' in text_of(response)
    assert not FollowUp.objects.exists()


@pytest.mark.django_db
def test_only_approved_recommendations_get_follow_ups(client):
    item = ItemFactory()
    client.force_login(StaffFactory(language="es"))

    response = _save(client, item, language="es")

    assert response.status_code == 409
    assert translated("es", "Follow-up actions are for approved recommendations.") in text_of(
        response
    )


@pytest.mark.django_db
def test_follow_ups_show_on_the_item_page_in_the_readers_language(client):
    item = _approved()
    FollowUp.objects.create(
        item=item, description_en="Shorter calls", description_es="Llamadas más cortas", owner="T"
    )
    client.force_login(PartnerFactory(language="es"))

    body = text_of(client.get(f"/es/working-group/items/{item.pk}/"))

    assert "Llamadas más cortas" in body
    assert translated("es", "Planned", "follow-up status") in body
