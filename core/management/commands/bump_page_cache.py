"""Make every kept page and fragment stale at once (core.content_cache), without flushing Redis
(which also holds Celery's queues): after restoring a database backup, or after rows were
changed by hand in SQL, which no signal sees."""

from django.core.management.base import BaseCommand

from core import content_cache


class Command(BaseCommand):
    help = "Make every kept page stale: after restoring a database backup or editing rows in SQL."

    def handle(self, *args, **options):
        before = content_cache.versions(*content_cache.TOPICS)
        content_cache.bump(*content_cache.TOPICS)
        after = content_cache.versions(*content_cache.TOPICS)
        for topic, old, new in zip(content_cache.TOPICS, before, after, strict=True):
            self.stdout.write(f"{topic}: {old} -> {new}")
