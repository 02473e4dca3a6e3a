"""E-mail digests: one mail per person per day with all their reminders and the notices of
events they chose to receive by e-mail (``reminders.notify``).

``queue_digests`` opens a digest for each person with reminders waiting for e-mail (unless
they already have one pending, or today's was sent: then the reminders wait for tomorrow's).
``send_due_digests`` claims each due digest with a conditional UPDATE (one sender per digest),
attaches the waiting reminders, sends it through Django's mail system and records the text
sent. If the mail server cannot be reached, the digest stays pending with the error and a
later ``next_attempt_at`` (back-off); nothing is marked sent.
"""

import datetime
import logging
import os
import smtplib
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reminders.models import DigestStatus, EmailDigest, Notification, ReminderDelivery

log = logging.getLogger(__name__)

LEASE = datetime.timedelta(minutes=10)
MAX_BACKOFF = datetime.timedelta(hours=6)


def backoff(attempts: int) -> datetime.timedelta:
    """5, 10, 20, 40 minutes ... at most 6 hours after the ``attempts``-th failure."""
    return min(datetime.timedelta(minutes=5 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def queue_digests(today: datetime.date, *, now=None) -> int:
    now = now or timezone.now()
    waiting = set(
        ReminderDelivery.objects.filter(digest=None, wants_email=True).values_list(
            "recipient", flat=True
        )
    ) | set(
        Notification.objects.filter(digest=None, wants_email=True).values_list("user", flat=True)
    )
    pending = set(
        EmailDigest.objects.filter(status=DigestStatus.PENDING, recipient__in=waiting).values_list(
            "recipient", flat=True
        )
    )
    opened = 0
    for user_id in sorted(waiting - pending):
        _digest, created = EmailDigest.objects.get_or_create(
            recipient_id=user_id, day=today, defaults={"next_attempt_at": now}
        )
        opened += created
    return opened


def _claim(digest_id: int, worker_id: str, now) -> bool:
    return bool(
        EmailDigest.objects.filter(
            pk=digest_id, status=DigestStatus.PENDING, next_attempt_at__lte=now
        )
        .filter(Q(locked_until=None) | Q(locked_until__lt=now))
        .update(locked_by=worker_id, locked_until=now + LEASE)
    )


def _render(digest: EmailDigest, items) -> tuple[str, str]:
    subject = _("[DVCQ] Nhắc việc ngày %(day)s: %(n)s nội dung") % {
        "day": digest.day.strftime("%d/%m/%Y"),
        "n": len(items),
    }
    body = render_to_string(
        "reminders/email/digest.txt",
        {
            "user": digest.recipient,
            "day": digest.day,
            "items": items,
            "site_url": settings.DVCQ_SITE_URL.rstrip("/"),
        },
    )
    return subject, body


def message_id(digest: EmailDigest) -> str:
    """The same Message-ID on every attempt at one digest. The mail server accepting a mail
    and this database recording it cannot happen at once: a worker killed in between leaves
    the digest pending, and it is sent again once its lease runs out. The second copy is then
    the same message by its Message-ID, which mail servers and clients show once."""
    host = urlsplit(settings.DVCQ_SITE_URL).hostname or "localhost"
    return f"<dvcq.digest.{digest.pk}.{digest.created_at:%Y%m%d%H%M%S%f}@{host}>"


def send_digest(digest_id: int, worker_id: str, now) -> bool:
    """Send one claimed digest; True if the mail server accepted it."""
    digest = EmailDigest.objects.select_related("recipient").get(pk=digest_id)
    with transaction.atomic():
        ReminderDelivery.objects.filter(
            recipient=digest.recipient, digest=None, wants_email=True
        ).update(digest=digest)
        Notification.objects.filter(user=digest.recipient, digest=None, wants_email=True).update(
            digest=digest
        )
    items = sorted(
        [*digest.items.all(), *digest.notices.all()], key=lambda item: (item.created_at, item.pk)
    )
    address = digest.recipient.email
    if not items or not address:
        # Nothing to say (or nowhere to say it): no mail, and the reminders stay in the app.
        digest.items.update(digest=None, wants_email=False)
        digest.notices.update(digest=None, wants_email=False)
        digest.delete()
        return False
    subject, body = _render(digest, items)
    message = EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [address],
        headers={"Message-ID": message_id(digest)},
    )
    try:
        message.send(using="default")
    except (OSError, smtplib.SMTPException) as exc:  # refused, timeout, rejected
        attempts = digest.attempts + 1
        EmailDigest.objects.filter(pk=digest.pk, locked_by=worker_id).update(
            attempts=attempts,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=now + backoff(attempts),
            locked_by="",
            locked_until=None,
        )
        log.warning("digest %s to %s not sent (attempt %s): %s", digest.pk, address, attempts, exc)
        return False
    EmailDigest.objects.filter(pk=digest.pk, locked_by=worker_id).update(
        status=DigestStatus.SENT,
        to_address=address,
        subject=subject,
        body=body,
        attempts=F("attempts") + 1,
        last_error="",
        sent_at=timezone.now(),
        locked_by="",
        locked_until=None,
    )
    return True


def send_due_digests(*, now=None, worker_id: str = "") -> int:
    """Send every digest that is due; how many the mail server accepted."""
    now = now or timezone.now()
    worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
    due = EmailDigest.objects.filter(status=DigestStatus.PENDING, next_attempt_at__lte=now)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for digest_id in due.order_by("next_attempt_at", "pk").values_list("pk", flat=True):
            if _claim(digest_id, worker_id, now):
                sent += send_digest(digest_id, worker_id, now)
    return sent
