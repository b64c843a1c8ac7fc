"""Hidden means hidden, everywhere: a crawl of every page, feed, calendar, export and email.

A hidden organisation is planted with canary values that appear nowhere else: its name, slug,
city, the time zone of the activities it hosts, its members' names and their email domain.
It co-hosts an activity with a visible organisation, hosts one alone, proposes to the Working
Group, comments, registers, and sits on a published agenda. Then every role reads the portal:
every URL of the permission matrix, every link found on the way, the feeds and calendars, the
CSV exports, and every kind of email rendered for them. Any canary in what a role may not see
fails the test, with the URL. Staff and the organisation's own member must see the canaries
(the positive control that proves the crawl can find them).

New pages, feeds and emails inherit the test: the matrix already fails when a URL is missing,
and links are followed wherever they lead.
"""

import datetime
import html
import io
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from activities import services as activity_services
from activities.enums import Audience, LedBy, RegistrationStatus
from activities.models import ActivityLog, Material, Registration
from activities.notifications import _activity_ics
from activities.services import rotate_calendar_token
from campaigns.models import CampaignActivity, CampaignResource, CampaignStory
from convenings.models import ConveningRegistration, ConveningSession, ConveningStory
from feedback.enums import SurveyAudience
from mentoring import services as mentoring_services
from mentoring.selectors import Topic
from notifications.enums import Kind
from notifications.models import Delivery
from notifications.registry import NotDue
from notifications.services import render, unsubscribe_token
from partners.enums import MembershipRole, Region, Visibility
from partners.models import FocusArea
from people.enums import LanguageLevel
from people.models import ProfileLanguage, Skill
from resources.models import ResourceFile
from stories.enums import Audience as StoryAudience
from stories.enums import StoryState
from stories.models import StoryPhoto
from tests.factories import (
    ActivityFactory,
    CampaignFactory,
    ConveningFactory,
    LearningQuestionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
    ProposalFactory,
    ResourceFactory,
    StaffFactory,
    StoryFactory,
    SurveyFactory,
    UserFactory,
)
from tests.hardening.test_permission_matrix import MATRIX
from tests.utils import attachment
from workinggroup.enums import ItemState, MeetingState
from workinggroup.models import AgendaEntry, Comment, DecisionRound, ModerationLog, Position

# Every canary of the hidden organisation starts with "zqx", except its time zone. Random
# tokens (CSRF, signatures) are removed before the search, and a canary must start a word.
CANARY = re.compile(r"(?<![A-Za-z0-9])zqx|chatham", re.IGNORECASE)
TOKENS = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
HIDDEN_ZONE = "Pacific/Chatham"
# A withdrawn item that once sat on an agenda: only its own side and staff may see its title.
WITHDRAWN = re.compile(r"qqwithdrawn", re.IGNORECASE)

MAY_SEE_HIDDEN = {"staff", "hidden_member"}
MAY_SEE_WITHDRAWN = {"staff", "host_lead"}
ROLES = ["visitor", "member", "host_lead", "other_lead", "wg_member", "staff", "hidden_member"]
PAGES_PER_ROLE = 160
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/accounts/logout/")


def _person(name: str, email: str, **extra):
    return UserFactory(display_name=name, email=email, timezone=HIDDEN_ZONE, **extra)


@pytest.fixture
def canary_world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    hidden = OrganisationFactory(
        name="Zqxhidden Collective",
        slug="zqxhidden-slug",
        city="Zqxville",
        visibility=Visibility.HIDDEN,
        contact_name="Zqxcontact Person",
        contact_email="contact@zqxmail.example",
    )
    hidden_lead = MembershipFactory(
        organisation=hidden,
        role=MembershipRole.LEAD,
        # A Working Group member too: their position in a decision is shown to the Working
        # Group, never with their name to a member who may not see their organisation.
        user=_person("Zqxlead Person", "lead@zqxmail.example", is_working_group_member=True),
    ).user
    hidden_member = MembershipFactory(
        organisation=hidden, user=_person("Zqxmember Person", "member@zqxmail.example")
    ).user

    visible = OrganisationFactory(name="Open Circle", slug="open-circle")
    host_lead = MembershipFactory(organisation=visible, role=MembershipRole.LEAD).user
    member = MembershipFactory(organisation=visible).user
    other_lead = MembershipFactory(role=MembershipRole.LEAD).user
    wg_member = MembershipFactory(user=UserFactory(is_working_group_member=True)).user
    staff = StaffFactory()

    # Co-hosted: visible to the community, with the hidden organisation's zone and people.
    shared = ActivityFactory(
        title_en="Shared learning call", hosts=[hidden, visible], timezone=HIDDEN_ZONE
    )
    shared.host_people.set([hidden_lead, host_lead])
    # Hosted by the hidden organisation alone, public.
    alone = ActivityFactory(
        title_en="Open webinar", hosts=[hidden], timezone=HIDDEN_ZONE, audience=Audience.PUBLIC
    )
    people = [member, host_lead, other_lead, wg_member, staff, hidden_member, hidden_lead]
    for person in people:
        Registration.objects.create(
            activity=shared,
            user=person,
            status=RegistrationStatus.CONFIRMED,
            interpretation_language="fr",
        )
    Registration.objects.create(activity=alone, user=hidden_member)

    proposal = ProposalFactory(
        title_en="Safe spaces for girls",
        proposer=hidden_lead,
        organisation=hidden,
        state=ItemState.SUBMITTED,
    )
    proposal.proposed_hosts.set([hidden, visible])
    withdrawn = ProposalFactory(
        title_en="Qqwithdrawn plan",
        proposer=host_lead,
        organisation=visible,
        state=ItemState.WITHDRAWN,
    )
    Comment.objects.create(item=proposal, author=hidden_member, body="We can host it.")
    meeting = MeetingFactory(state=MeetingState.PUBLISHED, published_at=timezone.now())
    AgendaEntry.objects.create(meeting=meeting, position=1, item=proposal)
    AgendaEntry.objects.create(meeting=meeting, position=2, item=withdrawn)
    draft_meeting = MeetingFactory()
    AgendaEntry.objects.create(meeting=draft_meeting, position=1, item=proposal)
    Comment.objects.create(meeting=draft_meeting, author=hidden_lead, body="Agreed.")
    log = ModerationLog.objects.create(
        item=proposal,
        actor=staff,
        action="put_on_agenda",
        from_state=ItemState.SUBMITTED,
        to_state=ItemState.ON_AGENDA,
        message="On the agenda.",
    )
    # --- The Working Group decides (issue 16): the proposal being decided; the hidden lead
    # objected (recorded by staff from the call). ---
    proposal.state = ItemState.IN_DECISION
    proposal.save()
    decision_round = DecisionRound.objects.create(
        item=proposal,
        meeting=meeting,
        method="consent",
        opened_by=staff,
        closes_at=timezone.now() + datetime.timedelta(days=2),
        members_counted=2,
        returns_to=ItemState.ON_AGENDA,
    )
    Position.objects.create(
        decision_round=decision_round,
        member=hidden_lead,
        stance="object",
        reason="Not this month.",
        recorded_by=staff,
    )
    survey = SurveyFactory(audience=SurveyAudience.ACTIVITY, activity=shared)
    # A learning question asked by the hidden organisation's lead, supported by its member,
    # linked to the shared activity and the proposal.
    question = LearningQuestionFactory(
        title_en="How do we reach rural youth?", asked_by=hidden_lead, organisation=hidden
    )
    question.supporters.add(hidden_member, member)
    question.activities.add(shared)

    # --- Partner-led activities (issue 16): the hidden organisation leads one alone (public),
    # and one with the visible organisation, held back by the team; support asked, suggestions.
    led_alone = ActivityFactory(
        title_en="Circle we lead",
        hosts=[hidden],
        timezone=HIDDEN_ZONE,
        audience=Audience.PUBLIC,
        led_by=LedBy.PARTNERS,
    )
    led_alone.host_people.set([hidden_lead])
    led_shared = ActivityFactory(
        title_en="Circle we co-lead",
        hosts=[hidden, visible],
        timezone=HIDDEN_ZONE,
        led_by=LedBy.PARTNERS,
    )
    led_shared.host_people.set([hidden_lead, host_lead])
    for led in (led_alone, led_shared):
        activity_services.request_support(activity=led, by=hidden_lead, kind="interpretation")
        activity_services.suggest(activity=led, by=staff, text="Add a Spanish session.")
    activity_services.change_status(
        activity=led_shared, to="held_back", by=staff, reason="Names a shelter."
    )
    # The hosts' emails of the shared activity (see test_no_email_shows_a_hidden_organisation).
    shared_support = activity_services.request_support(activity=shared, by=host_lead, kind="budget")
    shared_suggestion = activity_services.suggest(activity=shared, by=staff, text="Record it.")
    shared_log = ActivityLog.objects.create(
        activity=shared, action="held_back", actor=staff, reason="Checked."
    )
    activity_services.answer_support(support=shared_support, by=staff, confirm=True)

    # --- The resource library (issue 17): a public toolkit the hidden organisation made (its
    # title names nothing), one it made with the visible organisation for the community, and
    # one only for itself whose title and file are canaries; and materials of the shared activity.
    library_public = ResourceFactory(title_en="Safety toolkit", organisations=[hidden], files=False)
    library_file = ResourceFile.objects.create(
        resource=library_public,
        language="es",
        file=SimpleUploadedFile("zqxguide.pdf", b"%PDF-1.4 safety"),
    )
    ResourceFactory(
        title_en="Shared curriculum", organisations=[hidden, visible], visibility="community"
    )
    ResourceFactory(
        title_en="Zqxinternal plan",
        summary_es="Zqxville",
        organisations=[hidden],
        visibility="organisation",
        added_by=hidden_lead,
    )
    Material.objects.create(
        activity=shared, kind="notes", title="Call notes", language="en", link="https://example.org"
    )
    # --- Partner stories (issue 17): the hidden organisation publishes a public story without
    # naming itself (its lead wrote it, with a photo), and keeps a named draft; the visible
    # organisation publishes a community-only one.
    anonymous_story = StoryFactory(
        title_en="A shelter that listens",
        organisation=hidden,
        authors=[hidden_lead, hidden_member],
        anonymous=True,
        state=StoryState.PUBLISHED,
        published_at=timezone.now(),
    )
    story_photo = StoryPhoto.objects.create(
        story=anonymous_story,
        image=SimpleUploadedFile("p.jpg", _jpeg()),
        alt_text="Chairs in a circle",
    )
    hidden_draft = StoryFactory(title_en="Our draft", organisation=hidden, authors=[hidden_lead])
    StoryFactory(
        title_en="Community only story",
        organisation=visible,
        authors=[member],
        audience=StoryAudience.COMMUNITY,
        state=StoryState.PUBLISHED,
        published_at=timezone.now(),
    )

    # --- Campaigns (issue 17): the hidden organisation runs a public partner campaign, and its
    # public activity, anonymous story and public toolkit are tagged to it and to the team's
    # 16 Days campaign, next to the shared activity and the community-only resource.
    hidden_campaign = CampaignFactory(
        title_en="Girls on the radio",
        slug="girls-on-the-radio",
        kind="partner",
        organisation=hidden,
        hashtag="GirlsOnAir",
    )
    sixteen_days = CampaignFactory(title_en="16 Days of Activism", slug="16-days")
    for campaign in (hidden_campaign, sixteen_days):
        CampaignActivity.objects.create(campaign=campaign, activity=alone, added_by=hidden_lead)
        CampaignActivity.objects.create(campaign=campaign, activity=shared, added_by=host_lead)
        CampaignStory.objects.create(campaign=campaign, story=anonymous_story, added_by=hidden_lead)
        CampaignResource.objects.create(
            campaign=campaign, resource=library_public, added_by=hidden_lead
        )
    # --- The convening (issue 17): the shared activity and the hidden organisation's public
    # webinar are sessions; everyone registered for the shared one chose it; the anonymous story
    # is in the archive.
    convening = ConveningFactory(title_en="Gathering 2027", slug="gathering-2027")
    shared_session = ConveningSession.objects.create(convening=convening, activity=shared)
    ConveningSession.objects.create(convening=convening, activity=alone, kind="public_event")
    for person in people:
        ConveningRegistration.objects.create(convening=convening, user=person).sessions.add(
            shared_session
        )
    ConveningStory.objects.create(convening=convening, story=anonymous_story)

    # --- People and regions (issue 18): a member of the hidden organisation who chose to be
    # listed (her name is hers to show: never with the organisation, its city, zone or email
    # domain), and its member who did not (never shown to anyone outside it). Both work on a
    # theme of the visible organisation, so region pages would suggest them as peers.
    theme = FocusArea.objects.get(slug="girls-education")
    visible.focus_areas.add(theme)
    listed = MembershipFactory(
        organisation=hidden,
        user=UserFactory(
            display_name="Listed Nadia", email="nadia@zqxmail.example", timezone=HIDDEN_ZONE
        ),
    ).user
    listed_profile = ProfileFactory(
        user=listed,
        listed_if_hidden=True,
        region=Region.LATIN_AMERICA,
        introduction_en="I train facilitators.",
    )
    unlisted_profile = ProfileFactory(
        user=hidden_member, region=Region.LATIN_AMERICA, introduction_en="Zqxintro of a secret"
    )
    for profile in (listed_profile, unlisted_profile):
        profile.themes.add(theme)
        profile.skills_offered.add(Skill.objects.get(slug="fundraising"))
        ProfileLanguage.objects.create(profile=profile, code="fr", level=LanguageLevel.FLUENT)
    ProfileFactory(user=member, region=visible.region).themes.add(theme)
    # --- Peer mentoring (issue 18): "member" asked the listed hidden member for mentoring; she
    # accepted and planned the first session in her (the hidden organisation's) zone. She also
    # asked "wg_member", still open. Neither the suggestions, the requests, the emails, the
    # private session nor its .ics may name her organisation, its zone or its email domain.
    fundraising = Skill.objects.get(slug="fundraising")
    ProfileLanguage.objects.create(profile=member.profile, code="fr", level=LanguageLevel.WORKING)
    wg_profile = ProfileFactory(user=wg_member)
    wg_profile.skills_offered.add(fundraising)
    ProfileLanguage.objects.create(profile=wg_profile, code="fr", level=LanguageLevel.FIRST)
    mentoring = mentoring_services.ask(
        requester=member, peer=listed, topic=Topic(skill=fundraising), message="Bonjour"
    )
    mentoring_services.accept(request=mentoring, by=listed)
    mentoring_session = mentoring_services.plan_session(
        relationship=mentoring,
        by=listed,
        starts_at=timezone.now() + datetime.timedelta(days=4),
        minutes=60,
        zone=HIDDEN_ZONE,
        online_link="https://meet.example/pair-room",
    )
    asked_by_hidden = mentoring_services.ask(
        requester=listed, peer=wg_member, topic=Topic(skill=fundraising), message="Hola"
    )

    users = {
        "visitor": None,
        "member": member,
        "host_lead": host_lead,
        "other_lead": other_lead,
        "wg_member": wg_member,
        "staff": staff,
        "hidden_member": hidden_member,
    }
    return {
        "users": users,
        "shared": shared,
        "alone": alone,
        "led_alone": led_alone,
        "led_shared": led_shared,
        "shared_support": shared_support,
        "shared_suggestion": shared_suggestion,
        "shared_log": shared_log,
        "proposal": proposal,
        "meeting": meeting,
        "draft_meeting": draft_meeting,
        "log": log,
        "survey": survey,
        "hidden": hidden,
        "decision_round": decision_round,
        # The permission matrix's names, pointing at the hidden organisation's traces.
        "kwargs": {
            "activity": shared.pk,
            "organisation": visible.slug,
            "item": proposal.pk,
            "meeting": meeting.pk,
            "survey": survey.pk,
            "learning_question": question.pk,
            "resource": library_public.pk,
            "resource_file": library_file.pk,
            "story": anonymous_story.pk,
            "story_photo": story_photo.pk,
            "draft_story": hidden_draft.pk,
            "campaign": hidden_campaign.slug,
            "partner_campaign": hidden_campaign.slug,
            "convening": convening.slug,
            "profile_person": hidden_member.pk,
            "region": visible.region,
        },
        "listed": listed,
        "mentoring": mentoring,
        "mentoring_session": mentoring_session.activity,
        "asked_by_hidden": asked_by_hidden,
    }


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (250, 250, 250)).save(out, "JPEG")
    return out.getvalue()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def _links(body: str) -> list[str]:
    parser = _Links()
    parser.feed(body)
    return parser.links


# A time zone menu lists every zone of the world: its unselected option for the hidden
# organisation's zone names nothing. Every other option (organisations, people) is searched.
UNSELECTED_ZONE = re.compile(
    r'<option value="' + HIDDEN_ZONE + r'"(?![^>]*\bselected\b)[^>]*>[^<]*</option>'
)


def _readable(content: bytes) -> str:
    text = content.decode("utf-8", errors="replace")
    return html.unescape(UNSELECTED_ZONE.sub("", TOKENS.sub("", text)))


def _leaks(text: str, role: str) -> list[str]:
    found = []
    if role not in MAY_SEE_HIDDEN:
        found += [match.group(0) for match in CANARY.finditer(text)]
    if role not in MAY_SEE_WITHDRAWN:
        found += [match.group(0) for match in WITHDRAWN.finditer(text)]
    return found


def _local(url: str) -> str | None:
    url, _fragment = urldefrag(url)
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if not parts.path.startswith("/") or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _start_urls(world, user) -> list[str]:
    kwargs_of = {
        **world["kwargs"],
        "material": 0,
        "membership": 0,
        "entry": 0,
        "question": 0,
        "delivery": 0,
        # What we heard: the summary and follow-up pages of the world's survey and item (the
        # What we heard list itself is crawled with everything else).
        "closed_survey": world["kwargs"]["survey"],
        "summary": 0,
        "approved_item": world["kwargs"]["item"],
        "follow_up": 0,
        # Partner-led activities: the hidden organisation's own.
        "led_activity": world["led_alone"].pk,
        "held_activity": world["led_shared"].pk,
        "support_request": 0,
        "suggestion": 0,
        "draft_photo": 0,
        "convening_session": 0,
        "convening_story": 0,
        "mentoring_topic": "skill:fundraising",
        "mentoring_peer": world["listed"].pk,
        "mentoring_request": world["asked_by_hidden"].pk,
        "mentoring_relationship": world["mentoring"].pk,
    }
    urls = []
    for name, (method, kwargs, _data, _expected) in MATRIX.items():
        if method != "get" or set(kwargs) & {"material", "token"}:
            continue
        urls.append(reverse(name, kwargs={key: kwargs_of[value] for key, value in kwargs.items()}))
    shared, alone = world["shared"].pk, world["alone"].pk
    urls += [
        reverse("activities:detail", kwargs={"pk": alone}),
        reverse("activities:detail", kwargs={"pk": world["led_alone"].pk}),
        reverse("activities:detail", kwargs={"pk": world["led_shared"].pk}),
        reverse("activities:support", kwargs={"pk": world["led_shared"].pk}),
        reverse("activities:ics", kwargs={"pk": alone}),
        reverse("activities:attendees_csv", kwargs={"pk": shared}),
        reverse("activities:edit", kwargs={"pk": shared}),
        reverse("workinggroup:meeting", kwargs={"pk": world["draft_meeting"].pk}),
        reverse("feedback:results_csv", kwargs={"pk": world["survey"].pk}),
        reverse("activities:list") + "?when=past",
        "/es/activities/",
        "/fr/partners/",
        "/es/library/?q=toolkit",
        reverse("campaigns:detail", kwargs={"slug": "16-days"}),
        "/fr/campaigns/girls-on-the-radio/",
        reverse("campaigns:ics"),
        reverse("people:person", kwargs={"pk": world["listed"].pk}),
        "/fr/people/?skill=fundraising&language=fr",
        "/es/regions/latin_america/",
        f"/en/activities/?region={world['hidden'].region}",
        reverse("mentoring:request", kwargs={"pk": world["mentoring"].pk}),
        reverse("activities:detail", kwargs={"pk": world["mentoring_session"].pk}),
        reverse("activities:ics", kwargs={"pk": world["mentoring_session"].pk}),
        "/fr/mentoring/ask/?topic=skill:fundraising&interpretation=on",
    ]
    if user is not None:
        urls.append(
            reverse("personal_calendar", kwargs={"token": rotate_calendar_token(user=user)})
        )
        urls.append(reverse("unsubscribe", kwargs={"token": unsubscribe_token(user, "reminders")}))
    return urls


def _crawl(client, world, role) -> tuple[dict[str, list[str]], int, str]:
    """Every page the role reaches, with what leaked on each; also all the text read, for the
    positive control."""
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    queue = _start_urls(world, user)
    seen, leaks, everything = set(), {}, []
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, (role, url, response.status_code)
        if response.status_code in (301, 302):
            target = _local(response["Location"])
            if target:
                queue.append(target)
            continue
        content = b"".join(response) if response.streaming else response.content
        text = _readable(content)
        everything.append(text)
        found = _leaks(text, role)
        if found:
            leaks[url] = sorted(set(found))
        if "html" in response.get("Content-Type", ""):
            queue += [link for link in map(_local, _links(content.decode())) if link]
    return leaks, len(seen), "\n".join(everything)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_page_feed_calendar_or_export_shows_a_hidden_organisation(client, canary_world, role):
    leaks, pages, text = _crawl(client, canary_world, role)

    assert leaks == {}, f"{role} saw what is hidden from them on {leaks}"
    assert pages >= 25, f"the crawl for {role} reached only {pages} pages"
    # The hidden organisation's anonymous story is read by everyone (issue 17), unnamed.
    assert "A shelter that listens" in text
    # Its campaign too (issue 17), without its name for those who may not see it.
    assert "Girls on the radio" in text
    if role not in ("visitor", "staff", "hidden_member"):
        # The member of the hidden organisation who opted in is listed, without it.
        assert "I train facilitators." in text
    if role == "member":
        # Their mentoring with the hidden member was crawled (the request and its session).
        assert "Bonjour" in text and "Listed Nadia" in text
    if role in MAY_SEE_HIDDEN:
        # The positive control: the same crawl finds the canaries where they may be seen.
        assert "Zqxhidden Collective" in text
        assert "Zqxlead Person" in text


EMAIL_KINDS = [
    Kind.REMINDER,
    Kind.HOST_REMINDER,
    Kind.ACTIVITY_CHANGED,
    Kind.ACTIVITY_CANCELLED,
    Kind.PLACE_AVAILABLE,
    Kind.PROPOSAL_UPDATE,
    Kind.RECOMMENDATION_DECIDED,
    Kind.AGENDA_PUBLISHED,
    Kind.SURVEY_OPEN,
    Kind.SURVEY_REMINDER,
    # Partner-led activities (issue 16): to the hosts.
    Kind.ACTIVITY_HELD_BACK,
    Kind.ACTIVITY_RELEASED,
    Kind.SUPPORT_ANSWERED,
    Kind.SUGGESTION_RECEIVED,
    Kind.DECISION_OPENED,
    Kind.DECISION_REMINDER,
    Kind.DECISION_RESULT,
    # Peer mentoring (issue 18): each role is given a request from the hidden member (to them),
    # and the introduction, the answer and the ending of the world's relationship.
    Kind.MENTORING_REQUEST,
    Kind.MENTORING_ACCEPTED,
    Kind.MENTORING_DECLINED,
    Kind.MENTORING_ENDED,
]


def _mentoring_ref(world, user, kind) -> int:
    """A request between `user` and the listed member of the hidden organisation, in the state
    the email of `kind` is about (hers to them for a request, theirs to her otherwise)."""
    from mentoring.models import MentoringRequest
    from tests.factories import MentoringRequestFactory

    listed = world["listed"]
    if kind == Kind.MENTORING_REQUEST:
        found = MentoringRequest.objects.filter(requester=listed, peer=user, state="requested")
        return (
            found.first() or MentoringRequestFactory(requester=listed, peer=user, message="Hi")
        ).pk
    state = {
        Kind.MENTORING_ACCEPTED: "accepted",
        Kind.MENTORING_DECLINED: "declined",
        Kind.MENTORING_ENDED: "ended",
    }[kind]
    return MentoringRequestFactory(
        requester=user, peer=listed, state=state, decline_note="Not now", ended_by=listed
    ).pk


def _delivery(world, user, kind) -> Delivery:
    if kind.startswith("mentoring_"):
        return Delivery.objects.create(
            key=f"canary-{kind}-{user.pk}",
            kind=kind,
            user=user,
            ref_id=_mentoring_ref(world, user, kind),
            due_at=timezone.now() - datetime.timedelta(minutes=1),
        )
    shared = world["shared"]
    registration = Registration.objects.filter(activity=shared, user=user).first()
    ref = {
        Kind.PROPOSAL_UPDATE: world["log"].pk,
        Kind.RECOMMENDATION_DECIDED: world["log"].pk,
        Kind.AGENDA_PUBLISHED: world["meeting"].pk,
        Kind.SURVEY_OPEN: world["survey"].pk,
        Kind.SURVEY_REMINDER: world["survey"].pk,
        Kind.ACTIVITY_HELD_BACK: world["shared_log"].pk,
        Kind.ACTIVITY_RELEASED: world["shared_log"].pk,
        Kind.SUPPORT_ANSWERED: world["shared_support"].pk,
        Kind.SUGGESTION_RECEIVED: world["shared_suggestion"].pk,
        Kind.DECISION_OPENED: world["decision_round"].pk,
        Kind.DECISION_REMINDER: world["decision_round"].pk,
        Kind.DECISION_RESULT: world["decision_round"].pk,
    }.get(kind)
    return Delivery.objects.create(
        key=f"canary-{kind}-{user.pk}",
        kind=kind,
        user=user,
        activity=shared,
        registration=registration,
        ref_id=ref,
        due_at=timezone.now() - datetime.timedelta(minutes=1),
    )


def _email_text(message) -> str:
    parts = [message.subject, message.body, *(body for body, _type in message.alternatives)]
    parts += [attachment(message, index)[1].decode() for index in range(len(message.attachments))]
    parts += [f"{name}: {value}" for name, value in message.extra_headers.items()]
    # Signed unsubscribe tokens are random letters: "…_Zqx…" in one would be a false alarm.
    text = _readable("\n".join(parts).encode())
    return re.sub(r"/notifications/unsubscribe/[^/\s>\"]+/", "/notifications/unsubscribe/T/", text)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [role for role in ROLES if role != "visitor"])
def test_no_email_shows_a_hidden_organisation(canary_world, role):
    user = canary_world["users"][role]
    canary_world["shared"].host_people.add(user)  # so the host reminder is due for everyone
    _activity_ics.cache_clear()
    rendered, leaks = 0, {}
    for kind in EMAIL_KINDS:
        delivery = _delivery(canary_world, user, kind)
        try:
            message = render(delivery)
        except NotDue:
            continue
        rendered += 1
        found = _leaks(_email_text(message), role)
        if found:
            leaks[kind] = sorted(set(found))

    assert leaks == {}, f"emails to {role} carried {leaks}"
    assert rendered == len(EMAIL_KINDS), f"only {rendered} kinds rendered for {role}"


@pytest.mark.django_db
def test_calendar_for_an_outsider_is_in_utc_and_for_staff_in_the_hosts_zone(client, canary_world):
    url = reverse("activities:ics", kwargs={"pk": canary_world["shared"].pk})
    client.force_login(canary_world["users"]["member"])
    outsider = client.get(url).content.decode()
    client.force_login(canary_world["users"]["staff"])
    staff = client.get(url).content.decode()

    assert "TZID" not in outsider
    assert re.search(r"DTSTART:\d{8}T\d{6}Z", outsider)
    assert f"DTSTART;TZID={HIDDEN_ZONE}:" in staff


@pytest.mark.django_db
def test_a_hidden_slug_in_a_filter_answers_like_one_that_does_not_exist(client, canary_world):
    client.force_login(canary_world["users"]["member"])

    hidden = client.get("/en/activities/?host=zqxhidden-slug")
    missing = client.get("/en/activities/?host=nothing-here-slug")

    def page(response, slug):
        return TOKENS.sub("", response.content.decode()).replace(slug, "X")

    assert hidden.status_code == missing.status_code
    assert page(hidden, "zqxhidden-slug") == page(missing, "nothing-here-slug")


def _edit_data(activity, **changes):
    return {
        "type": activity.type,
        "title_en": "Renamed call",
        "original_language": "en",
        "format": activity.format,
        "audience": activity.audience,
        "spoken": ["en"],
        "host_organisations": [],
        "starts_at": "2031-05-06T10:00",
        "ends_at": "2031-05-06T12:00",
        **changes,
    }


@pytest.mark.django_db
def test_a_host_is_offered_only_the_organisations_and_people_they_may_see(client, canary_world):
    shared = canary_world["shared"]
    client.force_login(canary_world["users"]["host_lead"])

    form = client.get(reverse("activities:edit", kwargs={"pk": shared.pk})).context["form"]

    offered = {o.slug for o in form.fields["host_organisations"].queryset}
    people = {p.display_name for p in form.fields["host_people"].queryset}
    assert "zqxhidden-slug" not in offered
    assert "open-circle" in offered
    assert not any(name.startswith("Zqx") for name in people)
    assert "timezone" not in form.fields
    assert form.fields["starts_at"].label == "Starts (UTC)"


@pytest.mark.django_db
def test_a_host_saving_keeps_the_cohost_and_zone_they_cannot_see(client, canary_world):
    shared = canary_world["shared"]
    visible = shared.host_organisations.get(slug="open-circle")
    client.force_login(canary_world["users"]["host_lead"])

    response = client.post(
        reverse("activities:edit", kwargs={"pk": shared.pk}),
        _edit_data(shared, host_organisations=[visible.pk]),
    )

    shared.refresh_from_db()
    assert response.status_code == 302
    assert shared.title == "Renamed call"
    assert set(shared.host_organisations.values_list("slug", flat=True)) == {
        "open-circle",
        "zqxhidden-slug",
    }
    assert {p.display_name for p in shared.host_people.all()} >= {"Zqxlead Person"}
    assert shared.timezone == HIDDEN_ZONE
    # Typed in UTC, stored in UTC.
    assert shared.starts_at == datetime.datetime(2031, 5, 6, 10, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_a_host_cannot_add_a_hidden_organisation_by_posting_its_id(client, canary_world):
    shared = canary_world["shared"]
    other_hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    visible = shared.host_organisations.get(slug="open-circle")
    client.force_login(canary_world["users"]["host_lead"])

    response = client.post(
        reverse("activities:edit", kwargs={"pk": shared.pk}),
        _edit_data(shared, host_organisations=[visible.pk, other_hidden.pk]),
    )

    assert response.status_code == 400
    assert not shared.host_organisations.filter(pk=other_hidden.pk).exists()
    assert other_hidden.name not in response.content.decode()


@pytest.mark.django_db
def test_staff_see_and_keep_the_hosts_zone(client, canary_world):
    shared = canary_world["shared"]
    client.force_login(canary_world["users"]["staff"])

    form = client.get(reverse("activities:edit", kwargs={"pk": shared.pk})).context["form"]

    assert form.initial["timezone"] == HIDDEN_ZONE
    assert "zqxhidden-slug" in {o.slug for o in form.fields["host_organisations"].queryset}


@pytest.mark.django_db
def test_who_is_coming_counts_people_it_may_not_name(client, canary_world):
    client.force_login(canary_world["users"]["member"])

    page = client.get(reverse("activities:detail", kwargs={"pk": canary_world["shared"].pk}))

    participants = page.context["participants"]
    assert participants.others == 2  # the hidden organisation's lead and member
    assert len(participants.people) == 5
    assert "and 2 other people" in page.content.decode()


# Where a template may print a person's name or email, or an organisation's city, directly:
# each is the viewer themselves, a list already filtered by partners.selectors, or staff only.
# Everywhere else, the `traces` tags ({% person_name %}, {% organisation_name %}, ...) decide.
DIRECT_TRACES = {
    ("accounts/profile.html", "user.email"): "the viewer's own address",
    ("portal/home.html", "user.display_name"): "the viewer's own name",
    ("activities/detail.html", "person.display_name"): "people from {% visible_people %}",
    ("notifications/deliveries.html", "delivery.user.email"): "staff only",
    ("partners/_card.html", "organisation.city"): "cards of the directory selector",
    ("partners/map.html", "organisation.city"): "pins of the map selector",
    # Profiles reach these templates only through people.selectors.profiles_visible_to, which
    # lists a member of a hidden organisation only when they opted in, never with it.
    ("people/_card.html", "card.person.display_name"): "cards of profiles_visible_to",
    ("people/person.html", "person.display_name"): "a page of profiles_visible_to",
    # Peer mentoring: the suggestions are profiles_visible_to; every other page is one of the
    # viewer's own requests, naming the other of the two (who asked, or whom they asked), and
    # the address only once accepted and only when traces_for shows its owner.
    ("mentoring/ask.html", "peer.user.display_name"): "suggestions of profiles_visible_to",
    ("mentoring/new.html", "peer.display_name"): "a peer checked by selectors.may_ask",
    ("mentoring/_row.html", "item.peer.display_name"): "the viewer's own request",
    ("mentoring/_row.html", "item.requester.display_name"): "the viewer's own request",
    ("mentoring/request.html", "other.display_name"): "the other of the viewer's request",
    ("mentoring/decline.html", "other.display_name"): "the other of the viewer's request",
    ("mentoring/plan.html", "other.display_name"): "the other of the viewer's request",
    ("mentoring/end.html", "other.display_name"): "the other of the viewer's request",
    ("partners/profile.html", "organisation.city"): "the profile selector's organisation",
    ("partners/members.html", "membership.user.display_name"): "the organisation's own leads",
    ("partners/members.html", "membership.user.email"): "the organisation's own leads",
}
TRACE = re.compile(r"[a-z_.]*\.(?:display_name|email|city)\b")


def test_templates_print_people_and_places_only_through_the_traces_tags(settings):
    from pathlib import Path

    root = Path(settings.BASE_DIR) / "templates"
    found = set()
    for path in root.rglob("*"):
        if path.suffix not in (".html", ".txt") or path.parts[-2] in ("account", "allauth", "mfa"):
            continue
        for match in TRACE.finditer(path.read_text()):
            found.add((str(path.relative_to(root)), match.group(0)))

    assert found - set(DIRECT_TRACES) == set()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [role for role in ROLES if role not in MAY_SEE_HIDDEN])
def test_pages_kept_for_those_who_may_see_it_never_reach_anyone_else(client, canary_world, role):
    """The same crawl with the shared cache full: staff and the hidden organisation's own
    member read everything first (their pages, fragments, feeds and calendars are kept), then
    the role reads, from the cache wherever it may (core.content_cache)."""
    for first in sorted(MAY_SEE_HIDDEN):
        _crawl(_returning_browser(), canary_world, first)

    leaks, pages, _text = _crawl(client, canary_world, role)

    assert leaks == {}, f"{role} saw what is hidden from them on {leaks}"
    assert pages >= 25, f"the crawl for {role} reached only {pages} pages"


def _returning_browser():
    from django.test import Client

    from core.stylesheet import COOKIE, current_version

    browser = Client()
    browser.cookies[COOKIE] = current_version()
    return browser


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_convening_programme_and_calendar_name_a_hidden_host_only_to_those_who_may_see_it(
    client, canary_world, role
):
    """The crawl reaches these pages anyway; this says so, with the positive control on them."""
    user = canary_world["users"][role]
    if user is not None:
        client.force_login(user)
    slug = canary_world["kwargs"]["convening"]
    urls = [reverse("convenings:detail", kwargs={"slug": slug})]
    if user is not None:
        urls.append(reverse("convenings:my_programme", kwargs={"slug": slug}))
        urls.append(reverse("convenings:my_programme_ics", kwargs={"slug": slug}))
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts.append(_readable(response.content))
    text = "\n".join(texts)

    assert "Open webinar" in text  # the hidden organisation's public session, unnamed
    assert "A shelter that listens" in text  # its anonymous story, in the archive
    if role in MAY_SEE_HIDDEN:
        assert "Zqxhidden Collective" in text
        assert HIDDEN_ZONE in text  # the hosts' zone in the calendar
    else:
        assert _leaks(text, role) == []


@pytest.mark.django_db
def test_a_hidden_member_is_listed_only_when_she_opted_in_and_never_with_it(client, canary_world):
    client.force_login(canary_world["users"]["member"])

    directory = client.get("/en/people/?skill=fundraising").content.decode()
    person = client.get(f"/en/people/{canary_world['listed'].pk}/").content.decode()

    assert "Listed Nadia" in directory and "Zqxmember Person" not in directory
    assert "I train facilitators." in person and "Listed Nadia" in person
    assert not CANARY.search(_readable(person.encode()))
    unlisted = canary_world["users"]["hidden_member"].pk
    assert client.get(f"/en/people/{unlisted}/").status_code == 404
    # Her colleagues and the team see her with the organisation.
    client.force_login(canary_world["users"]["hidden_member"])
    person = client.get(f"/en/people/{canary_world['listed'].pk}/").content.decode()
    assert "Zqxhidden Collective" in person


@pytest.mark.django_db
def test_the_region_filter_of_activities_never_places_a_hidden_host(client, canary_world):
    """The hidden organisation alone hosts the public webinar: filtering by its region must not
    find it for those who may not see the organisation (that would tell where it is)."""
    region = canary_world["hidden"].region
    canary_world["hidden"].region = Region.SOUTH_ASIA
    canary_world["hidden"].save()

    page = client.get(f"/en/activities/?region={Region.SOUTH_ASIA}").content.decode()

    assert "Open webinar" not in page
    client.force_login(canary_world["users"]["staff"])
    page = client.get(f"/en/activities/?region={Region.SOUTH_ASIA}").content.decode()
    assert "Open webinar" in page
    assert region
