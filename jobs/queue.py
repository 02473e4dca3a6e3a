"""Two queues with one interface: ``enqueue``, ``claim``, ``complete``, ``fail``.

* :class:`DatabaseQueue` (``DVCQ_QUEUE_URL`` empty, the default): workers pick the oldest due
  row and claim it with a conditional UPDATE, so no extra server is needed.
* :class:`RedisQueue` (``DVCQ_QUEUE_URL=redis://...``): job ids wait in a Redis sorted set
  scored by their start time, so many workers do not poll the database. The state of every job
  is still written to the database (the same claim UPDATE guards against a duplicate id).

Both retry a failed job with exponential back-off until ``max_attempts``, and put back a job
whose worker died (its lease ``locked_until`` ran out).
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from jobs.models import Job, JobStatus

LEASE = datetime.timedelta(minutes=15)
MAX_BACKOFF = datetime.timedelta(hours=1)


def backoff(attempts: int) -> datetime.timedelta:
    """30 s, 1 min, 2 min, ... at most an hour after the ``attempts``-th failure."""
    return min(datetime.timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


class BaseQueue:
    def enqueue(
        self, kind: str, payload=None, *, user=None, run_at=None, unique_key=None, max_attempts=5
    ) -> Job:
        """Queue a job (or return the existing one with the same ``unique_key``)."""
        fields = {
            "kind": kind,
            "payload": payload or {},
            "created_by": user if user is not None and user.is_authenticated else None,
            "run_at": run_at or timezone.now(),
            "max_attempts": max_attempts,
        }
        if unique_key is None:
            job = Job.objects.create(**fields)
        else:
            try:
                with transaction.atomic():
                    job = Job.objects.create(unique_key=unique_key, **fields)
            except IntegrityError:
                return Job.objects.get(unique_key=unique_key)
        transaction.on_commit(lambda: self._announce(job))
        return job

    def _announce(self, job: Job) -> None:
        """Tell the transport a job is waiting (nothing to do for the database)."""

    def _take(self, job_id: int, worker_id: str, now) -> Job | None:
        """The claim: one conditional UPDATE, true for exactly one worker."""
        taken = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED, run_at__lte=now).update(
            status=JobStatus.RUNNING,
            locked_by=worker_id,
            locked_until=now + LEASE,
            attempts=F("attempts") + 1,
            started_at=now,
        )
        return Job.objects.get(pk=job_id) if taken else None

    def complete(self, job: Job, result=None) -> bool:
        """Mark the job done; False if this worker no longer holds it (its lease ran out and
        another worker took it, or it was already marked done). A handler may call it inside
        the transaction of its last write, so that write and "done" commit together."""
        return bool(
            Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, locked_by=job.locked_by).update(
                status=JobStatus.DONE,
                progress=100,
                result=result,
                locked_by="",
                locked_until=None,
                finished_at=timezone.now(),
            )
        )

    def fail(self, job: Job, error: str) -> bool:
        """Record the error; queue the job again later unless it has used its attempts.
        Returns True when it will be retried."""
        now = timezone.now()
        retry = job.attempts < job.max_attempts
        Job.objects.filter(pk=job.pk, locked_by=job.locked_by).update(
            status=JobStatus.QUEUED if retry else JobStatus.FAILED,
            last_error=error[-4000:],
            run_at=now + backoff(job.attempts) if retry else job.run_at,
            locked_by="",
            locked_until=None,
            finished_at=None if retry else now,
        )
        if retry:
            job.refresh_from_db()
            self._announce(job)
        return retry

    def progress(self, job: Job, percent: int, note: str = "") -> None:
        """Record progress; it is also the heartbeat that renews the lease, so a job that
        runs longer than ``LEASE`` but still reports is not taken by another worker."""
        Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, locked_by=job.locked_by).update(
            progress=max(0, min(100, int(percent))),
            progress_note=note[:200],
            locked_until=timezone.now() + LEASE,
        )

    def recover_stale(self, now=None) -> int:
        """Put back the jobs of workers that died while running them."""
        now = now or timezone.now()
        stale = list(
            Job.objects.filter(status=JobStatus.RUNNING, locked_until__lt=now).values_list(
                "pk", flat=True
            )
        )
        count = Job.objects.filter(
            pk__in=stale, status=JobStatus.RUNNING, locked_until__lt=now
        ).update(status=JobStatus.QUEUED, locked_by="", locked_until=None, run_at=now)
        for job in Job.objects.filter(pk__in=stale, status=JobStatus.QUEUED):
            self._announce(job)
        return count


class DatabaseQueue(BaseQueue):
    def claim(self, worker_id: str, now=None) -> Job | None:
        now = now or timezone.now()
        # Another worker may take a candidate first; then try the next ones.
        for _round in range(5):
            candidates = list(
                Job.objects.filter(status=JobStatus.QUEUED, run_at__lte=now)
                .order_by("run_at", "id")
                .values_list("pk", flat=True)[:5]
            )
            if not candidates:
                return None
            for job_id in candidates:
                job = self._take(job_id, worker_id, now)
                if job is not None:
                    return job
        return None


# Pop the first id whose start time has come, atomically (one worker gets it).
_POP_DUE = """
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1)
if #ids == 0 then return false end
redis.call('ZREM', KEYS[1], ids[1])
return ids[1]
"""


class RedisQueue(BaseQueue):
    def __init__(self, url: str, key: str = "dvcq:jobs"):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self.key = key
        self._pop = self.client.register_script(_POP_DUE)

    def _announce(self, job: Job) -> None:
        self.client.zadd(self.key, {str(job.pk): job.run_at.timestamp()})

    def claim(self, worker_id: str, now=None) -> Job | None:
        now = now or timezone.now()
        while True:
            raw = self._pop(keys=[self.key], args=[now.timestamp()])
            if raw is None:
                return None
            job = self._take(int(raw), worker_id, now)
            if job is not None:
                return job
            # A stale id (job already taken, finished or deleted): drop it and go on.

    def recover_stale(self, now=None) -> int:
        """Besides dead workers' jobs, announce queued jobs Redis does not know about (queued
        while Redis was unreachable, or before the switch to Redis)."""
        count = super().recover_stale(now)
        waiting = {
            str(pk): run_at.timestamp()
            for pk, run_at in Job.objects.filter(status=JobStatus.QUEUED).values_list(
                "pk", "run_at"
            )
        }
        if waiting:
            self.client.zadd(self.key, waiting, nx=True)
        return count


def get_queue() -> BaseQueue:
    url = getattr(settings, "DVCQ_QUEUE_URL", "")
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisQueue(url)
    return DatabaseQueue()


def enqueue(kind: str, payload=None, **kwargs) -> Job:
    """Queue a job on the configured queue (what other apps call)."""
    return get_queue().enqueue(kind, payload, **kwargs)
