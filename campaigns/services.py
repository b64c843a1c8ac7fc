"""Every write of campaigns: creating and editing a campaign (optimistic concurrency through
`version`), tagging activities, stories and resources to it and removing them."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff
from campaigns import permissions, selectors
from campaigns.enums import CampaignAudience, CampaignKind, ItemKind
from campaigns.exceptions import CampaignError
from campaigns.models import RESERVED_SLUGS, Campaign
from core import languages
from partners.models import Organisation

TEXT_FIELDS = ("title", "summary", "call_to_action")
KEEP = object()  # update_campaign: the organisation stays as it is


def _stale() -> CampaignError:
    return CampaignError(
        _(
            "This campaign changed since you opened the page. Your text is still in the form: "
            "copy what you need, reload the page and try again."
        ),
        status_code=409,
    )


def _refuse(error: ValidationError) -> CampaignError:
    messages = [message for messages in error.message_dict.values() for message in messages]
    return CampaignError(" ".join(messages))


def _organisation_for(*, by: User, kind: str, organisation: Organisation | None):
    if organisation is not None and not (
        selectors.organisation_choices(user=by).filter(pk=organisation.pk).exists()
    ):
        raise CampaignError(_("Choose an organisation you lead."))
    if not is_staff(by):
        if kind != CampaignKind.PARTNER:
            raise CampaignError(_("Partners run partner campaigns: choose “Partner campaign”."))
        if organisation is None:
            raise CampaignError(_("Choose the organisation running the campaign."))
    if kind == CampaignKind.PARTNER and organisation is None:
        raise CampaignError(_("A partner campaign is run by a partner organisation: choose it."))
    return organisation


def _apply(campaign: Campaign, *, data: dict) -> None:
    for name in [n for f in TEXT_FIELDS for n in languages.per_language(f)]:
        if name in data:
            setattr(campaign, name, (data[name] or "").strip())
    for name in ("original_language", "starts_on", "ends_on", "kind", "audience", "link"):
        if name in data:
            setattr(campaign, name, data[name])
    if "hashtag" in data:
        campaign.hashtag = (data["hashtag"] or "").strip().lstrip("#")
    language = campaign.original_language
    if not (getattr(campaign, f"title_{language}", "") or "").strip():
        raise CampaignError(_("Give the title in the language the campaign is written in."))
    if campaign.starts_on and campaign.ends_on and campaign.ends_on < campaign.starts_on:
        raise CampaignError(_("A campaign ends on or after the day it starts."))


def _save(campaign: Campaign) -> Campaign:
    try:
        campaign.full_clean()
    except ValidationError as error:
        raise _refuse(error) from None
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError:
        raise CampaignError(_("Another campaign already has this address.")) from None
    return campaign


@transaction.atomic
def create_campaign(
    *,
    by: User,
    slug: str,
    organisation: Organisation | None = None,
    **data,
) -> Campaign:
    """A new campaign: by the team (any kind), or by a partner lead (a partner campaign of an
    organisation they lead). `data` holds the texts per language (`title_es`, ...), the
    language it is written in, the dates, kind, audience, hashtag and link."""
    permissions.ensure_can_create(by)
    kind = data.get("kind") or CampaignKind.PARTNER
    data["kind"] = kind
    if slug in RESERVED_SLUGS:
        raise CampaignError(_("This address is taken: choose another."))
    campaign = Campaign(
        slug=slug,
        created_by=by,
        audience=data.get("audience") or CampaignAudience.PUBLIC,
        organisation=_organisation_for(by=by, kind=kind, organisation=organisation),
    )
    _apply(campaign, data=data)
    return _save(campaign)


@transaction.atomic
def update_campaign(
    *,
    campaign: Campaign,
    by: User,
    version: int | None,
    organisation: Organisation | object | None = KEEP,
    **data,
) -> Campaign:
    """Change a campaign; refused (409) from a page rendered from another version of it, so
    two people editing at once never overwrite each other unknowingly. A partner lead keeps it
    a partner campaign of an organisation they lead; the team may change anything."""
    permissions.ensure_can_edit(by, campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if version is None or version != campaign.version:
        raise _stale()
    permissions.ensure_can_edit(by, campaign)
    kind = data.get("kind") or campaign.kind
    data["kind"] = kind
    if organisation is KEEP:
        organisation = campaign.organisation
    campaign.organisation = _organisation_for(by=by, kind=kind, organisation=organisation)
    _apply(campaign, data=data)
    campaign.version += 1
    return _save(campaign)


@transaction.atomic
def add_item(*, campaign: Campaign, by: User, kind: str, item_id: int):
    """Tag an activity, story or resource to `campaign`: a partner one of their organisation's
    visible items, the team any visible item. Refused (400) for anything else, as for an item
    that does not exist."""
    permissions.ensure_can_tag(by, campaign)
    if kind not in ItemKind.values:
        raise CampaignError(_("This request was not understood. Go back and try again."))
    item = selectors.addable(user=by, campaign=campaign, kind=kind)
    found = item.model.objects.filter(pk__in=item.values("pk")).filter(pk=item_id).first()
    if found is None:
        raise CampaignError(
            _("You can add only your organisation’s visible activities, stories and resources."),
            status_code=403,
        )
    model, name = selectors.LINKS[kind]
    try:
        # A savepoint: two people adding the same item at once meet the unique pair, and the
        # second finds the first's link instead of an error.
        with transaction.atomic():
            link, _created = model.objects.get_or_create(
                campaign=campaign, **{name: found}, defaults={"added_by": by}
            )
    except IntegrityError:
        link = model.objects.get(campaign=campaign, **{name: found})
    return link


@transaction.atomic
def remove_item(*, campaign: Campaign, by: User, kind: str, item_id: int) -> None:
    """Untag an item: the team any, a partner their organisation's. 404 for a link that does
    not exist or that `by` may not see."""
    if kind not in ItemKind.values:
        raise CampaignError(_("This request was not understood. Go back and try again."))
    link = selectors.link_for(user=by, campaign=campaign, kind=kind, item_id=item_id)
    if link is None:
        raise CampaignError(_("This is not part of the campaign."), status_code=404)
    item = getattr(link, selectors.LINKS[kind][1])
    if not permissions.may_remove(by, selectors.item_organisations(kind, item)):
        raise CampaignError(
            _("Only the team and the item’s own organisation can remove it from the campaign."),
            status_code=403,
        )
    link.delete()
