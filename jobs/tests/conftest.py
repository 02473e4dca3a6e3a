"""Job kinds used by the tests, and a Redis queue on database 15."""

import os

import pytest

from jobs import registry

REDIS_URL = "redis://127.0.0.1:6379/15"
calls: list = []


@registry.job("tests.count_to", label="Đếm thử")
def count_to(ctx):
    for i in range(1, ctx.payload["n"] + 1):
        ctx.progress(100 * i // ctx.payload["n"], f"{i}/{ctx.payload['n']}")
    calls.append(ctx.job.pk)
    return {"counted": ctx.payload["n"]}


@registry.job("tests.flaky", label="Việc hay lỗi")
def flaky(ctx):
    calls.append(ctx.job.pk)
    if len([c for c in calls if c == ctx.job.pk]) < ctx.payload.get("succeed_on", 99):
        raise RuntimeError("máy chủ bận")
    return {"ok": True}


@pytest.fixture(autouse=True)
def _clear_calls():
    calls.clear()


@pytest.fixture
def redis_url(db, settings):
    """``DVCQ_QUEUE_URL`` set to a Redis test database, emptied before and after."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {REDIS_URL} is not reachable, and CI may skip nothing.")
        pytest.skip(f"Redis at {REDIS_URL} is not reachable; start redis-server to run this test.")
    client.flushdb()
    settings.DVCQ_QUEUE_URL = REDIS_URL
    yield client
    client.flushdb()
