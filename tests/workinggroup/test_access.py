"""Who sees and does what in the Working Group pages; bad input; query counts."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import ngettext

from tests.factories import (
    ItemFactory,
    MeetingFactory,
    MembershipFactory,
    PartnerFactory,
    ProposalFactory,
    StaffFactory,
    UserFactory,
)
from tests.utils import text_of, translated
from workinggroup import services
from workinggroup.enums import ItemState, MeetingState
from workinggroup.models import AgendaEntry, Comment, Item, Meeting


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "viewer", "visible"),
    [
        (ItemState.DRAFT, "other partner", False),
        (ItemState.DRAFT, "proposer", True),
        (ItemState.DRAFT, "lead of proposer's organisation", True),
        (ItemState.SUBMITTED, "other partner", True),
        (ItemState.SUBMITTED, "account without organisation", False),
        (ItemState.HIDDEN, "other partner", False),
        (ItemState.HIDDEN, "proposer", False),
        (ItemState.HIDDEN, "staff", True),
        (ItemState.WITHDRAWN, "other partner", False),
    ],
)
def test_who_sees_an_item(client, state, viewer, visible):
    item = ItemFactory(state=state, title_en="Zanzibar item")
    user = {
        "other partner": lambda: PartnerFactory(),
        "proposer": lambda: item.proposer,
        "lead of proposer's organisation": lambda: (
            MembershipFactory(organisation=item.organisation, role="lead").user
        ),
        "account without organisation": lambda: UserFactory(),
        "staff": lambda: StaffFactory(),
    }[viewer]()
    client.force_login(user)

    page = client.get(f"/en/working-group/items/{item.pk}/")
    listing = client.get("/en/working-group/")

    assert page.status_code == (200 if visible else 404)
    listed = listing.status_code == 200 and "Zanzibar item" in text_of(listing)
    # The overview lists submitted and decided items only, never drafts or hidden ones.
    assert listed is (visible and state == ItemState.SUBMITTED)


@pytest.mark.django_db
def test_partner_cannot_edit_another_organisations_proposal(client):
    item = ProposalFactory(state=ItemState.DRAFT, title_es="Original")
    other_lead = MembershipFactory(role="lead").user
    client.force_login(other_lead)

    response = client.post(f"/en/working-group/items/{item.pk}/edit/", {"title": "Stolen"})

    item.refresh_from_db()
    assert response.status_code == 404
    assert item.title_es == "Original"


@pytest.mark.django_db
def test_submitted_item_cannot_be_edited_by_its_proposer(client):
    item = ProposalFactory(state=ItemState.SUBMITTED)
    client.force_login(item.proposer)

    response = client.get(f"/en/working-group/items/{item.pk}/edit/")

    assert response.status_code == 403
    assert (
        "This item can only be changed by its proposer while it is a draft or sent back "
        "for changes." in text_of(response)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 201}, "at most"),
        ({"description": "x" * 5001}, "at most"),
        (
            {"preferred_start": "2031-05-10", "preferred_end": "2031-05-01"},
            "The end of the date range must not be before its start.",
        ),
    ],
)
def test_bad_proposal_input_is_a_translated_400_and_nothing_saved(client, changes, message):
    membership = MembershipFactory()
    client.force_login(membership.user)
    data = {
        "language": "fr",
        "organisation": membership.organisation.pk,
        "title": "Atelier",
        "description": "Un atelier",
        "activity_type": "webinar",
        "spoken": ["fr"],
        "format": "online",
        "audience": "community",
        **changes,
    }

    response = client.post("/fr/working-group/propose/", data)

    if message == "at most":  # Django's own plural message: "Assurez-vous que cette valeur..."
        with translation.override("fr"):
            message_fr = ngettext(
                "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
                "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
                2,
            ).split("%(")[0]
    else:
        message_fr = translated("fr", message).split("%(")[0]
    assert response.status_code == 400
    assert message_fr in text_of(response)
    assert not Item.objects.exists()


@pytest.mark.django_db
def test_proposing_for_an_organisation_one_does_not_belong_to_is_refused(client):
    mine = MembershipFactory()
    theirs = MembershipFactory().organisation
    client.force_login(mine.user)

    response = client.post(
        "/en/working-group/recommend/",
        {"language": "en", "organisation": theirs.pk, "title": "T", "description": "D"},
    )

    assert response.status_code == 400
    assert not Item.objects.exists()


@pytest.mark.django_db
def test_account_without_organisation_cannot_propose(client):
    client.force_login(UserFactory())

    propose = client.get("/en/working-group/propose/")
    overview = client.get("/en/working-group/")

    assert propose.status_code == 403
    assert "Only members of a partner organisation can propose." in text_of(propose)
    assert overview.status_code == 403
    assert "The Working Group pages are for the Learning Lab community." in text_of(overview)


@pytest.mark.django_db
def test_translation_help_lists_missing_languages_and_saves_them(client):
    item = ItemFactory(
        title_en="", title_es="Horario", description_es="Rotar", original_language="es"
    )
    client.force_login(item.proposer)

    page = text_of(client.get(f"/en/working-group/items/{item.pk}/translations/"))
    response = client.post(
        f"/en/working-group/items/{item.pk}/translations/",
        {
            "version": item.version,
            "title_es": "Horario",
            "description_es": "Rotar",
            "title_en": "Schedule",
            "description_en": "Rotate",
            "title_fr": "",
            "description_fr": "",
        },
    )

    item.refresh_from_db()
    assert "English, French" in page
    assert response.status_code == 302
    assert response["Location"] == f"/en/working-group/items/{item.pk}/"
    assert (item.title_en, item.title_fr) == ("Schedule", "")


@pytest.mark.django_db
def test_staff_can_add_translations_but_other_partners_cannot(client):
    item = ItemFactory()
    client.force_login(PartnerFactory())

    refused = client.get(f"/en/working-group/items/{item.pk}/translations/")
    client.force_login(StaffFactory())
    allowed = client.get(f"/en/working-group/items/{item.pk}/translations/")

    assert refused.status_code == 403
    assert "Translations can be added by the proposer or the team until a decision." in text_of(
        refused
    )
    assert allowed.status_code == 200
    assert 'name="title_es"' in allowed.content.decode()


@pytest.mark.django_db
def test_queue_and_log_are_for_staff_only(client):
    client.force_login(PartnerFactory())

    queue = client.get("/en/working-group/queue/")
    log = client.get("/en/working-group/log/")

    assert (queue.status_code, log.status_code) == (403, 403)
    assert "Only the Learning Lab team moderates." in text_of(queue)
    assert "Only the Learning Lab team moderates." in text_of(log)


@pytest.mark.django_db
def test_queue_filters_by_state_language_and_organisation(client):
    spanish = ItemFactory(title_es="Propuesta", title_en="", original_language="es")
    ItemFactory(title_en="English one")
    ItemFactory(title_en="Draft one", state=ItemState.DRAFT)
    client.force_login(StaffFactory())

    default = text_of(client.get("/en/working-group/queue/"))
    filtered = text_of(
        client.get(
            f"/en/working-group/queue/?language=es&organisation={spanish.organisation.slug}"
            "&state=submitted"
        )
    )

    assert "English one" in default and "Propuesta" in default and "Draft one" not in default
    assert "Propuesta" in filtered and "English one" not in filtered


@pytest.mark.django_db
def test_staff_notes_are_shown_to_staff_in_the_log_only(client):
    from workinggroup import services

    item = ItemFactory()
    staff = StaffFactory()
    services.transition(
        item=item,
        action="request_changes",
        by=staff,
        version=None,
        message="Sorry",
        private_note="internal reason",
    )
    client.force_login(staff)
    log = text_of(client.get("/en/working-group/log/"))
    item_page = text_of(client.get(f"/en/working-group/items/{item.pk}/"))

    assert "internal reason" in log and "internal reason" in item_page
    client.force_login(PartnerFactory())
    assert "internal reason" not in text_of(client.get(f"/en/working-group/items/{item.pk}/"))


@pytest.mark.django_db
def test_draft_agenda_is_for_the_working_group_only(client):
    meeting = MeetingFactory()
    AgendaEntry.objects.create(meeting=meeting, position=1, title_en="Secret planning")

    client.force_login(PartnerFactory())
    partner_page = client.get(f"/en/working-group/meetings/{meeting.pk}/")
    partner_comment = client.post(
        f"/en/working-group/meetings/{meeting.pk}/comment/", {"body": "hi"}
    )
    client.force_login(PartnerFactory(is_working_group_member=True))
    member_page = client.get(f"/en/working-group/meetings/{meeting.pk}/")
    member_comment = client.post(
        f"/en/working-group/meetings/{meeting.pk}/comment/", {"body": "Add the retreat budget"}
    )

    assert partner_page.status_code == 404
    assert partner_comment.status_code == 404
    assert member_page.status_code == 200 and "Secret planning" in text_of(member_page)
    assert member_comment.status_code == 302
    assert member_comment["Location"] == f"/en/working-group/meetings/{meeting.pk}/"
    assert Comment.objects.get().body == "Add the retreat budget"


@pytest.mark.django_db
def test_publishing_shows_the_agenda_to_everyone_and_tells_the_working_group(
    client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    member = PartnerFactory(is_working_group_member=True, language="es")
    PartnerFactory()
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/working-group/meetings/{meeting.pk}/publish/")
    again = client.post(f"/en/working-group/meetings/{meeting.pk}/publish/")
    client.force_login(PartnerFactory())
    community = client.get(f"/en/working-group/meetings/{meeting.pk}/")

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/en/working-group/meetings/{meeting.pk}/"
    assert again.status_code == 409
    assert "This agenda is already published." in text_of(again)
    assert meeting.state == MeetingState.PUBLISHED
    assert community.status_code == 200
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert translated("es", "The Working Group agenda is published") in mail.outbox[0].subject


@pytest.mark.django_db
def test_staff_reorders_adds_free_items_and_records_outcomes(client):
    meeting = MeetingFactory()
    first = AgendaEntry.objects.create(meeting=meeting, position=1, title_en="First")
    second = AgendaEntry.objects.create(meeting=meeting, position=2, title_en="Second")
    client.force_login(StaffFactory())

    client.post(
        f"/en/working-group/meetings/{meeting.pk}/entries/{second.pk}/move/", {"direction": "up"}
    )
    client.post(
        f"/en/working-group/meetings/{meeting.pk}/entries/",
        {"language": "fr", "title": "Point libre"},
    )
    prefix = f"entry-{first.pk}"
    outcome = client.post(
        f"/en/working-group/meetings/{meeting.pk}/entries/{first.pk}/outcome/",
        {
            f"{prefix}-discussed": "on",
            f"{prefix}-decision": "agreed",
            f"{prefix}-language": "es",
            f"{prefix}-notes": "Acordado",
        },
    )

    order = list(meeting.entries.order_by("position").values_list("title_en", "title_fr"))
    first.refresh_from_db()
    assert [(en or "", fr or "") for en, fr in order] == [
        ("Second", ""),
        ("First", ""),
        ("", "Point libre"),
    ]
    assert outcome.status_code == 302
    assert outcome["Location"] == f"/en/working-group/meetings/{meeting.pk}/"
    assert (first.discussed, first.decision, first.outcome_notes_es) == (True, "agreed", "Acordado")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "meetings/new/"),
        ("post", "meetings/{pk}/publish/"),
        ("post", "meetings/{pk}/entries/"),
    ],
)
def test_partners_and_working_group_members_cannot_keep_the_agenda(client, method, path):
    meeting = MeetingFactory()
    client.force_login(PartnerFactory(is_working_group_member=True))

    response = getattr(client, method)(f"/en/working-group/{path.format(pk=meeting.pk)}")

    meeting.refresh_from_db()
    assert response.status_code == 403
    assert "Only the Learning Lab team keeps the agenda." in text_of(response)
    assert (meeting.state, meeting.entries.count()) == (MeetingState.DRAFT, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["", "mine/", "propose/", "queue/", "meetings/"])
def test_visitors_are_sent_to_sign_in(client, path):
    response = client.get(f"/en/working-group/{path}")

    assert response["Location"].startswith("/en/accounts/login/?next=")


def _many_items(count):
    membership = MembershipFactory()
    Item.objects.bulk_create(
        Item(
            kind="recommendation",
            state="submitted",
            title_en=f"Item {n}",
            description_en="d",
            original_language="en",
            proposer=membership.user,
            organisation=membership.organisation,
            submitted_at=timezone.now(),
        )
        for n in range(count)
    )
    return list(Item.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 1000])
def test_queue_query_count_is_constant(client, django_assert_max_num_queries, count):
    _many_items(count)
    client.force_login(StaffFactory())

    with django_assert_max_num_queries(8):
        response = client.get("/en/working-group/queue/")

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 1000])
def test_agenda_query_count_is_constant(client, django_assert_max_num_queries, count):
    items = _many_items(count)
    meeting = Meeting.objects.create(
        starts_at=timezone.now() + datetime.timedelta(days=3), state="published"
    )
    AgendaEntry.objects.bulk_create(
        AgendaEntry(meeting=meeting, position=n, item=item) for n, item in enumerate(items)
    )
    client.force_login(PartnerFactory())

    with django_assert_max_num_queries(10):
        response = client.get(f"/en/working-group/meetings/{meeting.pk}/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_team_records_no_decision_for_an_item_only_that_it_was_discussed(client):
    """An item on the agenda is decided by the members (a decision on its page): its outcome
    form has no decision field, and a decision sent anyway is ignored."""
    meeting = MeetingFactory()
    item = ItemFactory(state=ItemState.ON_AGENDA)
    entry = AgendaEntry.objects.create(meeting=meeting, position=1, item=item)
    client.force_login(StaffFactory())
    prefix = f"entry-{entry.pk}"

    page = text_of(client.get(f"/en/working-group/meetings/{meeting.pk}/"))
    sent_anyway = client.post(
        f"/en/working-group/meetings/{meeting.pk}/entries/{entry.pk}/outcome/",
        {f"{prefix}-discussed": "on", f"{prefix}-decision": "agreed", f"{prefix}-language": "en"},
    )
    entry.refresh_from_db()
    decided_after_sent_anyway = entry.decision
    # The form has no decision field: what it sends is only "discussed" and notes.
    noted = client.post(
        f"/en/working-group/meetings/{meeting.pk}/entries/{entry.pk}/outcome/",
        {f"{prefix}-discussed": "on", f"{prefix}-language": "en", f"{prefix}-notes": "Read."},
    )

    entry.refresh_from_db()
    item.refresh_from_db()
    assert f'name="{prefix}-decision"' not in page
    assert (sent_anyway.status_code, decided_after_sent_anyway) == (302, "")  # field ignored
    assert noted.status_code == 302
    assert (entry.discussed, entry.decision, entry.outcome_notes_en) == (True, "", "Read.")
    assert item.state == ItemState.ON_AGENDA


@pytest.mark.django_db
def test_the_service_refuses_a_team_decision_for_an_item():
    from workinggroup.exceptions import WorkingGroupError

    entry = AgendaEntry.objects.create(
        meeting=MeetingFactory(), position=1, item=ItemFactory(state=ItemState.ON_AGENDA)
    )

    with pytest.raises(WorkingGroupError) as refused:
        services.record_outcome(
            entry=entry, by=StaffFactory(), discussed=True, decision="agreed", notes={}
        )

    entry.refresh_from_db()
    assert refused.value.status_code == 400
    assert entry.decision == ""
