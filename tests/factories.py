import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import Invitation, User
from activities.enums import ActivityStatus, ActivityType, Audience, RegistrationStatus
from activities.models import Activity, Registration
from campaigns.models import Campaign
from convenings.enums import ConveningState, SessionKind
from convenings.models import Convening, ConveningSession
from core.tokens import hash_token
from feedback.enums import SurveyAudience, SurveyKind
from feedback.models import Choice, Question, Survey
from learning.models import LearningQuestion
from mentoring.models import MentoringRequest
from partners.enums import MembershipRole, Region, Visibility
from partners.models import Membership, Organisation, OrganisationInvitation
from people.enums import ProfileVisibility
from people.models import Profile, Skill
from resources.models import Resource, ResourceFile
from stories.models import Story
from tests.mfa import give_authenticator
from tests.utils import PASSWORD
from workinggroup.enums import ItemKind, ItemState
from workinggroup.models import Item, Meeting


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    language = "en"
    timezone = "UTC"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        """A verified primary address, as allauth keeps it, unless verified_email=False."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    """A member of the Learning Lab team. Staff must use two-factor authentication, so they
    get an authenticator app by default (`tests.mfa.totp_code(user)` gives its current code);
    `totp=False` makes one who has not set it up yet."""

    is_staff = True

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            give_authenticator(obj)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    country = "SN"
    region = Region.WEST_CENTRAL_AFRICA
    visibility = Visibility.COMMUNITY


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER


class PartnerFactory(UserFactory):
    """A person who belongs to a partner organisation (a membership in a new one): a member of
    the community, which is what most pages ask of a signed-in person."""

    membership = factory.RelatedFactory(MembershipFactory, factory_related_name="user")


class InvitationFactory(DjangoModelFactory):
    """An open invitation; the plain token is `invitation.token` (set by the factory only)."""

    class Meta:
        model = Invitation

    class Params:
        token = factory.Sequence(lambda n: f"test-invitation-token-{n}")

    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    language = "en"
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    # Given an organisation, an invitation into it (partners.OrganisationInvitation).
    organisation = None
    role = MembershipRole.MEMBER

    @classmethod
    def _create(cls, model_class, *args, organisation=None, role=MembershipRole.MEMBER, **kwargs):
        invitation = super()._create(model_class, *args, **kwargs)
        if organisation is not None:
            OrganisationInvitation.objects.create(
                invitation=invitation, organisation=organisation, role=role
            )
        return invitation


class ActivityFactory(DjangoModelFactory):
    """A scheduled community call a week from now, hosted by a new organisation."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    type = ActivityType.CALL
    title_en = factory.Sequence(lambda n: f"Activity {n}")
    original_language = "en"
    spoken_languages = "en"
    interpretation_languages = "es,fr"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    timezone = "Africa/Dakar"
    online_link = "https://meet.example/secret-room"
    audience = Audience.COMMUNITY
    status = ActivityStatus.SCHEDULED

    @factory.post_generation
    def hosts(obj, create, extracted, **kwargs):
        if create:
            obj.host_organisations.set(extracted or [OrganisationFactory()])


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    activity = factory.SubFactory(ActivityFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED


class ItemFactory(DjangoModelFactory):
    """A submitted recommendation from a new partner organisation."""

    class Meta:
        model = Item

    kind = ItemKind.RECOMMENDATION
    state = ItemState.SUBMITTED
    title_en = factory.Sequence(lambda n: f"Item {n}")
    description_en = "Why it matters."
    original_language = "en"
    proposer = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda o: MembershipFactory(user=o.proposer).organisation)
    submitted_at = factory.LazyFunction(timezone.now)


class ProposalFactory(ItemFactory):
    kind = ItemKind.PROPOSAL
    activity_type = "webinar"
    spoken_languages = "es"
    interpretation_languages = "en,fr"
    format = "online"
    audience = "public"


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    timezone = "America/Bogota"


class SurveyFactory(DjangoModelFactory):
    """An open survey for all partner members with a scale, a choice and a text question."""

    class Meta:
        model = Survey
        skip_postgeneration_save = True

    kind = SurveyKind.SURVEY
    title_en = factory.Sequence(lambda n: f"Survey {n}")
    audience = SurveyAudience.PARTNERS
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))

    @factory.post_generation
    def questions(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Question.objects.create(
            survey=obj,
            position=1,
            kind="scale",
            required=True,
            text_en="How useful?",
            scale_low_label_en="Not at all",
            scale_high_label_en="Very",
        )
        single = Question.objects.create(
            survey=obj, position=2, kind="single", required=False, text_en="Again?"
        )
        for position, text in enumerate(["Yes", "No"], start=1):
            Choice.objects.create(question=single, position=position, text_en=text)
        Question.objects.create(
            survey=obj, position=3, kind="text", required=False, text_en="Anything else?"
        )


class LearningQuestionFactory(DjangoModelFactory):
    """A question asked in English by a partner member."""

    class Meta:
        model = LearningQuestion

    title_en = factory.Sequence(lambda n: f"How do we learn {n}?")
    body_en = "What have others tried?"
    original_language = "en"
    asked_by = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda o: MembershipFactory(user=o.asked_by).organisation)


class ResourceFactory(DjangoModelFactory):
    """A public English toolkit with an English link; `organisations=[...]` names its makers."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Toolkit {n}")
    summary_en = "How to run a workshop."
    original_language = "en"
    kind = "toolkit"
    licence = "cc-by-4.0"
    visibility = "public"

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.organisations.set(extracted)

    @factory.post_generation
    def files(obj, create, extracted, **kwargs):
        if create and extracted is None:
            ResourceFile.objects.create(resource=obj, language="en", link="https://example.org/t")


class StoryFactory(DjangoModelFactory):
    """A draft story written in English by a partner member for their organisation (pass
    `authors=[...]`, else one new member is its author)."""

    class Meta:
        model = Story
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"How we reached {n} women")
    body_en = "We went village by village."
    original_language = "en"
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        people = extracted or [MembershipFactory(organisation=self.organisation).user]
        self.authors.add(*people)


class CampaignFactory(DjangoModelFactory):
    """A public international campaign in English, a year from now, for two weeks."""

    class Meta:
        model = Campaign

    title_en = factory.Sequence(lambda n: f"Campaign {n}")
    call_to_action_en = "Wear orange and share what you do."
    original_language = "en"
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    kind = "international"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=14))
    audience = "public"


class ConveningFactory(DjangoModelFactory):
    """A published convening in a month's time, three days long, in Oaxaca."""

    class Meta:
        model = Convening

    title_en = factory.Sequence(lambda n: f"Convening {n}")
    summary_en = "A week of learning together."
    original_language = "en"
    slug = factory.Sequence(lambda n: f"convening-{n}")
    city = "Oaxaca"
    country = "MX"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=2))
    state = ConveningState.PUBLISHED


class ConveningSessionFactory(DjangoModelFactory):
    """A plenary session of a convening: a new scheduled community activity during it."""

    class Meta:
        model = ConveningSession

    convening = factory.SubFactory(ConveningFactory)
    activity = factory.SubFactory(
        ActivityFactory,
        starts_at=factory.LazyAttribute(
            lambda o: datetime.datetime.combine(
                o.factory_parent.convening.starts_on, datetime.time(15), datetime.UTC
            )
        ),
    )
    kind = SessionKind.PLENARY


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"skill-{n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")
    name = factory.SelfAttribute("name_en")


class ProfileFactory(DjangoModelFactory):
    """The profile of a new partner member (pass `user=` for someone else's), seen by the
    community, with an English introduction."""

    class Meta:
        model = Profile

    user = factory.SubFactory(PartnerFactory)
    introduction_en = "I work with girls' clubs."
    original_language = "en"
    visibility = ProfileVisibility.COMMUNITY


class MentoringRequestFactory(DjangoModelFactory):
    """An open request between two new partner members on a new skill, in English."""

    class Meta:
        model = MentoringRequest

    requester = factory.SubFactory(PartnerFactory)
    peer = factory.SubFactory(PartnerFactory)
    skill = factory.SubFactory(SkillFactory)
    message = "Could you help me with our first grant proposal?"
    message_language = "en"
    language = "en"
