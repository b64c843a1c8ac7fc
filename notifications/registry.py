"""Which builder writes each kind of notification email.

Each domain app keeps its own builders in its `notifications.py` and registers them here
(`@register(Kind.REMINDER)`); `NotificationsConfig.ready` imports every app's `notifications`
module, so notifications itself never imports the apps whose emails it sends.

A builder runs at send time, in the recipient's language and time zone, from the current state
of the database (so a reminder shows the activity's latest time). It returns an `Email`, or
raises `NotDue` with the status the delivery should take instead.
"""

from collections.abc import Callable
from dataclasses import dataclass


class NotDue(Exception):
    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


@dataclass
class Email:
    template: str
    context: dict
    ics: bytes | None = None


Builder = Callable[..., Email]

_builders: dict[str, Builder] = {}


def register(kind: str) -> Callable[[Builder], Builder]:
    """Decorator: `builder(delivery, language)` writes the emails of `kind`."""

    def decorator(builder: Builder) -> Builder:
        if _builders.get(kind, builder) is not builder:
            raise ValueError(f"two builders for the notification kind {kind!r}")
        _builders[kind] = builder
        return builder

    return decorator


def builder_for(kind: str) -> Builder:
    try:
        return _builders[kind]
    except KeyError:
        raise LookupError(f"no builder registered for the notification kind {kind!r}") from None


def registered_kinds() -> frozenset[str]:
    return frozenset(_builders)


# A person's reminder choices changed: each app that arms reminders re-arms theirs.
_rearmers: list[Callable] = []


def rearm_on_preferences(rearm: Callable) -> Callable:
    """Decorator: `rearm(user)` re-arms the person's future reminders after they change their
    email choices (activities' reminders of their registrations)."""
    if rearm not in _rearmers:
        _rearmers.append(rearm)
    return rearm


def rearmers() -> tuple[Callable, ...]:
    return tuple(_rearmers)
