import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import Invitation, User, hash_token
from partners.enums import MembershipRole, Region, Visibility
from partners.models import Membership, Organisation
from tests.utils import PASSWORD


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
    is_staff = True


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
