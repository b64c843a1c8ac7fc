"""Reads of campaigns that depend on who is asking.

What a campaign gathers (activities, stories, resources) is read through the selectors of the
apps that own them (`activities_visible_to`, `published_list`, `resources_visible_to`), so a
campaign never shows anyone an item they could not open on its own page."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.permissions import is_staff
from activities.enums import ActivityStatus, Audience
from activities.models import Activity
from activities.selectors import activities_visible_to
from campaigns import permissions
from campaigns.enums import CampaignAudience, ItemKind
from campaigns.models import Campaign, CampaignActivity, CampaignResource, CampaignStory
from partners.models import Organisation
from partners.permissions import is_community_member
from partners.selectors import lead_organisation_ids
from resources.models import Resource
from resources.selectors import resources_visible_to
from stories.models import Story
from stories.selectors import published_list

PAST_SHOWN = 24
# What the team is offered to add: the most recent of each kind (partners see all of their own).
STAFF_CHOICES = 200


def campaigns_visible_to(*, user: User) -> QuerySet[Campaign]:
    """Public campaigns for everyone; community ones too for the community and the team."""
    campaigns = Campaign.objects.all()
    if is_community_member(user):
        return campaigns
    return campaigns.filter(audience=CampaignAudience.PUBLIC)


def _today() -> datetime.date:
    return timezone.localdate()


@dataclass
class CampaignList:
    current: list[Campaign]
    coming: list[Campaign]
    past: list[Campaign]


def campaign_list(*, user: User) -> CampaignList:
    """Campaigns `user` may see: those on now and those coming (soonest first), and the most
    recent past ones: two queries, whatever their number."""
    today = _today()
    campaigns = campaigns_visible_to(user=user).select_related("organisation")
    ongoing = list(campaigns.filter(ends_on__gte=today).order_by("starts_on", "pk"))
    past = list(campaigns.filter(ends_on__lt=today).order_by("-ends_on", "-pk")[:PAST_SHOWN])
    return CampaignList(
        current=[c for c in ongoing if c.starts_on <= today],
        coming=[c for c in ongoing if c.starts_on > today],
        past=past,
    )


def campaign_for_page(*, user: User, slug: str) -> Campaign:
    campaign = (
        campaigns_visible_to(user=user).select_related("organisation").filter(slug=slug).first()
    )
    if campaign is None:
        raise Http404("No campaign here.")
    return campaign


@dataclass
class Month:
    first_day: datetime.date
    campaigns: list[Campaign] = field(default_factory=list)


def calendar_year(*, user: User, year: int) -> list[Month]:
    """The twelve months of `year`, each with the campaigns on during it (a campaign over two
    months is in both): one query."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    campaigns = list(
        campaigns_visible_to(user=user)
        .filter(starts_on__lte=last, ends_on__gte=first)
        .select_related("organisation")
        .order_by("starts_on", "pk")
    )
    months = [Month(datetime.date(year, number, 1)) for number in range(1, 13)]
    for month in months:
        next_month = (month.first_day + datetime.timedelta(days=31)).replace(day=1)
        month.campaigns = [
            c for c in campaigns if c.starts_on < next_month and c.ends_on >= month.first_day
        ]
    return months


def calendar_feed(*, user: User, limit: int = 500) -> QuerySet[Campaign]:
    """The campaigns of the .ics feed: those `user` may see, from a year ago on."""
    since = _today() - datetime.timedelta(days=366)
    return (
        campaigns_visible_to(user=user)
        .filter(ends_on__gte=since)
        .order_by("starts_on", "pk")[:limit]
    )


# --- What a campaign gathers --------------------------------------------------------------------


def _listed_activities(user: User) -> QuerySet[Activity]:
    # A private activity (a peer-mentoring session) is never part of a campaign, even for the
    # team who may see it.
    return (
        activities_visible_to(user=user)
        .filter(status__in=ActivityStatus.LISTED)
        .exclude(audience=Audience.PRIVATE)
    )


def _published_stories(user: User) -> QuerySet[Story]:
    return published_list(user=user)


@dataclass
class Gathered:
    activities: list[Activity]
    stories: list[Story]
    resources: list[Resource]


def gathered(*, user: User, campaign: Campaign) -> Gathered:
    """The activities, stories and resources tagged to `campaign` that `user` may see, each
    with what its line shows (hosts, organisation, makers): six queries, whatever their number."""
    hosts = Prefetch("host_organisations", queryset=Organisation.objects.order_by("name"))
    makers = Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
    activities = (
        _listed_activities(user)
        .filter(campaign_links__campaign=campaign)
        .prefetch_related(hosts)
        .order_by("starts_at", "pk")
    )
    stories = _published_stories(user).filter(campaign_links__campaign=campaign)
    resources = (
        resources_visible_to(user=user)
        .filter(campaign_links__campaign=campaign)
        .prefetch_related(makers)
        .order_by("-created_at", "-pk")
    )
    return Gathered(list(activities), list(stories), list(resources))


def item_organisation_ids(kind: str, item) -> list[int]:
    """The organisations an item belongs to, read from what `gathered` prefetched."""
    if kind == ItemKind.ACTIVITY:
        return [o.pk for o in item.host_organisations.all()]
    if kind == ItemKind.STORY:
        return [item.organisation_id]
    return [o.pk for o in item.organisations.all()]


def addable(*, user: User, campaign: Campaign, kind: str) -> QuerySet:
    """What `user` may tag to `campaign`: for a partner, the visible items of their own
    organisations (listed activities they host, published stories they wrote, resources they
    made); for the team, any visible item (the most recent). Those already tagged are left out."""
    staff = is_staff(user)
    organisations = permissions.member_organisation_ids(user)
    if kind == ItemKind.ACTIVITY:
        items = _listed_activities(user).exclude(campaign_links__campaign=campaign)
        if not staff:
            items = items.filter(host_organisations__in=organisations).distinct()
        return items.order_by("-starts_at", "-pk")
    if kind == ItemKind.STORY:
        items = (
            Story.objects.filter(pk__in=_published_stories(user).values("pk"))
            .exclude(campaign_links__campaign=campaign)
            .order_by("-published_at", "-pk")
        )
        if not staff:
            items = items.filter(organisation__in=organisations)
        return items
    if kind == ItemKind.RESOURCE:
        items = resources_visible_to(user=user).exclude(campaign_links__campaign=campaign)
        if not staff:
            items = items.filter(organisations__in=organisations).distinct()
        return items.order_by("-created_at", "-pk")
    raise ValueError(kind)


def addable_choices(*, user: User, campaign: Campaign) -> dict[str, list]:
    """What the page offers `user` to add, per kind (three queries)."""
    return {
        kind: list(addable(user=user, campaign=campaign, kind=kind)[:STAFF_CHOICES])
        for kind in ItemKind.values
    }


LINKS = {
    ItemKind.ACTIVITY: (CampaignActivity, "activity"),
    ItemKind.STORY: (CampaignStory, "story"),
    ItemKind.RESOURCE: (CampaignResource, "resource"),
}


def link_for(*, user: User, campaign: Campaign, kind: str, item_id: int):
    """The link of item `item_id` of `kind` to `campaign`, with what deciding who may remove it
    needs; None when there is none or `user` may not see the item."""
    model, name = LINKS[kind]
    visible = {
        ItemKind.ACTIVITY: lambda: _listed_activities(user),
        ItemKind.STORY: lambda: _published_stories(user),
        ItemKind.RESOURCE: lambda: resources_visible_to(user=user),
    }[kind]()
    if is_staff(user):
        visible = visible.model.objects.all()
    return (
        model.objects.filter(
            campaign=campaign, **{name: item_id}, **{f"{name}__in": visible.values("pk")}
        )
        .select_related(name)
        .first()
    )


def item_organisations(kind: str, item) -> list[int]:
    """The organisations an item belongs to, read from the database (one query)."""
    if kind == ItemKind.ACTIVITY:
        return list(item.host_organisations.values_list("pk", flat=True))
    if kind == ItemKind.STORY:
        return [item.organisation_id]
    return list(item.organisations.values_list("pk", flat=True))


# --- "Part of campaign X" on the pages of activities, stories and resources ---------------------


def campaigns_of(*, user: User, kind: str, item_id: int) -> list[Campaign]:
    """The campaigns `user` may see that the item is tagged to: one query."""
    related = {
        ItemKind.ACTIVITY: "activity_links__activity",
        ItemKind.STORY: "story_links__story",
        ItemKind.RESOURCE: "resource_links__resource",
    }[kind]
    return list(
        campaigns_visible_to(user=user)
        .filter(Q(**{related: item_id}))
        .order_by("-starts_on", "pk")
        .distinct()
    )


def organisation_choices(*, user: User) -> QuerySet[Organisation]:
    """The organisations `user` may name as running a campaign: those they lead; any for the
    team."""
    if is_staff(user):
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(pk__in=lead_organisation_ids(user=user)).order_by("name")
