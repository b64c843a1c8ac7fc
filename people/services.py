"""Every write to people's profiles."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from people.exceptions import ProfileError
from people.models import Profile


def _stale() -> ProfileError:
    return ProfileError(
        _("Your profile changed since you opened the page. Reload it and try again."),
        status_code=409,
    )


def profile_of(*, user: User) -> Profile:
    """The person's profile, created with the defaults the first time (seen by the community;
    not listed when they belong to a hidden organisation)."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def _locked(profile: Profile, version: int | None) -> Profile:
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if version is None or profile.version != version:
        raise _stale()
    return profile


@transaction.atomic
def touch(*, profile: Profile) -> Profile:
    profile.version += 1
    profile.save(update_fields=["version", "updated_at"])
    return profile
