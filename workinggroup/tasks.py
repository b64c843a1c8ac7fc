import logging

from celery import shared_task

from workinggroup.models import Meeting, ModerationLog

logger = logging.getLogger(__name__)


def _entry(log_id: int) -> ModerationLog | None:
    entry = ModerationLog.objects.select_related("item", "item__proposer").filter(pk=log_id).first()
    if entry is None:
        logger.warning("moderation log entry %s vanished", log_id)
    return entry


@shared_task(name="workinggroup.notify_proposer", acks_late=True)
def notify_proposer_task(*, log_id: int) -> None:
    from workinggroup.notifications import notify_proposer

    entry = _entry(log_id)
    if entry is not None:
        notify_proposer(entry=entry)


@shared_task(name="workinggroup.notify_supporters", acks_late=True)
def notify_supporters_task(*, log_id: int) -> None:
    from workinggroup.notifications import notify_supporters

    entry = _entry(log_id)
    if entry is not None:
        notify_supporters(entry=entry)


@shared_task(name="workinggroup.notify_agenda_published", acks_late=True)
def notify_agenda_published_task(*, meeting_id: int) -> None:
    from workinggroup.notifications import notify_agenda_published

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        logger.warning("meeting %s vanished", meeting_id)
        return
    notify_agenda_published(meeting=meeting)
