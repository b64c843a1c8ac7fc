"""Every write of the resource library: adding, changing, moderating."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core import languages
from partners.models import Organisation
from resources import permissions, selectors
from resources.enums import ResourceVisibility
from resources.exceptions import ResourceError
from resources.models import Resource, ResourceFile


def _clean(instance, **kwargs) -> None:
    """`full_clean`, its complaints turned into a refusal (400) the form page shows."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        raise ResourceError(" ".join(error.messages)) from None


def _stale() -> ResourceError:
    return ResourceError(
        _(
            "This resource changed while you were looking at it. The page now shows it as it "
            "is: check it, then try again."
        ),
        status_code=409,
    )


def _makers(*, by: User, chosen, keep=()) -> list[Organisation]:
    """The organisations `by` may name among `chosen`, plus `keep` (makers already there that
    `by` may not name, e.g. a co-maker hidden from them: never lost on save)."""
    allowed = set(selectors.maker_choices(user=by).values_list("pk", flat=True))
    for organisation in chosen:
        if organisation.pk not in allowed:
            raise ResourceError(_("You can only name your own organisations as makers."))
    return [*chosen, *keep]


def _apply_files(*, resource: Resource, uploads: dict[str, dict]) -> None:
    for code, change in uploads.items():
        current = ResourceFile.objects.filter(resource=resource, language=code).first()
        if change["remove"] and current is not None and not (change["file"] or change["link"]):
            _delete_file(current)
            current = None
        if not (change["file"] or change["link"]):
            continue
        if current is not None:
            _delete_file(current)
        entry = ResourceFile(resource=resource, language=code, link=change["link"])
        if change["file"]:
            entry.file = change["file"]
        _clean(entry, exclude=["resource"])
        entry.save()


def _delete_file(entry: ResourceFile) -> None:
    stored = entry.file.name if entry.file else ""
    storage = entry.file.storage if entry.file else None
    entry.delete()
    if stored:
        # Removed from storage only once the change is saved for good.
        transaction.on_commit(lambda: storage.delete(stored))


def _check(resource: Resource, uploads: dict[str, dict]) -> None:
    if not (getattr(resource, f"title_{resource.original_language}") or "").strip():
        raise ResourceError(_("Give the title in the language the resource is written in."))
    if (
        resource.visibility == ResourceVisibility.ORGANISATION
        and not resource.organisations.exists()
    ):
        raise ResourceError(
            _("A resource only for the organisations that made it needs at least one of them.")
        )
    if not resource.files.exists():
        raise ResourceError(_("Add a file or a link in at least one language."))


@transaction.atomic
def add_resource(
    *,
    by: User,
    language: str,
    kind: str,
    licence: str,
    visibility: str,
    texts: dict[str, str],
    themes=(),
    regions=(),
    organisations=(),
    uploads: dict[str, dict],
) -> Resource:
    """A new resource from `by` (a community member or the team), with its files."""
    permissions.ensure_can_add(by)
    resource = Resource(
        added_by=by,
        original_language=language,
        kind=kind,
        licence=licence,
        visibility=visibility,
        regions=Resource.join_regions(regions),
    )
    for name, value in texts.items():
        setattr(resource, name, value)
    _clean(resource)
    resource.save()
    resource.themes.set(themes)
    resource.organisations.set(_makers(by=by, chosen=list(organisations)))
    _apply_files(resource=resource, uploads=uploads)
    _check(resource, uploads)
    return resource


@transaction.atomic
def update_resource(
    *,
    resource: Resource,
    by: User,
    version: int | None,
    language: str,
    kind: str,
    licence: str,
    visibility: str,
    texts: dict[str, str],
    themes=(),
    regions=(),
    organisations=(),
    uploads: dict[str, dict],
) -> Resource:
    """Change a resource; refused (409) from a page rendered from another version of it."""
    permissions.ensure_can_edit(by, resource)
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if version is None or version != resource.version:
        raise _stale()
    allowed = set(selectors.maker_choices(user=by).values_list("pk", flat=True))
    keep = [o for o in resource.organisations.all() if o.pk not in allowed]
    resource.original_language = language
    resource.kind = kind
    resource.licence = licence
    resource.visibility = visibility
    resource.regions = Resource.join_regions(regions)
    for name in languages.per_language("title") + languages.per_language("summary"):
        setattr(resource, name, texts.get(name, ""))
    resource.version += 1
    _clean(resource)
    resource.save()
    resource.themes.set(themes)
    resource.organisations.set(_makers(by=by, chosen=list(organisations), keep=keep))
    _apply_files(resource=resource, uploads=uploads)
    _check(resource, uploads)
    return resource


@transaction.atomic
def moderate(*, resource: Resource, by: User, hide: bool, reason: str = "") -> None:
    """The team hides a resource that breaks the community's rules (with the reason, for the
    team), or shows it again."""
    permissions.ensure_can_moderate(by)
    if hide and not reason.strip():
        raise ResourceError(_("Say why the resource is hidden."))
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    resource.hidden_by_staff = hide
    resource.hidden_reason = reason.strip() if hide else ""
    resource.version += 1
    _clean(resource)
    resource.save(update_fields=["hidden_by_staff", "hidden_reason", "version", "updated_at"])
