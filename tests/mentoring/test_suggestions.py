"""Suggestions: peers who offer the topic, share a language (or with interpretation), each with
why; never the asker, never anyone they may not see or who is not listed; constant queries."""

import pytest

from mentoring.enums import Reason
from mentoring.selectors import Topic, suggestions
from partners.enums import Region, Visibility
from partners.models import FocusArea
from people.enums import ProfileVisibility
from tests.factories import MembershipFactory, OrganisationFactory, SkillFactory
from tests.mentoring.utils import person


@pytest.fixture
def skill():
    return SkillFactory(name_en="Fundraising")


@pytest.mark.django_db
def test_suggestions_explain_skill_language_region_and_experience(skill):
    asker = person(languages=[("es", "first"), ("en", "working")], region=Region.LATIN_AMERICA)
    peer = person(offers=[skill], languages=[("es", "fluent")], region=Region.WEST_CENTRAL_AFRICA)
    from tests.factories import MentoringRequestFactory

    MentoringRequestFactory(peer=peer, skill=skill, state="ended")

    found = suggestions(viewer=asker, topic=Topic(skill=skill))

    assert [s.user for s in found] == [peer]
    reasons = dict(found[0].reasons)
    assert reasons[str(Reason.SKILL.label)] == "Fundraising"
    assert reasons[str(Reason.LANGUAGE.label)] == "Spanish (fluent)"
    assert reasons[str(Reason.OTHER_REGION.label)] == "West and Central Africa"
    assert reasons[str(Reason.MENTORED.label)] == "1"
    assert found[0].languages == ["es"]


@pytest.mark.django_db
def test_suggestions_need_a_shared_language_unless_interpretation_is_fine(skill):
    asker = person(languages=[("fr", "first")])
    peer = person(offers=[skill], languages=[("sw", "first")])

    assert suggestions(viewer=asker, topic=Topic(skill=skill)) == []
    found = suggestions(viewer=asker, topic=Topic(skill=skill), interpretation_ok=True)
    assert [s.user for s in found] == [peer]
    assert dict(found[0].reasons)[str(Reason.INTERPRETATION.label)] == ""


@pytest.mark.django_db
def test_suggestions_by_theme_rank_hosts_of_activities_on_it():
    theme = FocusArea.objects.first()
    asker = person()
    quiet = person(themes=[theme])
    host = person(themes=[theme])
    from tests.factories import ActivityFactory

    activity = ActivityFactory()
    activity.focus_areas.add(theme)
    activity.host_people.add(host)

    found = suggestions(viewer=asker, topic=Topic(theme=theme))

    assert [s.user for s in found] == [host, quiet]
    assert dict(found[0].reasons)[str(Reason.HOSTED.label)] == "1"


@pytest.mark.django_db
def test_suggestions_never_include_the_asker_unlisted_or_invisible_people(skill):
    asker = person(offers=[skill])
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    unlisted = person(offers=[skill], user=MembershipFactory(organisation=hidden).user)
    opted_in = person(
        offers=[skill], user=MembershipFactory(organisation=hidden).user, listed_if_hidden=True
    )
    own_org_only = person(offers=[skill], visibility=ProfileVisibility.ORGANISATION)
    listed = person(offers=[skill])

    found = {s.user for s in suggestions(viewer=asker, topic=Topic(skill=skill))}

    assert found == {opted_in, listed}
    assert asker not in found and unlisted not in found and own_org_only not in found


@pytest.mark.django_db
def test_suggestions_need_a_topic():
    assert suggestions(viewer=person(), topic=Topic()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("peers", [2, 8])
def test_suggestions_take_constant_queries(skill, peers, django_assert_max_num_queries):
    asker = person()
    theme = FocusArea.objects.first()
    for _index in range(peers):
        person(offers=[skill], themes=[theme], region=Region.SOUTH_ASIA)
    with django_assert_max_num_queries(12):
        found = suggestions(viewer=asker, topic=Topic(skill=skill, theme=theme))
        assert len(found) == peers
        for peer in found:
            assert peer.reasons
