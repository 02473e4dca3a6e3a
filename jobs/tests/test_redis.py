"""The Redis queue: same interface, ids in a sorted set, state in the database.
Skipped with a message when Redis is not running, except in CI."""

import io

from django.core.management import call_command

from jobs.models import Job, JobStatus
from jobs.queue import RedisQueue, enqueue, get_queue
from jobs.worker import Worker

from .conftest import REDIS_URL, calls


def test_the_redis_url_selects_the_redis_queue(redis_url):
    assert isinstance(get_queue(), RedisQueue)


def test_worker_runs_jobs_queued_through_redis(
    redis_url, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue("tests.count_to", {"n": 2}, user=clerk)
        second = enqueue("tests.count_to", {"n": 3}, user=clerk)
    assert redis_url.zcard("dvcq:jobs") == 2

    call_command("worker", "--once", stdout=io.StringIO())

    assert redis_url.zcard("dvcq:jobs") == 0
    for job, n in ((first, 2), (second, 3)):
        job.refresh_from_db()
        assert job.status == JobStatus.DONE
        assert job.result == {"counted": n}
    assert sorted(calls) == sorted([first.pk, second.pk])


def test_an_id_popped_twice_runs_once(redis_url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue("tests.count_to", {"n": 1})
    queue = RedisQueue(REDIS_URL)
    queue.client.zadd(queue.key, {str(job.pk): 0})  # a duplicate announcement
    assert queue.claim("worker-a").pk == job.pk
    queue.client.zadd(queue.key, {str(job.pk): 0})
    assert queue.claim("worker-b") is None


def test_a_failed_job_goes_back_to_redis_for_its_retry(
    redis_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue("tests.flaky", {"succeed_on": 2})
    queue = RedisQueue(REDIS_URL)
    Worker(queue).run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert queue.client.zscore(queue.key, str(job.pk)) == job.run_at.timestamp()


def test_jobs_queued_while_redis_was_away_are_picked_up(redis_url):
    job = Job.objects.create(kind="tests.count_to", payload={"n": 1})  # never announced
    Worker(RedisQueue(REDIS_URL)).run_round()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
