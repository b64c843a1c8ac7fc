from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the dependency graph: pages and wiring that gather from many apps (the home
    page, the menu's booleans, the language switcher that saves a preference, the demo data)."""

    name = "portal"
    verbose_name = _("Portal")
