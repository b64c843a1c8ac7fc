from django.db.models import QuerySet

from accounts.models import User
from partners.models import Organisation


def organisations_of(*, user: User) -> QuerySet[Organisation]:
    """The organisations `user` belongs to, by name."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")
