"""Who may see and do what with partner stories: the one place these rules live.

Partners (members of an organisation) write stories for their organisation; its authors change
a story while it is a draft, the team at any time (translations, corrections). A public story is
published by the team after review; a community-only story by its authors. A story by an
organisation hidden from its readers is published only without naming it (`anonymous`)."""

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff
from partners.enums import Visibility
from partners.permissions import is_community_member
from stories.enums import Action, Audience, StoryState
from stories.exceptions import StoryNotAllowed
from stories.models import Story


def is_author(user: User, story: Story) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return any(author.pk == user.pk for author in story.authors.all())


def can_write(user: User) -> bool:
    """Partners write stories; the team helps them through their pages, not in their name."""
    return is_community_member(user) and not is_staff(user)


def can_edit(user: User, story: Story) -> bool:
    """The team at any time; the authors while it is a draft (a published story changes through
    a new review: withdraw it, edit, send it again)."""
    if is_staff(user):
        return True
    return is_author(user, story) and story.state == StoryState.DRAFT and not story.hidden_by_staff


def can_moderate(user: User) -> bool:
    return is_staff(user)


def needs_anonymity(story: Story) -> bool:
    """A hidden organisation's story names nobody: published only `anonymous`."""
    return story.organisation.visibility == Visibility.HIDDEN


def can_act(user: User, story: Story, action: str) -> bool:
    """Whether `user` may take `action` (the state machine checks the state)."""
    staff = is_staff(user)
    author = is_author(user, story) and not story.hidden_by_staff
    if action == Action.SUBMIT:
        return author and story.audience == Audience.PUBLIC
    if action == Action.PUBLISH:
        if story.audience == Audience.COMMUNITY:
            return author or staff
        return staff
    if action == Action.SUGGEST:
        return staff
    if action in (Action.WITHDRAW, Action.REDRAFT):
        return author or staff
    return False


def actions_for(user: User, story: Story) -> list[str]:
    from stories.services import TRANSITIONS

    return [
        action
        for action, rule in TRANSITIONS.items()
        if story.state in rule.sources and can_act(user, story, action)
    ]


# --- Refusals ---------------------------------------------------------------------------------


def ensure_can_write(user: User) -> None:
    if not can_write(user):
        raise StoryNotAllowed(_("Stories are written by the Learning Lab's partners."))


def ensure_can_edit(user: User, story: Story) -> None:
    if not can_edit(user, story):
        raise StoryNotAllowed(
            _("Only its authors (while it is a draft) and the team can change this story.")
        )


def ensure_can_act(user: User, story: Story, action: str) -> None:
    if not can_act(user, story, action):
        raise StoryNotAllowed(_("You cannot do this with this story."))


def ensure_can_moderate(user: User) -> None:
    if not can_moderate(user):
        raise StoryNotAllowed(_("Only the Learning Lab team moderates."))
