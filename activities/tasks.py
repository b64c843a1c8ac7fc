import logging

from celery import shared_task

from activities.models import Registration
from activities.services import complete_finished_activities

logger = logging.getLogger(__name__)


@shared_task(name="activities.notify_place_available", acks_late=True)
def notify_place_available_task(*, registration_id: int) -> None:
    from activities.notifications import send_place_available

    registration = (
        Registration.objects.select_related("activity", "user").filter(pk=registration_id).first()
    )
    if registration is None:
        logger.warning("registration %s vanished before its notice was sent", registration_id)
        return
    send_place_available(registration=registration)


@shared_task(name="activities.complete_finished", acks_late=True)
def complete_finished_task() -> None:
    count = complete_finished_activities()
    if count:
        logger.info("marked %d finished activit(y/ies) as completed", count)
