import logging

from celery import shared_task

from activities.services import complete_finished_activities

logger = logging.getLogger(__name__)


@shared_task(name="activities.complete_finished", acks_late=True)
def complete_finished_task() -> None:
    count = complete_finished_activities()
    if count:
        logger.info("marked %d finished activit(y/ies) as completed", count)
