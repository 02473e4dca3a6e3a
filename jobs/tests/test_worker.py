"""The database queue and ``dvcq worker``: queued jobs run once, failures are retried with
back-off, the daily reminder pass is queued once a day at its hour."""

import datetime
import io
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Job, JobStatus
from jobs.queue import DatabaseQueue, enqueue
from jobs.worker import Worker

from .conftest import calls

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def run_worker_once() -> str:
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    return out.getvalue()


@time_machine.travel(datetime.datetime(2023, 3, 30, 2, 0, tzinfo=HCM))
def test_worker_once_runs_a_queued_job_and_exits(db, clerk):
    job = enqueue("tests.count_to", {"n": 4}, user=clerk)
    assert "1 job(s) run" in run_worker_once()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result == {"counted": 4}
    assert job.progress == 100
    assert job.attempts == 1
    assert run_worker_once().startswith("0 job(s)")
    assert calls == [job.pk]


@time_machine.travel(datetime.datetime(2023, 3, 30, 5, 0, tzinfo=HCM))
def test_a_job_for_later_waits(db):
    job = enqueue("tests.count_to", {"n": 1}, run_at=timezone.now() + datetime.timedelta(hours=1))
    run_worker_once()
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED


@time_machine.travel(datetime.datetime(2023, 3, 30, 5, 0, tzinfo=HCM), tick=False)
def test_a_failing_job_is_retried_with_backoff_then_given_up(db):
    job = enqueue("tests.flaky", {}, max_attempts=3)
    Worker(DatabaseQueue()).run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert job.attempts == 1
    assert "máy chủ bận" in job.last_error
    assert job.run_at == timezone.now() + datetime.timedelta(seconds=30)

    second_try = job.run_at
    with time_machine.travel(second_try, tick=False):
        Worker(DatabaseQueue()).run_pending()
    job.refresh_from_db()
    assert job.attempts == 2
    assert job.run_at - second_try == datetime.timedelta(seconds=60)

    with time_machine.travel(job.run_at, tick=False):
        Worker(DatabaseQueue()).run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert len(calls) == 3


@time_machine.travel(datetime.datetime(2023, 3, 30, 5, 0, tzinfo=HCM))
def test_a_job_is_claimed_by_one_worker_only(db):
    job = enqueue("tests.count_to", {"n": 1})
    first = DatabaseQueue().claim("worker-a")
    second = DatabaseQueue().claim("worker-b")
    assert first.pk == job.pk
    assert second is None
    assert Job.objects.get().locked_by == "worker-a"


def test_a_job_left_by_a_dead_worker_is_run_again(db):
    job = enqueue("tests.count_to", {"n": 1})
    DatabaseQueue().claim("dead-worker")
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        Worker(DatabaseQueue(), worker_id="alive").run_round()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.attempts == 2


def test_the_daily_reminder_pass_is_queued_once_from_its_hour(db, settings, task):
    settings.DVCQ_REMINDER_HOUR = 7
    with time_machine.travel(datetime.datetime(2023, 3, 30, 6, 59, tzinfo=HCM)):
        run_worker_once()
    assert not Job.objects.filter(kind="reminders.daily_pass").exists()

    with time_machine.travel(datetime.datetime(2023, 3, 30, 7, 0, tzinfo=HCM)):
        run_worker_once()
    with time_machine.travel(datetime.datetime(2023, 3, 30, 15, 0, tzinfo=HCM)):
        run_worker_once()
    job = Job.objects.get(kind="reminders.daily_pass")
    assert job.status == JobStatus.DONE
    assert job.payload == {"day": "2023-03-30"}
    assert job.result["reminders"] == 1  # the task due on 31/3, one working day ahead

    with time_machine.travel(datetime.datetime(2023, 3, 31, 7, 30, tzinfo=HCM)):
        run_worker_once()
    assert Job.objects.filter(kind="reminders.daily_pass").count() == 2


def test_an_unknown_kind_fails_at_once(db):
    job = enqueue("nobody.knows", {})
    Worker(DatabaseQueue()).run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "unknown job kind" in job.last_error
