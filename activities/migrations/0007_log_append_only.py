"""The activity log (held back, released) is append-only in the database itself, not only in
the code: the same triggers as the Working Group's moderation log."""

from django.db import migrations

from activities.migrations._0007_sql import ACTIVITY_LOG


class Migration(migrations.Migration):
    dependencies = [("activities", "0006_partner_led")]

    operations = [ACTIVITY_LOG.operation()]
