from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.models import Group

        from accounts.models import User
        from accounts.permissions import page_signature
        from core import content_cache
        from core.cache_signals import watch
        from core.content_cache import ACTIVITIES, PARTNERS

        # Names on pages, and roles (groups) that decide the menu.
        watch(User, (PARTNERS, ACTIVITIES), person="pk")
        # A group's permissions decide who is offered the admin (permissions.can_use_admin).
        watch(Group, (PARTNERS,), many_to_many=[Group.permissions.through])
        content_cache.provide("signature", page_signature)
