"""Organisation invitations moved from accounts.Invitation to partners.OrganisationInvitation:
the migration carries every open and used invitation across, and back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0003_user_is_working_group_member"), ("partners", "0003_input_ranges")]
AFTER = [
    ("accounts", "0004_invitation_organisation_moves_to_partners"),
    ("partners", "0004_organisationinvitation"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _migrate_to_latest():
    """Every app's last migration: going back to BEFORE also unapplied the later migrations
    of these apps (and of those depending on them), which AFTER alone would leave out."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps


@pytest.mark.django_db(transaction=True)
def test_organisation_invitations_are_carried_to_partners_and_back():
    apps = _migrate(BEFORE)
    Organisation = apps.get_model("partners", "Organisation")
    Invitation = apps.get_model("accounts", "Invitation")
    organisation = Organisation.objects.create(
        name="Red Andina", slug="red-andina", country="PE", region="latin_america"
    )
    expires = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    into = Invitation.objects.create(
        email="ana@example.org",
        token_hash="a" * 64,
        organisation=organisation,
        role="lead",
        expires_at=expires,
    )
    Invitation.objects.create(email="portal@example.org", token_hash="b" * 64, expires_at=expires)

    apps = _migrate(AFTER)
    moved = apps.get_model("partners", "OrganisationInvitation")
    rows = list(moved.objects.values_list("invitation_id", "organisation_id", "role"))

    apps = _migrate(BEFORE)
    back = apps.get_model("accounts", "Invitation").objects.get(pk=into.pk)
    _migrate_to_latest()  # the database as the other tests expect it

    assert rows == [(into.pk, organisation.pk, "lead")]
    assert (back.organisation_id, back.role) == (organisation.pk, "lead")
