"""An unreachable mail server: the digest stays queued with its error and is retried with
back-off; once the server answers it is sent exactly once."""

import datetime

from django.utils import timezone

from reminders.digests import send_due_digests
from reminders.dispatch import run_reminder_pass
from reminders.models import DigestStatus, EmailDigest

from .conftest import use_smtp
from .helpers import DAY_BEFORE, add_task, with_email


def test_unreachable_server_keeps_the_digest_and_retries_once_it_answers(
    settings, smtp_server, closed_port, task, seat, member_user
):
    with_email(member_user, "nam@xa.example")
    use_smtp(settings, closed_port)
    before = timezone.now()

    run_reminder_pass(DAY_BEFORE)

    digest = EmailDigest.objects.get()
    assert digest.status == DigestStatus.PENDING
    assert digest.sent_at is None
    assert digest.attempts == 1
    assert "Connection" in digest.last_error or "refused" in digest.last_error.lower()
    assert digest.next_attempt_at >= before + datetime.timedelta(minutes=5)
    assert digest.items.count() == 1  # the reminder is kept with the digest, not lost

    # Running again before the back-off has passed does not hammer the server.
    run_reminder_pass(DAY_BEFORE)
    digest.refresh_from_db()
    assert digest.attempts == 1

    # Still down at the next attempt: the wait doubles.
    first_retry = digest.next_attempt_at
    assert send_due_digests(now=first_retry) == 0
    digest.refresh_from_db()
    assert digest.attempts == 2
    assert digest.next_attempt_at - first_retry >= datetime.timedelta(minutes=10)

    # A task assigned meanwhile joins the same pending digest (still one mail a day).
    later = add_task(task.program, seat, "Kiểm tra việc tiếp công dân", due=DAY_BEFORE)
    run_reminder_pass(DAY_BEFORE)

    use_smtp(settings, smtp_server.port)
    assert send_due_digests(now=digest.next_attempt_at) == 1
    assert send_due_digests(now=digest.next_attempt_at + datetime.timedelta(days=1)) == 0
    run_reminder_pass(DAY_BEFORE)

    [body] = smtp_server.bodies_to("nam@xa.example")
    assert task.short_text in body
    assert later.short_text in body
    digest.refresh_from_db()
    assert digest.status == DigestStatus.SENT
    assert digest.attempts == 3
    assert digest.last_error == ""
    assert EmailDigest.objects.count() == 1
