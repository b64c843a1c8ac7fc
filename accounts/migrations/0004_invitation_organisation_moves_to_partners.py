from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_is_working_group_member"),
        # The organisation and role are copied to partners.OrganisationInvitation first.
        ("partners", "0004_organisationinvitation"),
    ]

    operations = [
        migrations.RemoveField(model_name="invitation", name="organisation"),
        migrations.RemoveField(model_name="invitation", name="role"),
    ]
