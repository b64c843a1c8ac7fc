"""Helpers for the peer-mentoring tests."""

from people.models import ProfileLanguage
from tests.factories import PartnerFactory, ProfileFactory


def person(*, offers=(), themes=(), languages=(("en", "fluent"),), region="", user=None, **profile):
    """A partner member with a profile: skills offered, themes, spoken languages, region."""
    user = user or PartnerFactory()
    found = ProfileFactory(user=user, region=region, **profile)
    found.skills_offered.set(offers)
    found.themes.set(themes)
    for code, level in languages:
        ProfileLanguage.objects.create(profile=found, code=code, level=level)
    return user
