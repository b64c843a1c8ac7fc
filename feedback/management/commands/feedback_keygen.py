"""Print a new key for FEEDBACK_SEALING_KEYS."""

from django.core.management.base import BaseCommand

from feedback import sealing


class Command(BaseCommand):
    help = (
        "Print a new private key for FEEDBACK_SEALING_KEYS on standard output (and its public "
        "name on standard error). Keep it out of the database and its backups."
    )
    # Runs before a key exists (scripts/run makes the first one with it).
    requires_system_checks = []

    def handle(self, *args, **options):
        key = sealing.generate_key()
        self.stdout.write(key)
        self.stderr.write(f"public name: {sealing.public_name(sealing.decode_key(key))}")
