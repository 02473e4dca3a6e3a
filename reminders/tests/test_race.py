"""Two workers running the pass at the same moment, each on its own database connection:
every reminder is recorded once and mailed once. Needs PostgreSQL's concurrent transactions."""

import threading

import pytest
from django.db import connection

from reminders.dispatch import run_reminder_pass
from reminders.models import EmailDigest, Notification, ReminderDelivery

from .helpers import FIRST_OVERDUE, add_task, head_seat, with_email

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the two-worker race needs PostgreSQL (SQLite runs one writer at a time); "
        "run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres",
    ),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_each_reminder_once(
    smtp, task, seat, member_user, clerk, chair, commune
):
    with_email(member_user, "nam@xa.example")
    with_email(clerk, "vanphong@xa.example")
    with_email(chair, "chutich@xa.example")
    head_seat(commune, chair)
    tasks = [task] + [
        add_task(task.program, seat, f"Nhiệm vụ phối hợp số {i}") for i in range(1, 30)
    ]
    barrier = threading.Barrier(4)
    errors = []

    def worker(name):
        try:
            barrier.wait(timeout=10)
            for _round in range(3):
                run_reminder_pass(FIRST_OVERDUE, worker_id=name)
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert errors == []
    # 30 overdue reminders for the member, one summary each for the clerk and the chair.
    assert ReminderDelivery.objects.filter(recipient=member_user).count() == 30
    assert ReminderDelivery.objects.filter(task=None).count() == 2
    assert Notification.objects.filter(user=member_user).count() == 30
    assert EmailDigest.objects.count() == 3
    assert len(smtp.to("nam@xa.example")) == 1
    assert len(smtp.to("vanphong@xa.example")) == 1
    assert len(smtp.to("chutich@xa.example")) == 1
    [body] = smtp.bodies_to("nam@xa.example")
    lines = body.splitlines()
    for t in tasks:
        assert lines.count(t.short_text) == 1
