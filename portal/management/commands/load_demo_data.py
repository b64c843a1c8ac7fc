"""Load a believable Learning Lab community so a first run shows something real.

Each app keeps its own demo rows in its `demo.py` and creates them through its services:
people (accounts), organisations and members (partners), activities and registrations with
their reminders (activities), the Working Group through its state machine (workinggroup),
surveys (feedback), learning questions (learning), partner stories (stories).
Idempotent: running it again changes nothing. Refuses to run on a
production configuration (DEBUG off) unless told otherwise, because the demo accounts have
published passwords.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as accounts_demo
from activities import demo as activities_demo
from campaigns import demo as campaigns_demo
from convenings import demo as convenings_demo
from feedback import demo as feedback_demo
from learning import demo as learning_demo
from mentoring import demo as mentoring_demo
from partners import demo as partners_demo
from people import demo as people_demo
from resources import demo as resources_demo
from stories import demo as stories_demo
from workinggroup import demo as workinggroup_demo


class Command(BaseCommand):
    help = "Load demo organisations and people (idempotent). Prints the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with DEBUG off. The demo accounts have published passwords.",
        )

    def handle(self, *args, allow_production: bool = False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to load demo accounts with published passwords while DEBUG is off. "
                "Pass --allow-production if this really is a demo server."
            )
        # Everything in one transaction, written before anything is printed: output piped
        # to a closed pipe must not roll the data back.
        with transaction.atomic():
            created, people = accounts_demo.load()
            staff = people["staff"]
            more, organisations = partners_demo.load(people=people, by=people["admin"])
            created += more
            partners = [user for user in people.values() if not user.is_staff]
            created += activities_demo.load(
                organisations=organisations, staff=staff, partners=partners
            )
            created += workinggroup_demo.load(
                people=people, organisations=organisations, staff=staff
            )
            created += feedback_demo.load(staff=staff)
            created += learning_demo.load(people=people, staff=staff)
            created += resources_demo.load(people=people, organisations=organisations)
            created += stories_demo.load(organisations=organisations, staff=staff)
            created += campaigns_demo.load(organisations=organisations, staff=staff)
            created += convenings_demo.load(
                organisations=organisations, staff=staff, partners=partners
            )
            created += people_demo.load(people=people)
            created += mentoring_demo.load(people=people)

        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({created} new records).")
            if created
            else "Demo data already loaded; nothing changed."
        )
        self.stdout.write(f"Every demo account's password is: {accounts_demo.DEMO_PASSWORD}")
        for person in accounts_demo.PEOPLE:
            where = ", ".join(partners_demo.memberships_of(person.handle, organisations))
            self.stdout.write(
                f"  {person.email:<32} {person.kind:<13} {person.language}  {person.name}  {where}"
            )
