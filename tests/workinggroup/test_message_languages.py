"""The team's message to a proposer (and to a recommendation's supporters) reaches each reader in
their language when the team wrote a version in it, else in the original with a note of its
language; the form says which languages its readers read."""

import pytest
from django.core import mail

from notifications.models import Delivery
from partners.enums import Visibility
from tests.factories import (
    ItemFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    ProposalFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import text_of, translated
from workinggroup import services
from workinggroup.enums import ItemState
from workinggroup.exceptions import WorkingGroupError
from workinggroup.models import ModerationLog, Support


def _act(client, item, action, language="en", **data):
    item.refresh_from_db()
    return client.post(
        f"/{language}/working-group/items/{item.pk}/act/",
        {"action": action, "version": item.version, **data},
    )


def _supporters(item, *languages):
    for language in languages:
        Support.objects.create(item=item, user=PartnerFactory(language=language))


@pytest.mark.django_db
def test_moderation_form_says_which_languages_the_proposer_and_supporters_read(client):
    item = ItemFactory(proposer=UserFactory(language="es"))
    _supporters(item, "fr", "fr", "en")
    Support.objects.create(item=item, user=PartnerFactory(language="fr", is_active=False))
    client.force_login(StaffFactory())

    page = text_of(client.get(f"/en/working-group/items/{item.pk}/"))

    # Every staff action's form (put on the agenda, request changes, merge, hide) names the
    # proposer's language; merge the supporters' too, the inactive one not counted. Approving
    # and declining are the Working Group's decisions, not forms of the team.
    assert page.count("The proposer reads Spanish.") == 4
    assert page.count("The 3 people who support it read: French (2), English (1).") == 1


@pytest.mark.django_db
def test_moderation_form_names_the_languages_in_the_staff_members_language(client):
    item = ProposalFactory(proposer=UserFactory(language="fr"))
    client.force_login(StaffFactory(language="es"))

    page = text_of(client.get(f"/es/working-group/items/{item.pk}/"))

    sentence = translated("es", "The proposer reads %(language)s.") % {
        "language": translated("es", "French", "language name inside a sentence")
    }
    assert sentence in page
    # The staff member writes in Spanish; the other languages are folded away, labelled.
    assert 'name="message_language" value="es"' in page
    assert 'name="message_en"' in page and 'name="message_fr"' in page
    assert 'name="message_es"' not in page


@pytest.mark.django_db
def test_form_says_nobody_is_emailed_when_the_proposer_is_gone(client):
    item = ItemFactory()
    item.proposer = None
    item.save()
    client.force_login(StaffFactory())

    page = text_of(client.get(f"/en/working-group/items/{item.pk}/"))

    assert "Nobody will be emailed: the message is shown on the item’s page." in page


@pytest.mark.django_db
def test_versions_in_several_languages_are_saved_and_each_reader_gets_theirs(
    client, django_capture_on_commit_callbacks
):
    item = ItemFactory(proposer=UserFactory(language="es"))
    _supporters(item, "en", "fr")
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = _act(
            client,
            item,
            "merge",
            merge_into=ItemFactory().pk,
            message="We fund this already through another programme.",
            message_language="en",
            message_es="Ya lo financiamos con otro programa.",
        )

    entry = ModerationLog.objects.get(action="merge")
    mails = {message.to[0]: message.body for message in mail.outbox}
    supporters = {s.user.language: s.user.email for s in item.supports.select_related("user")}
    assert response.status_code == 302
    assert (entry.message_en, entry.message_es, entry.message_fr) == (
        "We fund this already through another programme.",
        "Ya lo financiamos con otro programa.",
        "",
    )
    spanish = mails[item.proposer.email]
    assert "Ya lo financiamos con otro programa." in spanish
    assert "We fund this already" not in spanish
    assert translated("es", "Originally written in Spanish.") not in spanish
    english = mails[supporters["en"]]
    assert "We fund this already through another programme." in english
    assert "Originally written in" not in english
    # French: no French version; the nearest (Spanish) with a note of its language, in French.
    french = mails[supporters["fr"]]
    assert "Ya lo financiamos con otro programa." in french
    assert f"({translated('fr', 'Originally written in Spanish.')})" in french


@pytest.mark.django_db
def test_a_message_in_english_only_reaches_a_spanish_proposer_with_the_note(
    client, django_capture_on_commit_callbacks
):
    item = ProposalFactory(proposer=UserFactory(language="es"))
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        _act(client, item, "request_changes", message="Two possible dates, please.")

    body = mail.outbox[0].body
    assert "Two possible dates, please." in body
    assert f"({translated('es', 'Originally written in English.')})" in body


@pytest.mark.django_db
def test_item_page_shows_the_viewers_version_or_the_original_with_its_language(client):
    item = ProposalFactory(proposer=UserFactory(language="es"))
    staff = StaffFactory()
    services.transition(
        item=item,
        action="request_changes",
        by=staff,
        version=None,
        message={"en": "Two dates, please.", "es": "Dos fechas, por favor."},
    )
    client.force_login(item.proposer)

    spanish = text_of(client.get(f"/es/working-group/items/{item.pk}/"))
    french = text_of(client.get(f"/fr/working-group/items/{item.pk}/"))

    assert '<span lang="es">Dos fechas, por favor.</span>' in spanish
    assert "Two dates, please." not in spanish
    assert translated("es", "Originally written in Spanish.") not in spanish
    # French: the Spanish version (nearest first), marked as Spanish and noted.
    assert '<span lang="es">Dos fechas, por favor.</span>' in french
    assert translated("fr", "Originally written in Spanish.") in french


@pytest.mark.django_db
def test_the_message_rule_holds_across_languages(client):
    item = ProposalFactory()
    client.force_login(StaffFactory())

    empty = _act(client, item, "request_changes", message="  ", message_es="", message_fr="\n")
    only_french = _act(client, item, "request_changes", message="", message_fr="Non, merci.")

    entry = ModerationLog.objects.get()
    assert empty.status_code == 400
    assert "Write a message for the proposer: they will read it." in text_of(empty)
    assert only_french.status_code == 302
    assert (entry.message_en, entry.message_fr) == ("", "Non, merci.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("message_fr", "Bonjour\x00 caché"),
        ("message", "Escape \x1b[31m red"),
        ("message_en", "x" * 5001),
        ("message", "y" * 5001),
    ],
)
def test_hostile_messages_are_a_translated_400_and_nothing_is_saved_or_lost(client, field, text):
    item = ProposalFactory()
    client.force_login(StaffFactory(language="es"))
    data = {"message": "Este texto no se pierde.", "message_en": "Kept too", "message_fr": "Aussi"}
    data[field] = text

    response = _act(client, item, "request_changes", language="es", **data)

    item.refresh_from_db()
    page = text_of(response)
    assert response.status_code == 400
    assert item.state == ItemState.SUBMITTED
    assert not ModerationLog.objects.exists()
    assert not Delivery.objects.exists()
    # What was typed comes back, in the language it was typed in.
    assert 'name="message_language" value="es"' in page
    for value in data.values():
        if value != text:
            assert value in page
    if len(text) < 5000:
        assert (
            translated(
                "es",
                "This text contains invisible control characters. Remove them and try again.",
            )
            in page
        )


@pytest.mark.django_db
def test_service_refuses_hostile_versions_sent_around_the_form():
    item = ProposalFactory()

    with pytest.raises(WorkingGroupError) as refused:
        services.transition(
            item=item,
            action="request_changes",
            by=StaffFactory(),
            version=item.version,
            message={"en": "Fine", "fr": "Caché\x07"},
        )

    assert refused.value.status_code == 400
    assert refused.value.message == (
        "This text contains invisible control characters. Remove them and try again."
    )
    assert not ModerationLog.objects.exists()


@pytest.mark.django_db
def test_stale_page_with_versions_is_refused_and_nothing_saved(client):
    item = ProposalFactory()
    client.force_login(StaffFactory())
    stale = item.version
    item.version += 1
    item.save()

    response = client.post(
        f"/en/working-group/items/{item.pk}/act/",
        {"action": "request_changes", "version": stale, "message": "No", "message_es": "No"},
    )

    assert response.status_code == 409
    assert not ModerationLog.objects.exists()


def _hidden_member():
    return MembershipFactory(organisation=OrganisationFactory(visibility=Visibility.HIDDEN)).user


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who",
    [
        "partner",
        "proposer",
        "other organisation's partner",
        "hidden organisation member",
        "working group member",
    ],
)
def test_only_staff_send_moderation_messages(client, who):
    item = ProposalFactory()
    user = {
        "partner": lambda: MembershipFactory(organisation=item.organisation).user,
        "proposer": lambda: item.proposer,
        "other organisation's partner": lambda: PartnerFactory(),
        "hidden organisation member": _hidden_member,
        "working group member": lambda: PartnerFactory(is_working_group_member=True),
    }[who]()
    client.force_login(user)

    response = _act(
        client, item, "request_changes", message="No", message_es="No", message_fr="Non"
    )

    item.refresh_from_db()
    assert response.status_code == 403
    assert "You cannot do this with this item." in text_of(response)
    assert item.state == ItemState.SUBMITTED
    assert not ModerationLog.objects.exists()


@pytest.mark.django_db
def test_visitors_cannot_send_moderation_messages(client):
    item = ProposalFactory()

    response = _act(client, item, "request_changes", message="No", message_es="No")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert not ModerationLog.objects.exists()


@pytest.mark.django_db
def test_partners_see_no_moderation_form_nor_readers_languages(client):
    item = ItemFactory(proposer=UserFactory(language="es"))
    client.force_login(PartnerFactory())

    page = text_of(client.get(f"/en/working-group/items/{item.pk}/"))

    assert "The proposer reads" not in page
    assert 'name="message_es"' not in page
