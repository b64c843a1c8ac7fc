"""The Working Group pages as HTML: no id twice on a page, a bounded number of queries whatever
the number of rows, and an edit that cannot skip the stale-page check."""

import datetime
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from tests.factories import (
    ItemFactory,
    MeetingFactory,
    MembershipFactory,
    PartnerFactory,
    ProposalFactory,
    StaffFactory,
)
from tests.utils import text_of, translated
from workinggroup import services
from workinggroup.enums import ItemState, MeetingState
from workinggroup.models import AgendaEntry, Comment, Item, Meeting, ModerationLog

STALE = (
    "This item changed while you were looking at it. The page now shows it as it is: "
    "check it, then try again."
)


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id"]


def duplicate_ids(response) -> list[str]:
    parser = _Ids()
    parser.feed(response.content.decode())
    return sorted({value for value in parser.ids if parser.ids.count(value) > 1})


# --- Unique ids --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_item_page_with_every_moderation_form_repeats_no_id(client):
    item = ProposalFactory(state=ItemState.SUBMITTED)
    MeetingFactory()  # a draft meeting: "put on the agenda" shows its meeting field
    ItemFactory()  # something to merge into
    Comment.objects.create(item=item, author=item.proposer, body="First comment")
    client.force_login(StaffFactory())

    response = client.get(f"/en/working-group/items/{item.pk}/")

    assert response.status_code == 200
    assert 'id="id_request_changes_message"' in response.content.decode()
    assert 'id="id_hide_message"' in response.content.decode()
    assert duplicate_ids(response) == []


@pytest.mark.django_db
def test_item_page_shown_again_after_a_refused_action_repeats_no_id(client):
    item = ItemFactory()
    client.force_login(StaffFactory())

    response = client.post(
        f"/en/working-group/items/{item.pk}/act/",
        {"action": "request_changes", "version": item.version, "message": "  "},
    )

    item.refresh_from_db()
    assert response.status_code == 400
    assert "Write a message for the proposer: they will read it." in text_of(response)
    assert item.state == ItemState.SUBMITTED
    assert duplicate_ids(response) == []


@pytest.mark.django_db
def test_agenda_page_with_an_outcome_form_per_entry_repeats_no_id(client):
    meeting = MeetingFactory()
    for position in (1, 2, 3):
        AgendaEntry.objects.create(meeting=meeting, position=position, title_en=f"Entry {position}")
    Comment.objects.create(meeting=meeting, author=StaffFactory(), body="Before the meeting")
    client.force_login(StaffFactory())

    response = client.get(f"/en/working-group/meetings/{meeting.pk}/")

    assert response.status_code == 200
    assert "Before the meeting" in text_of(response)
    assert duplicate_ids(response) == []


@pytest.mark.django_db
def test_refused_outcome_shows_the_agenda_again_with_the_message(client):
    meeting = MeetingFactory()
    entry = AgendaEntry.objects.create(meeting=meeting, position=1, title_en="Entry")
    client.force_login(StaffFactory())

    response = client.post(
        f"/en/working-group/meetings/{meeting.pk}/entries/{entry.pk}/outcome/",
        {f"entry-{entry.pk}-decision": "not a decision", f"entry-{entry.pk}-language": "en"},
    )

    entry.refresh_from_db()
    assert response.status_code == 400
    assert "The outcome could not be saved: check the fields." in text_of(response)
    assert entry.decision == ""
    assert duplicate_ids(response) == []


# --- The stale-page check cannot be skipped when editing ---------------------------------------


def _edit(client, item, **changes):
    data = {
        "language": "en",
        "title": "Changed title",
        "description": "Changed",
        **changes,
    }
    return client.post(f"/en/working-group/items/{item.pk}/edit/", data)


@pytest.mark.django_db
def test_edit_without_a_version_is_refused_as_stale(client):
    item = ItemFactory(state=ItemState.DRAFT, kind="recommendation", title_en="Original")
    client.force_login(item.proposer)

    response = _edit(client, item)

    item.refresh_from_db()
    assert response.status_code == 409
    assert STALE in text_of(response)
    assert item.title_en == "Original"


@pytest.mark.django_db
def test_edit_from_an_older_version_is_refused_as_stale(client):
    item = ItemFactory(state=ItemState.DRAFT, kind="recommendation", title_en="Original")
    Item.objects.filter(pk=item.pk).update(version=item.version + 1)
    client.force_login(item.proposer)

    response = _edit(client, item, version=item.version)

    item.refresh_from_db()
    assert response.status_code == 409
    assert STALE in text_of(response)
    assert item.title_en == "Original"


@pytest.mark.django_db
def test_edit_with_the_current_version_is_saved(client):
    item = ItemFactory(state=ItemState.DRAFT, kind="recommendation", title_en="Original")
    client.force_login(item.proposer)

    response = _edit(client, item, version=item.version)

    before = item.version
    item.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/en/working-group/items/{item.pk}/"
    assert (item.title_en, item.version) == ("Changed title", before + 1)


@pytest.mark.django_db
def test_update_service_refuses_a_missing_version():
    item = ItemFactory(state=ItemState.DRAFT, kind="recommendation", title_en="Original")

    with pytest.raises(services.WorkingGroupError) as refused:
        services.update_item(
            item=item,
            by=item.proposer,
            version=None,
            language="en",
            data={"title": "Changed", "description": "Changed"},
        )

    item.refresh_from_db()
    assert (refused.value.status_code, refused.value.message) == (409, STALE)
    assert item.title_en == "Original"


@pytest.mark.django_db
def test_stale_refusal_is_translated(client):
    item = ItemFactory(state=ItemState.DRAFT, kind="recommendation")
    client.force_login(item.proposer)

    response = client.post(
        f"/fr/working-group/items/{item.pk}/edit/",
        {"language": "fr", "title": "Titre", "description": "Texte"},
    )

    assert response.status_code == 409
    assert translated("fr", STALE) in text_of(response)


# --- Query counts ------------------------------------------------------------------------------


def _items(count, proposer=None, organisation=None):
    membership = MembershipFactory() if proposer is None else None
    proposer = proposer or membership.user
    organisation = organisation or membership.organisation
    Item.objects.bulk_create(
        Item(
            kind="recommendation" if n % 2 else "proposal",
            state="submitted",
            title_en=f"Item {n}",
            description_en="d",
            original_language="en",
            proposer=proposer,
            organisation=organisation,
            submitted_at=timezone.now(),
        )
        for n in range(count)
    )
    return list(Item.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 60])
def test_overview_query_count_is_constant(client, django_assert_max_num_queries, count):
    _items(count)
    client.force_login(PartnerFactory())

    with django_assert_max_num_queries(12):
        response = client.get("/en/working-group/")

    assert response.status_code == 200
    assert text_of(response).count('class="list-group-item"') == min(count, 25)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 60])
def test_mine_query_count_is_constant(client, django_assert_max_num_queries, count):
    membership = MembershipFactory()
    _items(count, proposer=membership.user, organisation=membership.organisation)
    client.force_login(membership.user)

    with django_assert_max_num_queries(10):
        response = client.get("/en/working-group/mine/")

    assert response.status_code == 200
    assert text_of(response).count("Item ") == count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 60])
def test_log_query_count_is_constant(client, django_assert_max_num_queries, count):
    staff = StaffFactory()
    ModerationLog.objects.bulk_create(
        ModerationLog(
            item=item,
            actor=staff,
            action="put_on_agenda",
            from_state="submitted",
            to_state="on_agenda",
            private_note=f"Note {item.pk}",
        )
        for item in _items(count)
    )
    client.force_login(staff)

    with django_assert_max_num_queries(10):
        response = client.get("/en/working-group/log/")

    assert response.status_code == 200
    assert text_of(response).count("Team only:") == min(count, 50)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 60])
def test_meetings_query_count_is_constant(client, django_assert_max_num_queries, count):
    start = timezone.now() + datetime.timedelta(days=3)
    Meeting.objects.bulk_create(
        Meeting(starts_at=start + datetime.timedelta(days=n), state=MeetingState.PUBLISHED)
        for n in range(count)
    )
    client.force_login(PartnerFactory())

    with django_assert_max_num_queries(8):
        response = client.get("/en/working-group/meetings/")

    assert response.status_code == 200
    assert text_of(response).count("0 agenda items") == count


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("description", "notices"),
    [({"description_en": "In English too."}, 1), ({"description_fr": "En français."}, 2)],
    ids=["same-language", "other-language"],
)
def test_an_item_says_originally_written_in_once_per_language(client, description, notices):
    """A title and text both in English, read in Spanish: one notice, under the title; a text
    in another language than its title says so too."""
    from django.utils import translation

    from core.content import WRITTEN_IN

    texts = {"description_en": "", "description_es": "", **description}
    item = ItemFactory(
        state=ItemState.SUBMITTED,
        title_en="Written in English",
        title_es="",
        original_language="en",
        **texts,
    )
    client.force_login(PartnerFactory())

    page = text_of(client.get(f"/es/working-group/items/{item.pk}/"))

    with translation.override("es"):
        notes = [str(WRITTEN_IN[code]) for code in ("en", "fr")]
    assert sum(page.count(note) for note in notes) == notices
