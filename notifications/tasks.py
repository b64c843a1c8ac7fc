from celery import shared_task


@shared_task(name="notifications.dispatch", acks_late=True, ignore_result=True)
def dispatch_task() -> None:
    from notifications.services import dispatch_due

    dispatch_due()


@shared_task(
    name="notifications.send",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def send_delivery_task(*, delivery_id: int, token: str) -> None:
    """Fetch by id and send under the claim token (see notifications.services.send_delivery)."""
    from notifications.services import send_delivery

    send_delivery(delivery_id=delivery_id, token=token)
