from django.db.models import QuerySet

from notifications.models import Delivery


def deliveries(*, status: str = "", kind: str = "") -> QuerySet[Delivery]:
    """Recent deliveries for staff, newest due first, optionally of one state and kind."""
    rows = Delivery.objects.select_related("user").order_by("-due_at", "-pk")
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return rows
