from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    LEAD = "lead", _("Lead")
