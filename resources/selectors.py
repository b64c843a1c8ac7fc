"""Reads of the resource library that depend on who is asking.

The library list merges two sources without copying a file: the library's own resources and the
materials of the activities the viewer may see materials of (`can_see_participants`: the
community, and the hosts). Both are narrowed by the same filters, reduced to (source, id, date)
rows and united in one query ordered newest first; the page is sliced from that union, then its
rows are read in a fixed number of queries (`LibraryPage`). So a page costs the same for 10 rows
as for 1,000."""

from dataclasses import dataclass

from django.db.models import CharField, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.http import Http404

from accounts.models import User
from accounts.permissions import is_staff
from activities.enums import ActivityStatus, MaterialKind
from activities.models import Activity, Material
from activities.selectors import activities_visible_to
from core import languages
from partners.enums import MembershipRole
from partners.models import Membership, Organisation
from partners.permissions import is_community_member
from resources.enums import ResourceKind, ResourceVisibility
from resources.models import Resource, ResourceFile

RESOURCE, MATERIAL = "resource", "material"

# What an activity's material counts as in the library's types.
MATERIAL_KIND_AS = {
    MaterialKind.RECORDING: ResourceKind.RECORDING,
    MaterialKind.SLIDES: ResourceKind.DOCUMENT,
    MaterialKind.NOTES: ResourceKind.DOCUMENT,
    MaterialKind.OTHER: ResourceKind.DOCUMENT,
}


def resources_visible_to(*, user: User) -> QuerySet[Resource]:
    """Staff see every resource; the others those the team has not hidden that are public, or
    community ones for the community, or organisation ones for the members of the organisations
    that made them (and for who added them)."""
    resources = Resource.objects.all()
    if is_staff(user):
        return resources
    visible = Q(visibility=ResourceVisibility.PUBLIC)
    if is_community_member(user):
        visible |= Q(visibility=ResourceVisibility.COMMUNITY)
    if user.is_authenticated:
        makers = Membership.objects.filter(user=user, organisation__resources=OuterRef("pk"))
        visible |= Q(visibility=ResourceVisibility.ORGANISATION) & (
            Q(added_by=user) | Q(Exists(makers))
        )
    return resources.filter(visible, hidden_by_staff=False)


def material_activities(*, user: User) -> QuerySet[Activity]:
    """The listed activities whose materials `user` may see: the query form of
    activities.permissions.can_see_participants (the community sees those it may see, the
    hosts and the team theirs; visitors none)."""
    if not user.is_authenticated:
        return Activity.objects.none()
    activities = activities_visible_to(user=user).filter(status__in=ActivityStatus.LISTED)
    if is_staff(user) or is_community_member(user):
        return activities
    hosting = Q(
        Exists(Activity.host_people.through.objects.filter(activity=OuterRef("pk"), user=user))
    ) | Q(
        Exists(
            Membership.objects.filter(
                user=user,
                role=MembershipRole.LEAD,
                organisation__hosted_activities=OuterRef("pk"),
            )
        )
    )
    return activities.filter(hosting)


@dataclass
class LibraryFilters:
    q: str = ""
    theme: str = ""  # a FocusArea slug
    region: str = ""  # a partners.enums.Region value
    type: str = ""  # a ResourceKind value
    language: str = ""  # a portal language a file or link is available in

    @property
    def active(self) -> bool:
        return any([self.q, self.theme, self.region, self.type, self.language])


def _filtered_resources(*, user: User, filters: LibraryFilters) -> QuerySet[Resource]:
    resources = resources_visible_to(user=user)
    if filters.q:
        for word in filters.q.split():
            match = Q()
            for field in ("title", "summary"):
                for field_name in languages.per_language(field):
                    match |= Q(**{f"{field_name}__icontains": word})
            resources = resources.filter(match)
    if filters.theme:
        resources = resources.filter(
            Exists(
                Resource.themes.through.objects.filter(
                    resource=OuterRef("pk"), focusarea__slug=filters.theme
                )
            )
        )
    if filters.region:
        resources = resources.filter(regions__contains=f",{filters.region},")
    if filters.type:
        resources = resources.filter(kind=filters.type)
    if filters.language:
        resources = resources.filter(
            Exists(ResourceFile.objects.filter(resource=OuterRef("pk"), language=filters.language))
        )
    return resources


def _filtered_materials(*, user: User, filters: LibraryFilters) -> QuerySet[Material]:
    if filters.region:
        # Materials have no region of their own (their hosts' would say where a hidden host
        # works): a region filter shows resources only.
        return Material.objects.none()
    materials = Material.objects.filter(activity__in=material_activities(user=user))
    if filters.q:
        for word in filters.q.split():
            match = Q(title__icontains=word)
            for field_name in languages.per_language("title"):
                match |= Q(**{f"activity__{field_name}__icontains": word})
            materials = materials.filter(match)
    if filters.theme:
        materials = materials.filter(
            Exists(
                Activity.focus_areas.through.objects.filter(
                    activity=OuterRef("activity_id"), focusarea__slug=filters.theme
                )
            )
        )
    if filters.type:
        kinds = [kind for kind, shown in MATERIAL_KIND_AS.items() if shown == filters.type]
        materials = materials.filter(kind__in=kinds)
    if filters.language:
        materials = materials.filter(language=filters.language)
    return materials


def library_rows(*, user: User, filters: LibraryFilters) -> QuerySet:
    """(source, pk, created_at) of every resource and activity material `user` may see that
    matches `filters`, newest first: one query, which a paginator counts and slices."""
    # A plain QuerySet over the same query: modeltranslation's values_list reorders columns,
    # which a UNION cannot afford.
    filtered = _filtered_resources(user=user, filters=filters)
    resources = (
        QuerySet(model=Resource, query=filtered.query.chain())
        .order_by()
        .annotate(source=Value(RESOURCE, output_field=CharField()), row=F("pk"), at=F("created_at"))
        .values_list("source", "row", "at")
    )
    materials = (
        _filtered_materials(user=user, filters=filters)
        .order_by()
        .annotate(source=Value(MATERIAL, output_field=CharField()), row=F("pk"), at=F("created_at"))
        .values_list("source", "row", "at")
    )
    return resources.union(materials, all=True).order_by("-at", "-row")


@dataclass
class LibraryEntry:
    """One row of the library: a resource, or an activity's material."""

    source: str
    resource: Resource | None = None
    material: Material | None = None

    @property
    def is_resource(self) -> bool:
        return self.source == RESOURCE


def entries_for(rows) -> list[LibraryEntry]:
    """The page's rows as entries, read in four queries whatever their number: resources with
    their files, themes and makers, and materials with their activity."""
    rows = list(rows)
    resource_ids = [pk for source, pk, _at in rows if source == RESOURCE]
    material_ids = [pk for source, pk, _at in rows if source == MATERIAL]
    resources = (
        Resource.objects.filter(pk__in=resource_ids).prefetch_related(
            "files", "themes", Prefetch("organisations", Organisation.objects.order_by("name"))
        )
        if resource_ids
        else []
    )
    materials = (
        Material.objects.filter(pk__in=material_ids).select_related("activity")
        if material_ids
        else []
    )
    by_resource = {resource.pk: resource for resource in resources}
    by_material = {material.pk: material for material in materials}
    entries = []
    for source, pk, _at in rows:
        if source == RESOURCE and pk in by_resource:
            entries.append(LibraryEntry(source, resource=by_resource[pk]))
        elif source == MATERIAL and pk in by_material:
            entries.append(LibraryEntry(source, material=by_material[pk]))
    return entries


def resource_for_page(*, user: User, pk: int) -> Resource:
    resource = (
        resources_visible_to(user=user)
        .prefetch_related(
            "files", "themes", Prefetch("organisations", Organisation.objects.order_by("name"))
        )
        .filter(pk=pk)
        .first()
    )
    if resource is None:
        raise Http404("No resource here.")
    return resource


def file_for_download(*, user: User, pk: int, file_pk: int) -> ResourceFile:
    resource = resource_for_page(user=user, pk=pk)
    found = ResourceFile.objects.filter(resource=resource, pk=file_pk).exclude(file="").first()
    if found is None:
        raise Http404("No file here.")
    return found


def maker_choices(*, user: User) -> QuerySet[Organisation]:
    """The organisations `user` may name as a resource's makers: their own; any for the team."""
    if is_staff(user):
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(memberships__user=user).order_by("name").distinct()
