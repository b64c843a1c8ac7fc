"""Writes about partner organisations and their members."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from accounts.exceptions import InvitationError
from accounts.models import Invitation, User
from accounts.services import issue_invitation
from partners import permissions
from partners.enums import MembershipRole
from partners.exceptions import PartnerError
from partners.models import Membership, Organisation, OrganisationInvitation, SocialLink

LOGO_SIZE = (512, 512)

# Fields a lead edits; the staff-only ones are added for staff (see permissions).
PROFILE_FIELDS = [
    "name",
    "country",
    "region",
    "city",
    "description_en",
    "description_es",
    "description_fr",
    "mission_en",
    "mission_es",
    "mission_fr",
    "year_founded",
    "website",
    "whatsapp_group_url",
    "contact_name",
    "contact_email",
    "contact_phone",
    "visibility",
]
STAFF_FIELDS = ["slug", "joined_on", "on_working_group"]


def process_logo(uploaded) -> ContentFile:
    """The uploaded logo re-encoded as a WebP of at most 512 by 512 pixels, upright, with every
    piece of metadata (camera, GPS position, author) dropped: a photo taken at the office must
    not reveal where it is."""
    uploaded.seek(0)
    with Image.open(uploaded) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(LOGO_SIZE)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        output = BytesIO()
        image.save(output, "WEBP", quality=85, method=4)
    return ContentFile(output.getvalue(), name="logo.webp")


def _replace_logo(organisation: Organisation, logo) -> None:
    """`logo`: a new upload, False to remove the current one, None to keep it."""
    if logo is None:
        return
    old_name = organisation.logo.name if organisation.logo else ""
    storage = organisation.logo.storage
    if logo is False:
        organisation.logo = ""
    else:
        organisation.logo.save("logo.webp", process_logo(logo), save=False)
    if old_name:
        transaction.on_commit(lambda: storage.delete(old_name))


def _save_profile(
    *,
    organisation: Organisation,
    data: dict,
    fields: list[str],
    focus_areas,
    working_languages,
    social_links: list[str],
    logo,
) -> Organisation:
    for name in fields:
        setattr(organisation, name, data[name])
    _replace_logo(organisation, logo)
    organisation.full_clean(exclude=["logo"])
    organisation.save()
    organisation.focus_areas.set(focus_areas)
    organisation.working_languages.set(working_languages)
    organisation.social_links.all().delete()
    SocialLink.objects.bulk_create(
        SocialLink(organisation=organisation, url=url, position=index)
        for index, url in enumerate(social_links)
    )
    return organisation


@transaction.atomic
def create_organisation(
    *, by: User, data: dict, focus_areas, working_languages, social_links, logo=None
) -> Organisation:
    """A new partner organisation (staff only). It starts with no members: invite a lead."""
    permissions.ensure_can_create_organisation(by)
    return _save_profile(
        organisation=Organisation(),
        data=data,
        fields=PROFILE_FIELDS + STAFF_FIELDS,
        focus_areas=focus_areas,
        working_languages=working_languages,
        social_links=social_links,
        logo=logo,
    )


@transaction.atomic
def update_organisation(
    *,
    organisation: Organisation,
    by: User,
    data: dict,
    focus_areas,
    working_languages,
    social_links: list[str],
    logo=None,
) -> Organisation:
    """Save the profile as a lead (or staff) edited it: all of it, or nothing.

    A replaced logo's old file is deleted once the change is committed.
    """
    permissions.ensure_can_edit_organisation(by, organisation)
    fields = PROFILE_FIELDS + (STAFF_FIELDS if permissions.can_edit_staff_fields(by) else [])
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    return _save_profile(
        organisation=organisation,
        data=data,
        fields=fields,
        focus_areas=focus_areas,
        working_languages=working_languages,
        social_links=social_links,
        logo=logo,
    )


def add_member(*, organisation: Organisation, user: User, role: str) -> Membership:
    """Make `user` a member of `organisation`. An existing membership keeps the higher role."""
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    if not created and role == MembershipRole.LEAD and membership.role != MembershipRole.LEAD:
        membership.role = MembershipRole.LEAD
        membership.save(update_fields=["role"])
    return membership


def _check_keeps_a_lead(membership: Membership, by: User) -> None:
    other_leads = (
        Membership.objects.filter(
            organisation_id=membership.organisation_id, role=MembershipRole.LEAD
        )
        .exclude(pk=membership.pk)
        .exists()
    )
    if membership.role == MembershipRole.LEAD and not other_leads and not by.is_staff:
        raise PartnerError(
            _("An organisation needs at least one lead. Make someone else a lead first."),
            status_code=409,
        )


def _lock_membership(membership: Membership) -> Membership:
    """Lock the organisation, then read the membership afresh.

    Changes to one organisation's members take turns. Locking only the membership row is not
    enough: two leads demoting each other lock two different rows, each still sees the other
    as a lead, and the organisation is left with none. Every check after this (who may manage,
    who the leads are) reads what the previous change committed.
    """
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    locked = Membership.objects.filter(pk=membership.pk).first()
    if locked is None:  # removed by someone else in the meantime
        raise PartnerError(
            _("This person is no longer a member of the organisation."), status_code=409
        )
    locked.organisation = organisation
    return locked


@transaction.atomic
def set_member_role(*, membership: Membership, role: str, by: User) -> Membership:
    """Change a member's role. Only leads of the organisation and staff may; a member can never
    make themselves (or anyone) a lead, and the last lead cannot step down.

    Runs with the organisation locked (see `_lock_membership`); the passed membership is
    updated too, so the caller can report the new role.
    """
    locked = _lock_membership(membership)
    permissions.ensure_can_manage_members(by, locked.organisation)
    if role not in MembershipRole.values:
        raise PartnerError(_("Choose a valid role."))
    if role != MembershipRole.LEAD:
        _check_keeps_a_lead(locked, by)
    locked.role = membership.role = role
    locked.save(update_fields=["role"])
    return locked


@transaction.atomic
def remove_member(*, membership: Membership, by: User) -> None:
    """End a membership. Only the membership goes: the person's account, what they wrote and
    the invitations they sent all stay. The last lead cannot leave (organisation locked, as for
    role changes)."""
    locked = _lock_membership(membership)
    permissions.ensure_can_manage_members(by, locked.organisation)
    _check_keeps_a_lead(locked, by)
    locked.delete()


@transaction.atomic
def invite_to_organisation(
    *, organisation: Organisation, email: str, role: str, language: str, by: User
) -> Invitation:
    """Invite a colleague into `organisation` with `role` (leads and staff). Someone who already
    has an account can be invited too (they sign in to accept). An earlier open invitation to
    the same address for the same organisation is withdrawn. Emailed through Celery."""
    permissions.ensure_can_manage_members(by, organisation)
    if role not in MembershipRole.values:
        raise PartnerError(_("Choose a valid role."))
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and organisation.memberships.filter(user=existing).exists():
        raise InvitationError(
            _("%(email)s is already a member of %(organisation)s.")
            % {"email": email, "organisation": organisation.name}
        )
    invitation = issue_invitation(
        email=email,
        invited_by=by,
        language=language,
        recipient=existing,
        replaces=Invitation.objects.filter(
            email__iexact=email, organisation_invitation__organisation=organisation
        ),
        email_context={"organisation": organisation.name},
    )
    OrganisationInvitation.objects.create(
        invitation=invitation, organisation=organisation, role=role
    )
    return invitation
