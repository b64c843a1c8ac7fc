"""Every URL of the portal, for each role, answers as expected: allowed, sent to sign in,
refused (403) or not found (404, as if it did not exist). A URL missing from the table fails."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from activities.models import Material
from activities.services import change_status, request_support, rotate_calendar_token, suggest
from campaigns.models import CampaignStory
from convenings.models import ConveningStory
from convenings.services import save_registration
from core.stylesheet import COOKIE, current_version
from feedback.models import Response, SurveySummary
from notifications.models import Delivery
from notifications.services import unsubscribe_token
from partners.enums import MembershipRole
from people.enums import ProfileVisibility
from people.models import ProfileLanguage
from resources.models import ResourceFile
from stories.enums import StoryState
from stories.models import StoryPhoto
from tests.factories import (
    ActivityFactory,
    CampaignFactory,
    ConveningFactory,
    ConveningSessionFactory,
    InvitationFactory,
    ItemFactory,
    LearningQuestionFactory,
    MeetingFactory,
    MembershipFactory,
    MentoringRequestFactory,
    OrganisationFactory,
    ProfileFactory,
    ResourceFactory,
    SkillFactory,
    StaffFactory,
    StoryFactory,
    SurveyFactory,
    UserFactory,
)
from workinggroup.enums import ItemState
from workinggroup.models import AgendaEntry, DecisionRound, FollowUp

ROLES = ["visitor", "member", "other_lead", "wg_member", "staff"]
OK, LOGIN, DENIED, MISSING, METHOD = "ok", "login", "403", "404", "405"


def _everyone(outcome=OK):
    return dict.fromkeys(ROLES, outcome)


def _signed_in(outcome_for_others, staff=OK, visitor=LOGIN):
    return {
        "visitor": visitor,
        "member": outcome_for_others,
        "other_lead": outcome_for_others,
        "wg_member": outcome_for_others,
        "staff": staff,
    }


COMMUNITY = _signed_in(OK)
STAFF_ONLY = _signed_in(DENIED)
COMMUNITY_PAGE = {**_everyone(OK), "visitor": MISSING}

# url name -> (method, kwargs from the world, data from the world, expected by role)
MATRIX = {
    "portal:home": ("get", {}, {}, _everyone()),
    "favicon": ("get", {}, {}, _everyone()),
    "set_language": ("post", {}, {"language": "es", "next": "/en/"}, _everyone()),
    "personal_calendar": ("get", {"token": "calendar_token"}, {}, _everyone()),
    "unsubscribe": ("get", {"token": "unsubscribe_token"}, {}, _everyone()),
    "accounts:profile": ("get", {}, {}, COMMUNITY),
    "accounts:invite": ("get", {}, {}, STAFF_ONLY),
    "accounts:invitation": ("get", {"token": "invitation_token"}, {}, _everyone()),
    "activities:list": ("get", {}, {}, _everyone()),
    # Partners host their own (partner-led) activities; the team adds any (issue 16).
    "activities:create": ("get", {}, {}, COMMUNITY),
    "activities:my_calendar": ("get", {}, {}, COMMUNITY),
    "activities:mine": ("get", {}, {}, COMMUNITY),
    "activities:public_ics": ("get", {}, {}, _everyone()),
    "activities:feed": ("get", {}, {}, _everyone()),
    "activities:detail": ("get", {"pk": "activity"}, {}, COMMUNITY_PAGE),
    "activities:ics": ("get", {"pk": "activity"}, {}, COMMUNITY_PAGE),
    "activities:register": ("post", {"pk": "activity"}, {}, COMMUNITY),
    "activities:cancel_registration": ("post", {"pk": "activity"}, {}, COMMUNITY),
    "activities:edit": ("get", {"pk": "activity"}, {}, STAFF_ONLY),
    "activities:cancel": ("get", {"pk": "activity"}, {}, STAFF_ONLY),
    "activities:publish": ("post", {"pk": "activity"}, {}, STAFF_ONLY),
    "activities:attendees": ("get", {"pk": "activity"}, {}, STAFF_ONLY),
    "activities:attendees_csv": ("get", {"pk": "activity"}, {}, STAFF_ONLY),
    "activities:add_material": ("get", {"pk": "activity"}, {}, STAFF_ONLY),
    "activities:material": (
        "get",
        {"pk": "activity", "material_pk": "material"},
        {},
        COMMUNITY_PAGE,
    ),
    "partners:directory": ("get", {}, {}, _everyone()),
    "partners:map": ("get", {}, {}, _everyone()),
    "partners:create": ("get", {}, {}, STAFF_ONLY),
    "partners:profile": ("get", {"slug": "organisation"}, {}, COMMUNITY_PAGE),
    "partners:edit": ("get", {"slug": "organisation"}, {}, STAFF_ONLY),
    "partners:members": ("get", {"slug": "organisation"}, {}, STAFF_ONLY),
    "partners:change_role": (
        "post",
        {"slug": "organisation", "pk": "membership"},
        {"role": "lead"},
        STAFF_ONLY,
    ),
    "partners:remove_member": (
        "post",
        {"slug": "organisation", "pk": "membership"},
        {},
        STAFF_ONLY,
    ),
    "workinggroup:overview": ("get", {}, {}, COMMUNITY),
    "workinggroup:mine": ("get", {}, {}, COMMUNITY),
    "workinggroup:propose": ("get", {}, {}, _signed_in(OK, staff=DENIED)),
    "workinggroup:recommend": ("get", {}, {}, _signed_in(OK, staff=DENIED)),
    "workinggroup:item": ("get", {"pk": "item"}, {}, COMMUNITY),
    "workinggroup:edit": ("get", {"pk": "item"}, {}, _signed_in(DENIED, staff=DENIED)),
    "workinggroup:translations": ("get", {"pk": "item"}, {}, STAFF_ONLY),
    "workinggroup:act": (
        "post",
        {"pk": "item"},
        {"action": "request_changes", "version": "item_version", "message": "Dates?"},
        STAFF_ONLY,
    ),
    "workinggroup:support": ("post", {"pk": "item"}, {}, COMMUNITY),
    "workinggroup:comment": ("post", {"pk": "item"}, {"body": "Yes"}, COMMUNITY),
    "workinggroup:queue": ("get", {}, {}, STAFF_ONLY),
    "workinggroup:log": ("get", {}, {}, STAFF_ONLY),
    "workinggroup:meetings": ("get", {}, {}, COMMUNITY),
    "workinggroup:meeting_create": ("get", {}, {}, STAFF_ONLY),
    "workinggroup:meeting": (
        "get",
        {"pk": "meeting"},
        {},
        {**_signed_in(MISSING), "wg_member": OK},
    ),
    "workinggroup:meeting_comment": (
        "post",
        {"pk": "meeting"},
        {"body": "Hi"},
        {**_signed_in(MISSING), "wg_member": OK},
    ),
    "workinggroup:meeting_add_entry": (
        "post",
        {"pk": "meeting"},
        {"language": "en", "title": "Free item"},
        STAFF_ONLY,
    ),
    "workinggroup:meeting_move_entry": (
        "post",
        {"pk": "meeting", "entry_pk": "entry"},
        {"direction": "up"},
        STAFF_ONLY,
    ),
    "workinggroup:meeting_outcome": (
        "post",
        {"pk": "meeting", "entry_pk": "entry"},
        {"language": "en"},
        STAFF_ONLY,
    ),
    "workinggroup:meeting_publish": ("post", {"pk": "meeting"}, {}, STAFF_ONLY),
    "learning:list": ("get", {}, {}, COMMUNITY),
    "learning:ask": ("get", {}, {}, COMMUNITY),
    "learning:question": ("get", {"pk": "learning_question"}, {}, COMMUNITY),
    "learning:edit": (
        "get",
        {"pk": "learning_question"},
        {},
        {**_signed_in(DENIED), "member": OK},
    ),
    "learning:support": ("post", {"pk": "learning_question"}, {"support": "yes"}, COMMUNITY),
    "learning:link": (
        "post",
        {"pk": "learning_question"},
        {"activity": "activity"},
        {**_signed_in(DENIED), "member": OK},
    ),
    "learning:moderate": ("post", {"pk": "learning_question"}, {"hide": "no"}, STAFF_ONLY),
    "feedback:list": ("get", {}, {}, COMMUNITY),
    "feedback:box": ("get", {}, {}, COMMUNITY),
    "feedback:answer": ("get", {"pk": "survey"}, {}, _signed_in(OK, staff=MISSING)),
    "feedback:results": ("get", {"pk": "survey"}, {}, STAFF_ONLY),
    "feedback:results_csv": ("get", {"pk": "survey"}, {}, STAFF_ONLY),
    "feedback:manage": ("get", {}, {}, STAFF_ONLY),
    "feedback:survey_create": ("get", {}, {}, STAFF_ONLY),
    "feedback:survey_edit": ("get", {"pk": "survey"}, {}, STAFF_ONLY),
    "feedback:question_add": ("post", {"pk": "survey"}, {"kind": "text"}, STAFF_ONLY),
    "feedback:question_delete": (
        "post",
        {"pk": "survey", "question_pk": "question"},
        {},
        STAFF_ONLY,
    ),
    "feedback:summary_edit": ("get", {"pk": "closed_survey"}, {}, STAFF_ONLY),
    "feedback:summary_publish": ("post", {"pk": "closed_survey"}, {}, STAFF_ONLY),
    "feedback:summary_unpublish": ("post", {"pk": "closed_survey"}, {}, STAFF_ONLY),
    "feedback:heard": ("get", {"pk": "summary"}, {}, COMMUNITY),
    "portal:what_we_heard": ("get", {}, {}, COMMUNITY),
    "workinggroup:follow_up_add": ("get", {"pk": "approved_item"}, {}, STAFF_ONLY),
    "workinggroup:follow_up_edit": (
        "get",
        {"pk": "approved_item", "follow_up_pk": "follow_up"},
        {},
        STAFF_ONLY,
    ),
    "feedback:attach": ("get", {"activity_pk": "activity"}, {}, STAFF_ONLY),
    "notifications:preferences": ("get", {}, {}, COMMUNITY),
    "notifications:deliveries": ("get", {}, {}, STAFF_ONLY),
    "notifications:retry": ("post", {"pk": "delivery"}, {}, STAFF_ONLY),
    # --- Partner-led activities (issue 16): "member" is a host person of `led_activity` and
    # `held_activity`; the others are not hosts.
    "activities:open_support": ("get", {}, {}, STAFF_ONLY),
    "activities:hold_back": ("get", {"pk": "led_activity"}, {}, STAFF_ONLY),
    "activities:release": (
        "get",
        {"pk": "held_activity"},
        {},
        {**_signed_in(MISSING), "member": DENIED},
    ),
    "activities:support": ("get", {"pk": "led_activity"}, {}, {**STAFF_ONLY, "member": OK}),
    "activities:ask_support": (
        "post",
        {"pk": "led_activity"},
        {"kind": "budget"},
        {**_signed_in(DENIED, staff=DENIED), "member": OK},
    ),
    "activities:answer_support": (
        "post",
        {"pk": "led_activity", "request_pk": "support_request"},
        {"decision": "yes"},
        STAFF_ONLY,
    ),
    "activities:suggest": ("post", {"pk": "led_activity"}, {"text": "Idea"}, STAFF_ONLY),
    "activities:answer_suggestion": (
        "post",
        {"pk": "led_activity", "suggestion_pk": "suggestion"},
        {"decision": "no"},
        {**_signed_in(DENIED, staff=DENIED), "member": OK},
    ),
    # --- The Working Group decides (issue 16) ---
    "workinggroup:decision_open": ("get", {"pk": "item"}, {}, STAFF_ONLY),
    "workinggroup:decision_position": (
        "post",
        {"pk": "decision_round"},
        {"stance": "consent"},
        # Members take positions; staff only record a member's (with "member"), never their own.
        {**_signed_in(DENIED, staff=DENIED), "wg_member": OK},
    ),
    "workinggroup:decision_close": ("post", {"pk": "decision_round"}, {}, STAFF_ONLY),
    "workinggroup:decision_cancel": ("post", {"pk": "decision_round"}, {}, STAFF_ONLY),
    # --- The resource library (issue 17): "member" added `resource` (public, with a file).
    "resources:list": ("get", {}, {}, _everyone()),
    "resources:add": ("get", {}, {}, COMMUNITY),
    "resources:detail": ("get", {"pk": "resource"}, {}, _everyone()),
    "resources:edit": ("get", {"pk": "resource"}, {}, {**_signed_in(DENIED), "member": OK}),
    "resources:file": ("get", {"pk": "resource", "file_pk": "resource_file"}, {}, _everyone()),
    "resources:moderate": ("post", {"pk": "resource"}, {"hide": "no"}, STAFF_ONLY),
    # --- Partner stories (issue 17): "member" is the author of `story` (published, public)
    # and of `draft_story`; the others do not see a draft (404).
    "stories:list": ("get", {}, {}, _everyone()),
    "stories:feed": ("get", {}, {}, _everyone()),
    "stories:write": ("get", {}, {}, _signed_in(OK, staff=DENIED)),
    "stories:story": ("get", {"pk": "story"}, {}, _everyone()),
    "stories:edit": ("get", {"pk": "draft_story"}, {}, {**_signed_in(MISSING), "member": OK}),
    "stories:add_photo": (
        "get",
        {"pk": "draft_story"},
        {},
        {**_signed_in(MISSING), "member": OK},
    ),
    "stories:photo": ("get", {"pk": "story", "photo_pk": "story_photo"}, {}, _everyone()),
    "stories:remove_photo": (
        "post",
        {"pk": "draft_story", "photo_pk": "draft_photo"},
        {},
        {**_signed_in(MISSING), "member": OK},
    ),
    "stories:act": (
        "post",
        {"pk": "draft_story"},
        {"action": "submit", "version": "draft_story_version"},
        {**_signed_in(MISSING, staff=DENIED), "member": OK},
    ),
    "stories:moderate": ("post", {"pk": "story"}, {"hide": "no"}, STAFF_ONLY),
    # --- Campaigns (issue 17): `campaign` is the team's, public, with "member"'s `story` tagged
    # to it; `partner_campaign` is run by "member"'s organisation (whose lead is not a role
    # here). Partner leads create partner campaigns; partners tag their organisation's items.
    "campaigns:list": ("get", {}, {}, _everyone()),
    "campaigns:calendar": ("get", {}, {}, _everyone()),
    "campaigns:ics": ("get", {}, {}, _everyone()),
    "campaigns:create": (
        "get",
        {},
        {},
        {**_signed_in(DENIED), "other_lead": OK},
    ),
    "campaigns:detail": ("get", {"slug": "campaign"}, {}, _everyone()),
    "campaigns:edit": ("get", {"slug": "partner_campaign"}, {}, STAFF_ONLY),
    "campaigns:add": (
        "post",
        {"slug": "partner_campaign"},
        {"kind": "story_kind", "item": "story"},
        {**_signed_in(DENIED), "member": OK},
    ),
    "campaigns:remove": (
        "post",
        {"slug": "campaign"},
        {"kind": "story_kind", "item": "story"},
        {**_signed_in(DENIED), "member": OK},
    ),
    # --- The convening (issue 17): "member" registered for `convening`'s community session.
    "convenings:list": ("get", {}, {}, _everyone()),
    "convenings:detail": ("get", {"slug": "convening"}, {}, _everyone()),
    "convenings:register": ("get", {"slug": "convening"}, {}, COMMUNITY),
    "convenings:cancel": ("post", {"slug": "convening"}, {}, COMMUNITY),
    "convenings:my_programme": ("get", {"slug": "convening"}, {}, COMMUNITY),
    "convenings:my_programme_ics": ("get", {"slug": "convening"}, {}, COMMUNITY),
    "convenings:manage": ("get", {"slug": "convening"}, {}, STAFF_ONLY),
    "convenings:set_state": ("post", {"slug": "convening"}, {"to": "archived"}, STAFF_ONLY),
    "convenings:attach_session": (
        "post",
        {"slug": "convening"},
        {"activity": "activity", "kind": "plenary", "order": "0"},
        STAFF_ONLY,
    ),
    "convenings:detach_session": (
        "post",
        {"slug": "convening", "session_pk": "convening_session"},
        {},
        STAFF_ONLY,
    ),
    "convenings:link_story": ("post", {"slug": "convening"}, {"story": "story"}, STAFF_ONLY),
    "convenings:unlink_story": (
        "post",
        {"slug": "convening", "link_pk": "convening_story"},
        {},
        STAFF_ONLY,
    ),
    # --- People and regions (issue 18): `profile_person` is the lead of "member"'s organisation,
    # whose profile (with a photo) is shown only to their organisation.
    "people:directory": ("get", {}, {}, COMMUNITY),
    "people:me": ("get", {}, {}, COMMUNITY),
    "people:photo_edit": ("get", {}, {}, COMMUNITY),
    "people:photo_remove": ("post", {}, {}, COMMUNITY),
    "people:person": (
        "get",
        {"pk": "profile_person"},
        {},
        {**_signed_in(MISSING), "member": OK},
    ),
    "people:photo": (
        "get",
        {"pk": "profile_person"},
        {},
        {**_signed_in(MISSING), "member": OK},
    ),
    "regions:index": ("get", {}, {}, _everyone()),
    "regions:region": ("get", {"code": "region"}, {}, _everyone()),
    # --- Peer mentoring (issue 18): "other_lead" asked "member" (open, `mentoring_request`);
    # "member" and "wg_member" are under way (`mentoring_relationship`). A request is the two
    # people's alone: 404 for anyone else, the team included.
    "mentoring:mine": ("get", {}, {}, COMMUNITY),
    "mentoring:figures": ("get", {}, {}, STAFF_ONLY),
    "mentoring:ask": ("get", {}, {"topic": "mentoring_topic"}, COMMUNITY),
    "mentoring:new": (
        "get",
        {},
        {"peer": "mentoring_peer", "topic": "mentoring_topic"},
        {**_signed_in(OK), "member": MISSING},
    ),
    "mentoring:request": (
        "get",
        {"pk": "mentoring_request"},
        {},
        {**_signed_in(MISSING, staff=MISSING), "member": OK, "other_lead": OK},
    ),
    "mentoring:accept": (
        "post",
        {"pk": "mentoring_request"},
        {"version": "mentoring_version"},
        {**_signed_in(MISSING, staff=MISSING), "member": OK, "other_lead": DENIED},
    ),
    "mentoring:decline": (
        "get",
        {"pk": "mentoring_request"},
        {},
        {**_signed_in(MISSING, staff=MISSING), "member": OK, "other_lead": DENIED},
    ),
    "mentoring:withdraw": (
        "post",
        {"pk": "mentoring_request"},
        {"version": "mentoring_version"},
        {**_signed_in(MISSING, staff=MISSING), "member": DENIED, "other_lead": OK},
    ),
    "mentoring:plan": (
        "get",
        {"pk": "mentoring_relationship"},
        {},
        {**_signed_in(MISSING, staff=MISSING), "member": OK, "wg_member": OK},
    ),
    "mentoring:end": (
        "get",
        {"pk": "mentoring_relationship"},
        {},
        {**_signed_in(MISSING, staff=MISSING), "member": OK, "wg_member": OK},
    ),
}


def _url_names(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            module = pattern.urlconf_module
            name = "" if isinstance(module, list) else getattr(module, "__name__", "")
            if pattern.namespace == "admin" or name.startswith("allauth"):
                continue
            yield from _url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_matrix():
    assert set(_url_names()) == set(MATRIX)


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisation = OrganisationFactory(slug="org-a", visibility="community")
    owner = MembershipFactory(organisation=organisation, role=MembershipRole.LEAD).user
    member_membership = MembershipFactory(organisation=organisation)
    activity = ActivityFactory(hosts=[organisation])
    material = Material.objects.create(
        activity=activity,
        kind="slides",
        title="Slides",
        language="en",
        file=SimpleUploadedFile("s.pdf", b"%PDF-1.4 test"),
    )
    item = ItemFactory(proposer=owner, organisation=organisation)
    learning_question = LearningQuestionFactory(
        asked_by=member_membership.user, organisation=organisation
    )
    meeting = MeetingFactory()
    entry = AgendaEntry.objects.create(meeting=meeting, position=1, title_en="Item")
    survey = SurveyFactory()
    Response.objects.bulk_create(Response(survey=survey) for _ in range(5))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    closed_survey = SurveyFactory(
        opens_on=yesterday - datetime.timedelta(days=5), closes_on=yesterday
    )
    summary = SurveySummary.objects.create(
        survey=closed_survey, what_we_heard_en="Heard.", published_at=timezone.now()
    )
    approved_item = ItemFactory(state=ItemState.APPROVED)
    follow_up = FollowUp.objects.create(item=approved_item, description_en="Do it", owner="Team")
    # --- The Working Group decides (issue 16): an item being decided, its round open ---
    decision_round = DecisionRound.objects.create(
        item=ItemFactory(state=ItemState.IN_DECISION),
        method="consent",
        opened_by=StaffFactory(),
        closes_at=timezone.now() + datetime.timedelta(days=2),
        members_counted=3,
        returns_to=ItemState.SUBMITTED,
    )
    users = {
        "visitor": None,
        "member": member_membership.user,
        "other_lead": MembershipFactory(role=MembershipRole.LEAD).user,
        "wg_member": MembershipFactory(user=UserFactory(is_working_group_member=True)).user,
        "staff": StaffFactory(),
    }
    InvitationFactory(token="matrix-token")
    delivery = Delivery.objects.create(
        key="x", kind="reminder", user=owner, due_at=activity.starts_at, status="failed"
    )
    # --- Partner-led activities (issue 16)
    led_activity = ActivityFactory(hosts=[organisation], led_by="partners")
    led_activity.host_people.add(member_membership.user)
    held_activity = ActivityFactory(hosts=[organisation], led_by="partners")
    held_activity.host_people.add(member_membership.user)
    change_status(activity=held_activity, to="held_back", by=users["staff"], reason="Unsafe")
    support_request = request_support(
        activity=led_activity, by=member_membership.user, kind="budget"
    )
    suggestion = suggest(activity=led_activity, by=users["staff"], text="Idea")
    # --- The resource library (issue 17)
    resource = ResourceFactory(added_by=member_membership.user, organisations=[organisation])
    resource_file = ResourceFile.objects.create(
        resource=resource, language="es", file=SimpleUploadedFile("g.pdf", b"%PDF-1.4 test")
    )
    # --- Partner stories (issue 17)
    story = StoryFactory(
        organisation=organisation,
        authors=[member_membership.user],
        state=StoryState.PUBLISHED,
        published_at=timezone.now(),
    )
    draft_story = StoryFactory(organisation=organisation, authors=[member_membership.user])
    story_photo = StoryPhoto.objects.create(
        story=story, image=SimpleUploadedFile("p.jpg", _jpeg()), alt_text="A"
    )
    draft_photo = StoryPhoto.objects.create(
        story=draft_story, image=SimpleUploadedFile("d.jpg", _jpeg()), alt_text="A"
    )
    # --- Campaigns (issue 17)
    campaign = CampaignFactory(slug="matrix-campaign")
    CampaignStory.objects.create(campaign=campaign, story=story)
    partner_campaign = CampaignFactory(
        slug="matrix-partner-campaign", kind="partner", organisation=organisation
    )
    # --- The convening (issue 17): a coming convening with a community session; "member"
    # registered for it; a published story already in its archive.
    convening = ConveningFactory(slug="matrix-convening")
    convening_session = ConveningSessionFactory(convening=convening, activity__hosts=[organisation])
    save_registration(
        convening=convening, user=member_membership.user, session_ids=[convening_session.pk]
    )
    convening_story = ConveningStory.objects.create(
        convening=convening,
        story=StoryFactory(state=StoryState.PUBLISHED, published_at=timezone.now()),
    )
    # --- People and regions (issue 18)
    ProfileFactory(
        user=owner,
        visibility=ProfileVisibility.ORGANISATION,
        photo=SimpleUploadedFile("me.jpg", _jpeg()),
        photo_alt="Me",
    )
    # --- Peer mentoring (issue 18)
    skill = SkillFactory(slug="matrix-skill")
    offering = ProfileFactory(user=member_membership.user)
    offering.skills_offered.add(skill)
    ProfileLanguage.objects.create(profile=offering, code="en", level="fluent")
    mentoring_request = MentoringRequestFactory(
        requester=users["other_lead"], peer=member_membership.user, skill=skill
    )
    mentoring_relationship = MentoringRequestFactory(
        requester=member_membership.user, peer=users["wg_member"], skill=skill, state="accepted"
    )
    return {
        "mentoring_topic": f"skill:{skill.slug}",
        "mentoring_peer": member_membership.user.pk,
        "mentoring_request": mentoring_request.pk,
        "mentoring_version": mentoring_request.version,
        "mentoring_relationship": mentoring_relationship.pk,
        "profile_person": owner.pk,
        "region": organisation.region,
        "campaign": campaign.slug,
        "partner_campaign": partner_campaign.slug,
        "story_kind": "story",  # the value posted as `kind` ("story" names the world's story)
        "convening": convening.slug,
        "convening_session": convening_session.pk,
        "convening_story": convening_story.pk,
        "resource": resource.pk,
        "resource_file": resource_file.pk,
        "story": story.pk,
        "draft_story": draft_story.pk,
        "draft_story_version": draft_story.version,
        "story_photo": story_photo.pk,
        "draft_photo": draft_photo.pk,
        "led_activity": led_activity.pk,
        "held_activity": held_activity.pk,
        "support_request": support_request.pk,
        "suggestion": suggestion.pk,
        "users": users,
        "activity": activity.pk,
        "material": material.pk,
        "organisation": organisation.slug,
        "membership": member_membership.pk,
        "item": item.pk,
        "item_version": item.version,
        "learning_question": learning_question.pk,
        "meeting": meeting.pk,
        "entry": entry.pk,
        "survey": survey.pk,
        "closed_survey": closed_survey.pk,
        "summary": summary.pk,
        "approved_item": approved_item.pk,
        "follow_up": follow_up.pk,
        "question": survey.questions.first().pk,
        "delivery": delivery.pk,
        "decision_round": decision_round.pk,
        "calendar_token": rotate_calendar_token(user=owner),
        "unsubscribe_token": unsubscribe_token(owner, "reminders"),
        "invitation_token": "matrix-token",
    }


def _outcome(response) -> str:
    location = response.get("Location", "")
    if response.status_code in (301, 302) and "/accounts/login/" in location:
        return LOGIN
    return {403: DENIED, 404: MISSING, 405: METHOD}.get(response.status_code, OK)


CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), CASES)
def test_permission_matrix(client, world, name, role):
    method, kwargs, data, expected = MATRIX[name]
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs={key: world[value] for key, value in kwargs.items()})
    payload = {key: world.get(value, value) for key, value in data.items()}

    response = getattr(client, method)(url, payload)

    assert _outcome(response) == expected[role], (url, response.status_code)


GET_CASES = [(name, role) for name, role in CASES if MATRIX[name][0] == "get"]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), GET_CASES)
def test_permission_matrix_after_everyone_else_read_the_page(client, world, name, role):
    """The same answers with the shared cache full: every other role reads the page first, so
    whatever they were shown is kept (core.content_cache), then the role asks."""
    _method, kwargs, data, expected = MATRIX[name]
    url = reverse(name, kwargs={key: world[value] for key, value in kwargs.items()})
    payload = {key: world.get(value, value) for key, value in data.items()}
    for other in ROLES:
        if other == role:
            continue
        browser = Client()
        browser.cookies[COOKIE] = current_version()
        if world["users"][other] is not None:
            browser.force_login(world["users"][other])
        browser.get(url, payload)
    if world["users"][role] is not None:
        client.force_login(world["users"][role])

    response = client.get(url, payload)

    assert _outcome(response) == expected[role], (url, response.status_code)
