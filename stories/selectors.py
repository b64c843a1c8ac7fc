"""Reads of partner stories that depend on who is asking."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import is_staff
from partners.enums import Visibility
from partners.permissions import is_community_member
from partners.selectors import organisations_visible_to
from stories.enums import Audience, StoryState
from stories.models import Story, StoryPhoto


def _authored_by(user: User) -> Q:
    return Q(Exists(Story.authors.through.objects.filter(story=OuterRef("pk"), user=user)))


def stories_visible_to(*, user: User) -> QuerySet[Story]:
    """The team sees every story. Others see published stories the team has not hidden: the
    public ones, and for the community the community-only ones too; a story naming a hidden
    organisation only when they may see it (a hidden organisation's stories are published
    anonymous, so this is a second lock). Authors also see their own stories in any state."""
    stories = Story.objects.all()
    if is_staff(user):
        return stories
    published = Q(state=StoryState.PUBLISHED, hidden_by_staff=False)
    # The community reads community-only stories too; everybody else the public ones.
    readable = published if is_community_member(user) else published & Q(audience=Audience.PUBLIC)
    readable &= (
        Q(anonymous=True)
        | ~Q(organisation__visibility=Visibility.HIDDEN)
        | Q(organisation__in=organisations_visible_to(user=user))
    )
    if user.is_authenticated and user.is_active:
        readable |= _authored_by(user)
    return stories.filter(readable)


def _with_card_data(stories: QuerySet[Story]) -> QuerySet[Story]:
    """What a card shows, in a constant number of queries: organisation, authors, first photo."""
    return stories.select_related("organisation").prefetch_related(
        "authors", Prefetch("photos", queryset=StoryPhoto.objects.order_by("created_at", "pk"))
    )


def published_list(*, user: User) -> QuerySet[Story]:
    """The published stories `user` may read, newest first."""
    return _with_card_data(
        stories_visible_to(user=user).filter(state=StoryState.PUBLISHED, hidden_by_staff=False)
    ).order_by("-published_at", "-pk")


def own_stories(*, user: User) -> QuerySet[Story]:
    """The stories `user` wrote, in any state, last changed first."""
    if not (user.is_authenticated and user.is_active):
        return Story.objects.none()
    return _with_card_data(Story.objects.filter(_authored_by(user))).order_by("-updated_at", "-pk")


def awaiting_review(*, user: User) -> QuerySet[Story]:
    """For the team: the stories sent for review, oldest first."""
    if not is_staff(user):
        return Story.objects.none()
    return _with_card_data(Story.objects.filter(state=StoryState.IN_REVIEW)).order_by(
        "updated_at", "pk"
    )


def story_for_page(*, user: User, pk: int) -> Story:
    story = (
        stories_visible_to(user=user)
        .select_related("organisation")
        .prefetch_related(
            "authors",
            Prefetch("photos", queryset=StoryPhoto.objects.order_by("created_at", "pk")),
        )
        .filter(pk=pk)
        .first()
    )
    if story is None:
        raise Http404("No story here.")
    return story


def photo_for(*, user: User, story_pk: int, pk: int) -> StoryPhoto:
    photo = (
        StoryPhoto.objects.filter(story__in=stories_visible_to(user=user), story_id=story_pk, pk=pk)
        .select_related("story")
        .first()
    )
    if photo is None:
        raise Http404("No photo here.")
    return photo


def public_feed(*, limit: int = 50) -> QuerySet[Story]:
    """The latest public stories, as anyone may read them (the Atom feed)."""
    return (
        stories_visible_to(user=AnonymousUser())
        .filter(state=StoryState.PUBLISHED)
        .select_related("organisation")
        .order_by("-published_at", "-pk")[:limit]
    )
