"""The worker: queue what is scheduled, claim due jobs one at a time and run them.

One round (``Worker.run_round``):

0. record the worker's heartbeat (``heartbeat``), which job pages read (``worker_seen``);
1. put back the jobs of workers that died (their lease ran out);
2. queue each daily job once its hour has come, in the site's time zone, one row per day
   (``unique_key``), so several workers queue it once;
3. call the registered ticks (for example, retrying e-mail that is due again);
4. claim and run due jobs until none is left.
"""

import datetime
import logging
import os
import socket
import threading
import traceback

from django.db import close_old_connections
from django.utils import timezone

from jobs import registry
from jobs.models import Job, WorkerHeartbeat
from jobs.queue import BaseQueue, get_queue

log = logging.getLogger(__name__)

# A job page says no worker is running when none was seen for this long.
HEARTBEAT_WINDOW = datetime.timedelta(minutes=1)
# Rows of workers not seen for this long are deleted (a worker's id changes with its pid).
HEARTBEAT_KEPT = datetime.timedelta(days=7)


def heartbeat(worker_id: str, now=None) -> None:
    """Record that ``worker_id`` is alive now; forget workers long gone."""
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id[:120], defaults={"seen_at": now})
    WorkerHeartbeat.objects.filter(seen_at__lt=now - HEARTBEAT_KEPT).delete()


def worker_seen(now=None) -> bool:
    """Has any worker been seen within ``HEARTBEAT_WINDOW``?"""
    now = now or timezone.now()
    return WorkerHeartbeat.objects.filter(seen_at__gte=now - HEARTBEAT_WINDOW).exists()


class JobContext:
    """What a handler receives: the payload, the job, and a way to report progress."""

    def __init__(self, job: Job, queue: BaseQueue):
        self.job = job
        self.queue = queue

    @property
    def payload(self) -> dict:
        return self.job.payload

    def progress(self, percent: int, note: str = "") -> None:
        self.queue.progress(self.job, percent, str(note))
        if self.job.locked_by:
            heartbeat(self.job.locked_by)


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


class Worker:
    def __init__(self, queue: BaseQueue | None = None, worker_id: str | None = None):
        self.queue = queue or get_queue()
        self.worker_id = worker_id or default_worker_id()

    def schedule(self, now=None) -> list[Job]:
        """Queue today's daily jobs whose hour has come (once per day and kind)."""
        now = now or timezone.now()
        local = timezone.localtime(now)
        queued = []
        for entry in registry.daily_schedules():
            if local.hour >= entry.hour():
                day = local.date().isoformat()
                queued.append(
                    self.queue.enqueue(
                        entry.kind, {"day": day}, unique_key=f"{entry.kind}:{day}", run_at=now
                    )
                )
        return queued

    def run_ticks(self, now=None) -> None:
        for func in registry.ticks():
            try:
                func(now=now or timezone.now(), worker_id=self.worker_id)
            except Exception:
                log.exception("worker tick %s failed", getattr(func, "__name__", func))

    def run_job(self, job: Job) -> None:
        kind = registry.get(job.kind)
        if kind is None:
            job.max_attempts = job.attempts  # an unknown kind will not become known by waiting
            self.queue.fail(job, f"unknown job kind {job.kind!r}")
            return
        log.info("job %s (%s) started by %s", job.pk, job.kind, self.worker_id)
        try:
            result = kind.handler(JobContext(job, self.queue))
        except Exception:
            retried = self.queue.fail(job, traceback.format_exc())
            outcome = "will retry" if retried else "gave up"
            log.exception("job %s (%s) failed; %s", job.pk, job.kind, outcome)
        else:
            self.queue.complete(job, result)
            log.info("job %s (%s) done", job.pk, job.kind)

    def run_pending(self, now=None) -> int:
        """Run due jobs until none is left; how many ran."""
        done = 0
        while (job := self.queue.claim(self.worker_id, now=now)) is not None:
            self.run_job(job)
            done += 1
        return done

    def run_round(self, now=None) -> int:
        heartbeat(self.worker_id, now)
        self.queue.recover_stale(now)
        self.schedule(now)
        self.run_ticks(now)
        return self.run_pending(now)

    def run_forever(self, sleep: float = 10.0, stop: threading.Event | None = None) -> None:
        stop = stop or threading.Event()
        while not stop.is_set():
            close_old_connections()
            try:
                self.run_round()
            except Exception:
                # A database or Redis outage must not end the worker; try again next round.
                log.exception("worker round failed")
            stop.wait(sleep)
