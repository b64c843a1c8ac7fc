"""The team's suggestions on stories are append-only in the database itself, not only in the
code (as workinggroup's moderation log)."""

from django.db import migrations

from stories.migrations._0002_sql import SUGGESTIONS


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]

    operations = [SUGGESTIONS.operation()]
