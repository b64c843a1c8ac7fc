import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="workinggroup.close_due_decisions", acks_late=True)
def close_due_decisions_task() -> None:
    """Close the Working Group decisions whose deadline passed, each exactly once (see
    workinggroup.decisions.close_due_rounds)."""
    from workinggroup.decisions import close_due_rounds

    closed = close_due_rounds()
    if closed:
        logger.info("closed %d Working Group decision(s)", closed)
