"""Who may see and do what with campaigns: the one place these rules live.

The team creates and edits every campaign, and adds or removes any activity, story or resource.
A partner lead creates a partner campaign for an organisation they lead and edits it. Partners
(members of an organisation) tag to a campaign they may see the activities their organisation
hosts, the stories it wrote and the resources it made, as long as those are visible (listed,
published, not hidden by the team), and remove the links of their organisation's items.
A campaign of a hidden organisation is shown without naming it to those who may not see it
(templates name it through the `traces` tags, feeds and previews through partners.selectors)."""

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff
from campaigns.enums import CampaignAudience
from campaigns.exceptions import CampaignNotAllowed
from campaigns.models import Campaign
from partners.permissions import is_community_member
from partners.selectors import lead_organisation_ids


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def member_organisation_ids(user: User) -> frozenset[int]:
    """The organisations `user` belongs to (read once per request)."""
    if not _active(user):
        return frozenset()
    cached = getattr(user, "_campaign_organisation_ids", None)
    if cached is None:
        cached = frozenset(user.memberships.values_list("organisation_id", flat=True))
        user._campaign_organisation_ids = cached
    return cached


def _lead_ids(user: User) -> frozenset[int]:
    if not _active(user):
        return frozenset()
    cached = getattr(user, "lead_organisation_ids", None)
    if cached is None:
        cached = lead_organisation_ids(user=user)
        user.lead_organisation_ids = cached
    return frozenset(cached)


def can_view(user: User, campaign: Campaign) -> bool:
    """The rule `selectors.campaigns_visible_to` applies to a query, for one campaign."""
    if campaign.audience == CampaignAudience.PUBLIC:
        return True
    return is_community_member(user)


def can_create(user: User) -> bool:
    """The team, and partner leads (a partner campaign of their own organisation)."""
    return is_staff(user) or bool(_lead_ids(user))


def can_edit(user: User, campaign: Campaign) -> bool:
    if is_staff(user):
        return True
    return campaign.organisation_id is not None and campaign.organisation_id in _lead_ids(user)


def can_tag(user: User, campaign: Campaign) -> bool:
    """Whether `user` may add items to `campaign` at all (which items: see selectors)."""
    if is_staff(user):
        return True
    return bool(member_organisation_ids(user)) and can_view(user, campaign)


def may_remove(user: User, item_organisation_ids) -> bool:
    """The team removes any link; a partner the links of their organisation's items."""
    if is_staff(user):
        return True
    return bool(set(item_organisation_ids) & member_organisation_ids(user))


# --- Refusals ---------------------------------------------------------------------------------


def ensure_can_create(user: User) -> None:
    if not can_create(user):
        raise CampaignNotAllowed(
            _("Campaigns are created by the team, and by partner leads for their organisation.")
        )


def ensure_can_edit(user: User, campaign: Campaign) -> None:
    if not can_edit(user, campaign):
        raise CampaignNotAllowed(
            _("Only the team and the leads of the organisation running it can change it.")
        )


def ensure_can_tag(user: User, campaign: Campaign) -> None:
    if not can_tag(user, campaign):
        raise CampaignNotAllowed(
            _("Partners add their organisation’s activities, stories and resources to campaigns.")
        )
