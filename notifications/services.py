"""Writes of the notification mechanism: what is due (deliveries), preferences, and the
claim-and-send cycle. See notifications/models.py for the guarantees."""

import datetime
import logging
import random
import re
import uuid
from email.mime.text import MIMEText
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.mail import BadHeaderError, EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import Context, TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from accounts.models import User
from core.i18n import absolute_url_for
from core.validators import single_line
from notifications import registry
from notifications.enums import PREFERENCE_OF, DeliveryStatus, Kind, Preference
from notifications.models import Delivery, NotificationSettings
from notifications.registry import NotDue, builder_for
from notifications.tasks import dispatch_task, send_delivery_task

logger = logging.getLogger(__name__)

S = DeliveryStatus
OPEN_STATES = (S.PENDING, S.CLAIMED, S.SENDING)
# Errors the same delivery would meet again however often it is tried (a header broken by
# old data, a broken template): it fails at once, for staff to see, instead of being retried.
PERMANENT_ERRORS = (BadHeaderError, TemplateSyntaxError, TemplateDoesNotExist)
UNSUBSCRIBE_SALT = "notifications.unsubscribe"


# --- Preferences ------------------------------------------------------------------------------


def settings_for(user: User) -> NotificationSettings:
    """The person's choices (defaults when they never chose). Uses the row already fetched with
    `select_related("user__notification_settings")` when there is one."""
    try:
        return user.notification_settings
    except NotificationSettings.DoesNotExist:
        return NotificationSettings(user=user)


def save_preferences(*, user: User, enabled: list[str], offsets: list[int]) -> None:
    """Switch kinds of email on or off and choose reminder offsets; re-arms the person's
    future reminders to match."""
    prefs = settings_for(user)
    prefs.disabled = [value for value in Preference.values if value not in enabled]
    prefs.reminder_offsets = sorted(
        {o for o in offsets if o in settings.REMINDER_OFFSETS_MINUTES}, reverse=True
    )
    prefs.save()
    for rearm in registry.rearmers():
        rearm(user)


def unsubscribe_token(user: User, preference: str) -> str:
    return signing.dumps({"u": user.pk, "p": preference}, salt=UNSUBSCRIBE_SALT, compress=True)


def recipient_language(*, user_id) -> str | None:
    """The language of the person an unsubscribe link was made for (None if they are gone)."""
    language = User.objects.filter(pk=user_id).values_list("language", flat=True).first()
    return language or None


def unsubscribe(*, token: str) -> tuple[User, str]:
    """Switch off the kind of email named in a signed unsubscribe link. Raises BadSignature."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    user = User.objects.get(pk=data["u"])
    preference = Preference(data["p"])
    prefs = settings_for(user)
    if preference not in prefs.disabled:
        prefs.disabled = [*prefs.disabled, preference.value]
        prefs.save()
    if preference == Preference.REMINDERS:
        Delivery.objects.filter(
            user=user, kind__in=[Kind.REMINDER, Kind.HOST_REMINDER], status=S.PENDING
        ).update(status=S.CANCELLED)
    return user, preference


# --- Creating deliveries ----------------------------------------------------------------------


class _Dispatch:
    """The dispatch one transaction queues when it commits."""

    def __init__(self):
        self.done = False

    def __call__(self) -> None:
        self.done = True
        dispatch_task.delay()


def _dispatch_soon() -> None:
    """Queue one dispatch after the current transaction commits, however many notices it
    creates: rescheduling an activity with 400 people queues one task, not 400 (the dispatch
    claims every due row). The callbacks waiting for the commit are the connection's, so a
    savepoint rolled back with the first dispatch in it lets the next notice queue one again.
    Outside a transaction each call dispatches at once, as `on_commit` does."""
    waiting = transaction.get_connection().run_on_commit
    if any(isinstance(func, _Dispatch) and not func.done for _ids, func, _robust in waiting):
        return
    transaction.on_commit(_Dispatch())


def notify(
    *,
    user: User,
    kind: str,
    key: str,
    activity=None,
    registration=None,
    ref_id: int | None = None,
    due_at: datetime.datetime | None = None,
) -> Delivery | None:
    """Queue one notice for `user`, now (or at `due_at`), unless they switched this kind off.
    The `key` makes it once only: a second call with the same key does nothing."""
    if not user.is_active or not settings_for(user).wants(PREFERENCE_OF[kind]):
        return None
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                key=key,
                kind=kind,
                user=user,
                activity=activity,
                registration=registration,
                ref_id=ref_id,
                due_at=due_at or timezone.now(),
            )
    except IntegrityError:
        return None
    _dispatch_soon()
    return delivery


def reminder_due(starts_at: datetime.datetime, offset_minutes: int) -> datetime.datetime:
    """When a reminder `offset_minutes` before `starts_at` is due. Instants are UTC, so a
    daylight-saving change between now and then does not move it: "24 hours before" is 24 real
    hours before, whatever the clocks of the recipient or the hosts do."""
    # In UTC: Python subtracts wall-clock time when the datetime carries a zone, which would
    # make "24 hours before" 23 or 25 real hours across a daylight-saving change.
    return starts_at.astimezone(datetime.UTC) - datetime.timedelta(minutes=offset_minutes)


def arm(
    *,
    key: str,
    kind: str,
    user: User,
    activity,
    due: datetime.datetime,
    offset: int,
    registration=None,
) -> None:
    """Make the reminder `key` due at `due`: create it, or move it (a fresh delivery, with a new
    Message-ID) when the time changed or it was switched back on. Used by the apps whose
    reminders these are (activities/notifications.py)."""
    delivery = Delivery.objects.filter(key=key).first()
    if delivery is None:
        if due > timezone.now():
            Delivery.objects.create(
                key=key,
                kind=kind,
                user=user,
                activity=activity,
                registration=registration,
                offset_minutes=offset,
                due_at=due,
            )
        return
    if delivery.due_at != due or delivery.status in (S.CANCELLED, S.SKIPPED):
        # A new time (or a reminder switched back on): a fresh delivery, with a new
        # Message-ID, unless its moment has already passed.
        Delivery.objects.filter(pk=delivery.pk).update(
            due_at=due,
            status=S.PENDING if due > timezone.now() else S.SKIPPED,
            claim_token=None,
            lease_until=None,
            attempts=0,
            generation=F("generation") + 1,
        )


# --- Claiming and sending ---------------------------------------------------------------------


def release_expired_leases(now: datetime.datetime | None = None) -> int:
    """Claims whose worker vanished go back to pending (their send will be tried again),
    unless that was their last attempt: then they are marked failed, so a delivery that
    kills its worker every time is not tried forever."""
    now = now or timezone.now()
    expired = Delivery.objects.filter(status__in=[S.CLAIMED, S.SENDING], lease_until__lt=now)
    expired.filter(status=S.SENDING, attempts__gte=settings.NOTIFICATIONS_MAX_ATTEMPTS).update(
        status=S.FAILED,
        claim_token=None,
        lease_until=None,
        last_error="The worker stopped while sending, on the last attempt.",
    )
    return expired.update(status=S.PENDING, claim_token=None, lease_until=None)


def claim_due(now: datetime.datetime | None = None, limit: int | None = None) -> list[int]:
    """Claim up to `limit` due deliveries for this dispatcher alone (skip_locked: a second
    beat claims other rows or none). Returns the claimed ids; the token is on the rows."""
    now = now or timezone.now()
    limit = limit or settings.NOTIFICATIONS_BATCH
    token = uuid.uuid4()
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=S.PENDING, due_at__lte=now)
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids, status=S.PENDING).update(
            status=S.CLAIMED,
            claim_token=token,
            lease_until=now + datetime.timedelta(seconds=settings.NOTIFICATIONS_LEASE_SECONDS),
        )
    return list(Delivery.objects.filter(claim_token=token).values_list("pk", flat=True))


def dispatch_due() -> int:
    """Beat's job: free expired claims, claim what is due, hand each to a send task."""
    release_expired_leases()
    claimed = claim_due()
    tokens = dict(Delivery.objects.filter(pk__in=claimed).values_list("pk", "claim_token"))
    for pk in claimed:
        send_delivery_task.delay(delivery_id=pk, token=str(tokens[pk]))
    return len(claimed)


def retry_delay(attempts: int) -> int:
    """Seconds before try number `attempts + 1`: 1, 2, 4, 8 minutes, plus up to 25% jitter.
    Always well below the broker's visibility timeout (an hour)."""
    base = 60 * 2 ** max(attempts - 1, 0)
    # Jitter only, nothing secret: the standard generator is right here.
    return int(base + random.uniform(0, base / 4))  # noqa: S311  # nosec B311


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def render_text(template_name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping: a subject or a text body shows
    people's words as written ("l'équipe & le budget", not "l&#x27;équipe &amp; le budget").
    Returns a plain `str` (not marked safe), so an HTML template that shows it escapes it once."""
    template = get_template(template_name).template
    return str.__str__(template.render(Context(context, autoescape=False)))


def calendar_part(ics: bytes) -> MIMEText:
    """The .ics attachment, typed `text/calendar; method=...` with the file's own iTIP method:
    mail clients offer "add" or "remove from calendar" only when the type carries it."""
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    method = re.search(r"^METHOD:(\w+)\r?$", part.get_payload(decode=True).decode(), re.M)
    if method:
        part.set_param("method", method.group(1))
    part.add_header("Content-Disposition", "attachment", filename="learning-lab.ics")
    return part


def render(delivery: Delivery) -> EmailMultiAlternatives:
    """The email of a delivery, in the recipient's language and time zone. Raises NotDue."""
    user = delivery.user
    language = user.language or settings.LANGUAGE_CODE
    preference = PREFERENCE_OF[delivery.kind]
    with translation.override(language), timezone.override(ZoneInfo(user.timezone)):
        email = builder_for(delivery.kind)(delivery, language)
        unsubscribe_url = absolute_url_for(
            "unsubscribe", language, token=unsubscribe_token(user, preference)
        )
        preferences_url = absolute_url_for("notifications:preferences", language)
        context = {
            **email.context,
            "name": user.display_name,
            # Whose eyes the email is for: partners.templatetags.traces reads it, so an email
            # names only the organisations and people its recipient may see.
            "viewer": user,
            "preference": Preference(preference).label,
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": preferences_url,
            "site_url": settings.SITE_URL,
            # The HTML part's `<html lang>`: no request here, so no context processor sets it.
            "LANGUAGE_CODE": language,
        }
        # Subject and text part as written (no HTML escaping); base.html escapes them once.
        # One line whatever a title holds (rows older than the form's check may have a CR).
        subject = single_line(render_text(f"{email.template}_subject.txt", context))
        body = render_text(f"{email.template}_message.txt", context).strip()
        text = render_text("notifications/email/footer.txt", {**context, "body": body})
        html = render_to_string(
            "notifications/email/base.html", {**context, "body": body, "subject": subject}
        )
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "Message-ID": delivery.message_id(_domain()),
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    if email.ics:
        message.attach(calendar_part(email.ics))
    return message


def send_delivery(*, delivery_id: int, token: str) -> str:
    """Send one claimed delivery, if this claim still holds it. Returns the final status.

    Marks it "sending" first (so a stale claim cannot send it too), then sends with its fixed
    Message-ID, then marks it sent. Any error while rendering or sending (SMTP, a template, a
    bad header, ...) counts as an attempt: the row goes back to pending, due again after a
    backoff with jitter, until NOTIFICATIONS_MAX_ATTEMPTS; then, or at once for an error that
    retrying cannot cure (PERMANENT_ERRORS), it is marked failed with the error, for staff.
    Never raises for one delivery's error, so a batch carries on with the others.
    """
    now = timezone.now()
    lease = now + datetime.timedelta(seconds=settings.NOTIFICATIONS_LEASE_SECONDS)
    taken = Delivery.objects.filter(pk=delivery_id, claim_token=token, status=S.CLAIMED).update(
        status=S.SENDING, attempts=F("attempts") + 1, lease_until=lease
    )
    if not taken:
        return "not-ours"
    delivery = Delivery.objects.select_related(
        "user__notification_settings", "activity", "registration"
    ).get(pk=delivery_id)
    mine = Q(pk=delivery_id, claim_token=token)
    try:
        if not delivery.user.is_active or not settings_for(delivery.user).wants(
            PREFERENCE_OF[delivery.kind]
        ):
            raise NotDue(S.CANCELLED)
        message = render(delivery)
        message.send()
    except NotDue as decision:
        Delivery.objects.filter(mine).update(status=decision.status, lease_until=None)
        return decision.status
    except Exception as error:  # every error is an attempt, recorded: see the docstring
        final = (
            isinstance(error, PERMANENT_ERRORS)
            or delivery.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
        )
        Delivery.objects.filter(mine).update(
            status=S.FAILED if final else S.PENDING,
            due_at=now + datetime.timedelta(seconds=retry_delay(delivery.attempts)),
            claim_token=None,
            lease_until=None,
            last_error=single_line(f"{type(error).__name__}: {error}")[:500],
        )
        # The type only: a message may quote the email, which can hold a sign-in link.
        logger.warning(
            "delivery %s attempt %s failed: %s",
            delivery_id,
            delivery.attempts,
            type(error).__name__,
        )
        return S.FAILED if final else S.PENDING
    Delivery.objects.filter(mine).update(status=S.SENT, sent_at=timezone.now(), lease_until=None)
    return S.SENT


def retry(*, delivery: Delivery) -> None:
    """Staff: try a failed delivery again now."""
    Delivery.objects.filter(pk=delivery.pk, status=S.FAILED).update(
        status=S.PENDING, due_at=timezone.now(), attempts=0, claim_token=None, last_error=""
    )
    _dispatch_soon()
