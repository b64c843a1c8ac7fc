"""Compile locale/*.po into .mo files, refusing incomplete catalogues.

Uses Django's compilemessages (GNU gettext's msgfmt) where msgfmt is installed, and polib
otherwise, so a machine with nothing but Python can still build the portal.
"""

import shutil
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def catalogue_problems(po_path: Path) -> list[str]:
    """Untranslated and fuzzy entries of one catalogue, as readable lines."""
    catalogue = polib.pofile(str(po_path))
    problems = [f"untranslated: {entry.msgid!r}" for entry in catalogue.untranslated_entries()]
    problems += [f"fuzzy: {entry.msgid!r}" for entry in catalogue.fuzzy_entries()]
    return problems


def project_catalogues() -> list[Path]:
    return sorted(
        path for locale_dir in settings.LOCALE_PATHS for path in Path(locale_dir).rglob("*.po")
    )


class Command(BaseCommand):
    help = "Check that every catalogue is complete and compile it to .mo."

    def handle(self, *args, **options):
        catalogues = project_catalogues()
        if not catalogues:
            raise CommandError("No .po files found under LOCALE_PATHS.")
        failures = []
        for po_path in catalogues:
            failures += [f"{po_path}: {problem}" for problem in catalogue_problems(po_path)]
        if failures:
            raise CommandError("Incomplete translations:\n" + "\n".join(failures))

        if shutil.which("msgfmt"):
            call_command("compilemessages", verbosity=0)
        else:
            for po_path in catalogues:
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        self.stdout.write(f"Compiled {len(catalogues)} complete catalogue(s).")
