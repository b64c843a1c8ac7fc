"""Report which key opens each waiting feedback answer, and seal them again with the first."""

from django.core.management.base import BaseCommand

from feedback import sealing
from feedback.services import reseal_pending


class Command(BaseCommand):
    help = (
        "Seal again with the first key of FEEDBACK_SEALING_KEYS every waiting answer that an "
        "older key opens, and report how many each key opened. An older key can be dropped once "
        "a --dry-run reports 0 for it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only report; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        counts = reseal_pending(dry_run=dry_run)
        for index, key in enumerate(sealing.configured_keys()):
            done = " (sealed again with key 1)" if index and counts[index] and not dry_run else ""
            self.stdout.write(
                f"key {index + 1} ({sealing.public_name(key)}): {counts[index]} waiting{done}"
            )
        self.stdout.write(f"no key: {counts['none']} waiting")
        if counts["none"]:
            self.stderr.write(
                "Some waiting answers open with none of the keys: put back the key they were "
                "sealed with (they are kept, never deleted, until then)."
            )
