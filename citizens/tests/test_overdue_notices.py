"""Overdue petitions reach their handlers' bell and the chair's, once, without naming the
petitioner."""

import datetime

from django.core.management import call_command

from citizens.background import notify_overdue
from citizens.models import CaseType
from citizens.tests.conftest import DENOUNCER, receive
from reminders.models import Notification

D = datetime.date


def test_each_handler_and_the_chair_are_told_once_about_an_overdue_step(commune, clerk, chair):
    overdue = receive(commune, clerk, day=D(2026, 11, 2)).petition  # acceptance due 11/11
    fresh = receive(commune, clerk, day=D(2026, 11, 25)).petition
    assert notify_overdue(today=D(2026, 11, 25)) == 2  # the handler, and the chair
    assert notify_overdue(today=D(2026, 11, 26)) == 0  # the same step and due date
    note = Notification.objects.get(user=clerk)
    assert overdue.receipt_code in note.title
    assert note.url == f"/cong-dan/don/{overdue.pk}/"
    assert not Notification.objects.filter(title__contains=fresh.receipt_code).exists()
    # The chair is told of overdue cases (JOURNEYS: "the chair for overdue cases").
    assert Notification.objects.get(user=chair).title == note.title


def test_a_denouncer_is_never_named_in_a_notice(commune, clerk):
    receive(
        commune,
        clerk,
        day=D(2026, 11, 2),
        case_type=CaseType.DENUNCIATION,
        people=[{"name": DENOUNCER, "address": "Xóm 2"}],
    )
    notify_overdue(today=D(2026, 12, 31))
    notes = list(Notification.objects.all())
    assert notes
    for note in notes:
        assert DENOUNCER not in note.title + note.body


def test_the_worker_runs_the_daily_pass(commune, clerk, time_machine):
    petition = receive(commune, clerk, day=D(2026, 11, 2)).petition
    time_machine.move_to("2026-11-25 08:00 +0700")
    call_command("worker", "--once")
    assert (
        Notification.objects.filter(user=clerk, title__contains=petition.receipt_code).count() == 1
    )
