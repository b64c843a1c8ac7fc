"""The story's state machine: who writes, reviews, publishes; stale pages; hidden organisations
publish only without naming themselves; authors are emailed in their language."""

import pytest
from django.core import mail

from partners.enums import Visibility
from stories import services
from stories.enums import Action, Audience, StoryState
from stories.exceptions import StoryError, StoryNotAllowed
from stories.models import StorySuggestion
from stories.selectors import stories_visible_to
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    StoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _act(story, action, by, message="", **kwargs):
    story.refresh_from_db()
    return services.transition(
        story=story, action=action, by=by, version=story.version, message=message, **kwargs
    )


def test_a_partner_writes_a_draft_for_their_organisation():
    member = MembershipFactory().user
    story = services.write_story(
        by=member,
        organisation=member.memberships.first().organisation,
        language="es",
        title="  Nuestra radio  ",
        body="Cada semana.",
    )
    assert story.state == StoryState.DRAFT
    assert story.title_es == "Nuestra radio"
    assert list(story.authors.all()) == [member]


def test_nobody_writes_for_an_organisation_they_do_not_belong_to():
    member = MembershipFactory().user
    with pytest.raises(StoryError):
        services.write_story(
            by=member, organisation=OrganisationFactory(), language="en", title="T", body="B"
        )


def test_staff_and_strangers_do_not_write_stories():
    for person in (StaffFactory(), UserFactory()):
        with pytest.raises(StoryNotAllowed):
            services.write_story(
                by=person, organisation=OrganisationFactory(), language="en", title="T", body="B"
            )


def test_public_story_review_publish_and_emails(django_capture_on_commit_callbacks):
    author = MembershipFactory(user=UserFactory(language="fr")).user
    story = StoryFactory(authors=[author], organisation=author.memberships.first().organisation)
    staff = StaffFactory()
    with pytest.raises(StoryNotAllowed):
        _act(story, Action.PUBLISH, author)
    _act(story, Action.SUBMIT, author)
    with django_capture_on_commit_callbacks(execute=True):
        _act(story, Action.SUGGEST, staff, message="Ajoute une photo", message_language="fr")
    story.refresh_from_db()
    assert story.state == StoryState.DRAFT
    suggestion = StorySuggestion.objects.get(story=story)
    assert suggestion.language == "fr"
    assert len(mail.outbox) == 1 and "Ajoute une photo" in mail.outbox[0].body
    _act(story, Action.SUBMIT, author)
    with django_capture_on_commit_callbacks(execute=True):
        _act(story, Action.PUBLISH, staff)
    story.refresh_from_db()
    assert story.state == StoryState.PUBLISHED and story.published_at
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == [author.email]


def test_staff_cannot_publish_a_public_story_its_authors_did_not_send():
    story = StoryFactory()
    with pytest.raises(StoryError) as refused:
        _act(story, Action.PUBLISH, StaffFactory())
    assert refused.value.status_code == 409


def test_a_suggestion_needs_a_message():
    story = StoryFactory()
    _act(story, Action.SUBMIT, story.authors.first())
    with pytest.raises(StoryError):
        _act(story, Action.SUGGEST, StaffFactory(), message="   ")


def test_community_story_is_published_by_its_authors_without_review():
    story = StoryFactory(audience=Audience.COMMUNITY)
    author = story.authors.first()
    with pytest.raises(StoryNotAllowed):
        _act(story, Action.SUBMIT, author)
    _act(story, Action.PUBLISH, author)
    story.refresh_from_db()
    assert story.state == StoryState.PUBLISHED
    visitor_ids = stories_visible_to(user=UserFactory()).values_list("pk", flat=True)
    assert story.pk not in visitor_ids
    member = MembershipFactory().user
    assert stories_visible_to(user=member).filter(pk=story.pk).exists()


def test_a_page_older_than_the_story_is_refused_with_409():
    story = StoryFactory()
    author = story.authors.first()
    old = story.version
    services.update_story(story=story, by=author, version=old, texts={"title_en": "New"})
    with pytest.raises(StoryError) as refused:
        services.transition(story=story, action=Action.SUBMIT, by=author, version=old)
    assert refused.value.status_code == 409
    with pytest.raises(StoryError) as refused:
        services.update_story(story=story, by=author, version=old, texts={"title_en": "X"})
    assert refused.value.status_code == 409
    story.refresh_from_db()
    assert story.title_en == "New"


def test_the_original_title_cannot_be_emptied():
    story = StoryFactory()
    with pytest.raises(StoryError):
        services.update_story(
            story=story, by=story.authors.first(), version=story.version, texts={"title_en": " "}
        )


def test_authors_edit_only_drafts_staff_always():
    story = StoryFactory(audience=Audience.COMMUNITY)
    author = story.authors.first()
    _act(story, Action.PUBLISH, author)
    story.refresh_from_db()
    with pytest.raises(StoryNotAllowed):
        services.update_story(story=story, by=author, version=story.version, texts={})
    staff = StaffFactory()
    services.update_story(
        story=story,
        by=staff,
        version=story.version,
        texts={"title_es": "Traducción"},
        audience=Audience.PUBLIC,
        anonymous=True,
    )
    story.refresh_from_db()
    assert story.title_es == "Traducción"
    # The audience and anonymity are the authors' choices, never the team's.
    assert story.audience == Audience.COMMUNITY and not story.anonymous


def test_a_hidden_organisation_publishes_only_without_naming_itself():
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    author = MembershipFactory(organisation=hidden).user
    story = StoryFactory(organisation=hidden, authors=[author])
    with pytest.raises(StoryError):
        _act(story, Action.SUBMIT, author)
    story.refresh_from_db()
    services.update_story(story=story, by=author, version=story.version, texts={}, anonymous=True)
    _act(story, Action.SUBMIT, author)
    _act(story, Action.PUBLISH, StaffFactory())
    assert stories_visible_to(user=UserFactory()).filter(pk=story.pk).exists()


def test_a_named_story_of_an_organisation_hidden_later_is_not_shown_to_outsiders():
    story = StoryFactory(state=StoryState.PUBLISHED)
    story.organisation.visibility = Visibility.HIDDEN
    story.organisation.save()
    assert not stories_visible_to(user=UserFactory()).filter(pk=story.pk).exists()
    assert not stories_visible_to(user=MembershipFactory().user).filter(pk=story.pk).exists()
    assert stories_visible_to(user=story.authors.first()).filter(pk=story.pk).exists()


def test_hidden_by_staff_story_is_gone_for_readers_and_authors_read_why():
    story = StoryFactory(state=StoryState.PUBLISHED)
    staff = StaffFactory()
    with pytest.raises(StoryError):
        services.moderate(story=story, by=staff, hide=True, reason=" ")
    with pytest.raises(StoryNotAllowed):
        services.moderate(story=story, by=story.authors.first(), hide=True, reason="x")
    services.moderate(story=story, by=staff, hide=True, reason="Names a survivor")
    assert not stories_visible_to(user=UserFactory()).filter(pk=story.pk).exists()
    assert stories_visible_to(user=story.authors.first()).filter(pk=story.pk).exists()


def test_withdraw_and_redraft():
    story = StoryFactory(audience=Audience.COMMUNITY)
    author = story.authors.first()
    _act(story, Action.PUBLISH, author)
    _act(story, Action.WITHDRAW, author)
    _act(story, Action.REDRAFT, author)
    story.refresh_from_db()
    assert story.state == StoryState.DRAFT
    with pytest.raises(StoryError) as refused:
        _act(story, Action.WITHDRAW, author)
    assert refused.value.status_code == 409


def test_another_partner_cannot_act_on_a_story():
    story = StoryFactory()
    with pytest.raises(StoryNotAllowed):
        _act(story, Action.SUBMIT, MembershipFactory().user)


def test_suggestions_are_append_only():
    from django.db import DatabaseError, transaction

    story = StoryFactory()
    _act(story, Action.SUBMIT, story.authors.first())
    _act(story, Action.SUGGEST, StaffFactory(), message="More")
    suggestion = StorySuggestion.objects.get()
    for change in (
        lambda: StorySuggestion.objects.filter(pk=suggestion.pk).update(text="Other"),
        lambda: StorySuggestion.objects.filter(pk=suggestion.pk).delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            change()
