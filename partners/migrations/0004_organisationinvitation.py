import django.db.models.deletion
from django.db import migrations, models


def copy_organisation_invitations(apps, schema_editor):
    Invitation = apps.get_model("accounts", "Invitation")
    OrganisationInvitation = apps.get_model("partners", "OrganisationInvitation")
    OrganisationInvitation.objects.bulk_create(
        OrganisationInvitation(
            invitation_id=invitation.pk,
            organisation_id=invitation.organisation_id,
            role=invitation.role,
        )
        for invitation in Invitation.objects.filter(organisation__isnull=False).only(
            "pk", "organisation_id", "role"
        )
    )


def copy_back(apps, schema_editor):
    Invitation = apps.get_model("accounts", "Invitation")
    OrganisationInvitation = apps.get_model("partners", "OrganisationInvitation")
    for row in OrganisationInvitation.objects.all():
        Invitation.objects.filter(pk=row.invitation_id).update(
            organisation_id=row.organisation_id, role=row.role
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_is_working_group_member"),
        ("partners", "0003_input_ranges"),
    ]

    operations = [
        migrations.CreateModel(
            name="OrganisationInvitation",
            fields=[
                (
                    "invitation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="organisation_invitation",
                        serialize=False,
                        to="accounts.invitation",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("member", "Member"), ("lead", "Lead")],
                        default="member",
                        max_length=16,
                        verbose_name="role in the organisation",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitations",
                        to="partners.organisation",
                        verbose_name="to join organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "invitation to an organisation",
                "verbose_name_plural": "invitations to an organisation",
            },
        ),
        migrations.RunPython(copy_organisation_invitations, copy_back),
    ]
