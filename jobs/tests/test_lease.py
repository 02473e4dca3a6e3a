"""A job that reports progress keeps its lease; one whose worker went silent is taken back."""

import datetime

import time_machine
from django.utils import timezone

from jobs.models import JobStatus
from jobs.queue import LEASE, DatabaseQueue, enqueue


def test_progress_renews_the_lease_so_a_long_job_is_not_taken_twice(db):
    queue = DatabaseQueue()
    enqueue("tests.count_to", {"n": 1})
    start = timezone.now()
    job = queue.claim("worker-a", now=start)
    with time_machine.travel(start + LEASE - datetime.timedelta(minutes=1)):
        queue.progress(job, 50, "nửa chừng")
    with time_machine.travel(start + LEASE + datetime.timedelta(minutes=5)):
        assert queue.recover_stale() == 0
        job.refresh_from_db()
        assert job.status == JobStatus.RUNNING and job.locked_by == "worker-a"
    with time_machine.travel(start + 2 * LEASE):
        assert queue.recover_stale() == 1
        assert queue.claim("worker-b").locked_by == "worker-b"
