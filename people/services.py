"""Every write to people's profiles."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core import languages
from people import permissions
from people.enums import LanguageLevel, ProfileVisibility
from people.exceptions import ProfileError
from people.models import Profile, ProfileLanguage
from people.validators import known_codes
from stories import images
from stories.exceptions import StoryError

MAX_LANGUAGES = 12


def _stale() -> ProfileError:
    return ProfileError(
        _("Your profile changed since you opened the page. Reload it and try again."),
        status_code=409,
    )


def profile_of(*, user: User) -> Profile:
    """The person's profile, created with the defaults the first time they open it (seen by the
    community; not listed when they belong to a hidden organisation)."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def _locked(profile: Profile, version: int | None) -> Profile:
    """The profile's row, locked; refuses (409) a page rendered from another version."""
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if version is None or profile.version != version:
        raise _stale()
    return profile


@transaction.atomic
def update_profile(
    *,
    profile: Profile,
    by: User,
    version: int | None,
    themes,
    skills_offered,
    skills_sought,
    region: str,
    original_language: str,
    texts: dict[str, str],
    spoken: list[tuple[str, str]],
    visibility: str,
    listed_if_hidden: bool | None = None,
) -> Profile:
    """Replace what the profile says. `spoken` is [(language code, level)]; `texts` the
    introduction per language (`introduction_es`, ...). The opt-in of members of hidden
    organisations changes only when given (it is asked of them alone). A page older than the
    profile is refused (409), so nobody overwrites what they did not see."""
    permissions.ensure_can_edit(by, profile)
    profile = _locked(profile, version)
    if original_language not in dict(settings.LANGUAGES):
        raise ProfileError(_("Choose the language you write your introduction in."))
    if visibility not in ProfileVisibility.values:
        raise ProfileError(_("Choose who sees your profile."))
    if len(spoken) > MAX_LANGUAGES:
        raise ProfileError(_("List at most %(count)s languages.") % {"count": MAX_LANGUAGES})
    for code, level in spoken:
        if code not in known_codes() or level not in LanguageLevel.values:
            raise ProfileError(
                _("This is not a language the portal knows. Choose one from the list.")
            )
    for name, value in texts.items():
        if name in languages.per_language("introduction"):
            setattr(profile, name, (value or "").strip())
    profile.original_language = original_language
    profile.region = region or ""
    profile.visibility = visibility
    if listed_if_hidden is not None:
        profile.listed_if_hidden = listed_if_hidden
    profile.version += 1
    profile.full_clean(exclude=["user", "photo"])
    profile.save()
    profile.themes.set(themes)
    profile.skills_offered.set(skills_offered)
    profile.skills_sought.set(skills_sought)
    profile.languages.all().delete()
    ProfileLanguage.objects.bulk_create(
        ProfileLanguage(profile=profile, code=code, level=level) for code, level in spoken
    )
    return profile


@transaction.atomic
def set_photo(*, profile: Profile, by: User, upload, alt_text: str) -> Profile:
    """The person's photo, re-encoded without its metadata or location (stories.images), with
    its description; replaces the one before."""
    permissions.ensure_can_edit(by, profile)
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if not alt_text.strip():
        raise ProfileError(_("Describe the photo for people who cannot see it."))
    try:
        content = images.reencode(upload)
    except StoryError as error:
        raise ProfileError(error.message) from error
    old = profile.photo.name
    profile.photo.save(content.name, content, save=False)
    profile.photo_alt = alt_text.strip()
    profile.version += 1
    profile.save()
    if old:
        transaction.on_commit(lambda: profile.photo.storage.delete(old))
    return profile


@transaction.atomic
def remove_photo(*, profile: Profile, by: User) -> Profile:
    permissions.ensure_can_edit(by, profile)
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if profile.photo:
        profile.photo.delete(save=False)
    profile.photo_width = profile.photo_height = 0
    profile.photo_alt = ""
    profile.version += 1
    profile.save()
    return profile
