import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="feedback.move_pending", acks_late=True)
def move_pending_task() -> None:
    """Move waiting answers into the results in shuffled batches (see feedback.services).

    Carries no answer and no person: only counts are logged."""
    from feedback.services import move_all_pending

    moved = move_all_pending()
    if moved:
        logger.info("moved %d anonymous response(s) into the results", moved)


@shared_task(name="feedback.send_notices", acks_late=True)
def send_notices_task() -> None:
    from feedback.notifications import send_due_notices

    send_due_notices()
