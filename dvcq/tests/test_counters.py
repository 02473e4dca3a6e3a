"""Limits that hold across processes (``dvcq.counters``).

The attack: three gunicorn workers each kept their own count, so an attacker got 15
guesses at one receipt code instead of 5. Here several OS processes guess at once against
the same database (or Redis) and exactly the limit gets through.
"""

import datetime
import os
import subprocess
import sys
import textwrap
import time
import uuid

import pytest
import time_machine
from django.conf import settings
from django.db import connection

from citizens import public
from citizens.tests.conftest import receive
from dvcq import counters

REDIS_URL = "redis://127.0.0.1:6379/15"
PROCESSES, TRIES = 3, 4

WAIT_FOR_GO = """
import os, pathlib, sys, time
import django
django.setup()
folder = pathlib.Path(sys.argv[1])
(folder / f"ready-{os.getpid()}").touch()
while not (folder / "go").exists():
    time.sleep(0.01)
"""

GUESSER = (
    WAIT_FOR_GO
    + """
from citizens import public
outcomes = [public.lookup(sys.argv[2], sys.argv[3], "sai-ma-pin")[0] for _ in range({tries})]
print(outcomes.count("wrong"))
"""
)

REDIS_HITTER = (
    WAIT_FOR_GO
    + """
from dvcq.counters import RedisCounters
store = RedisCounters(sys.argv[2])
print(sum(store.hit(sys.argv[3], 60).count <= {limit} for _ in range({tries})))
"""
)


def _race(tmp_path, script: str, args_of, env: dict) -> list[int]:
    """Start PROCESSES copies of ``script``, let them go at once, return what each printed."""
    code = textwrap.dedent(script)
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "dvcq.settings_test", **env}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path), *args_of(n)],
            env=environment,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("ready-*"))) < PROCESSES:
        assert time.monotonic() < deadline, [r.poll() for r in runs]
        assert all(r.poll() is None for r in runs), [r.communicate()[1] for r in runs]
        time.sleep(0.05)
    (tmp_path / "go").touch()
    results = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        results.append(int(out.strip()))
    return results


@pytest.mark.django_db
def test_a_window_counts_hits_then_starts_again(settings):
    settings.DVCQ_CACHE_URL = ""
    store = counters.store()
    assert isinstance(store, counters.DatabaseCounters)
    with time_machine.travel(datetime.datetime(2026, 9, 1, 8, tzinfo=datetime.UTC), tick=False):
        assert [store.hit("k", 60).count for _ in range(3)] == [1, 2, 3]
        assert store.hit("k", 60).retry_after == 60
        store.take_back("k")
        assert store.current("k") == 3
    with time_machine.travel(datetime.datetime(2026, 9, 1, 8, 0, 45, tzinfo=datetime.UTC)):
        assert store.hit("k", 60).retry_after <= 15
    with time_machine.travel(datetime.datetime(2026, 9, 1, 8, 1, 1, tzinfo=datetime.UTC)):
        assert store.current("k") == 0
        assert store.hit("k", 60).count == 1
        assert store.purge() == 0
        store.clear("k")
        assert store.current("k") == 0


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_three_processes_get_exactly_five_guesses_at_one_receipt_code(
    tmp_path, commune, clerk, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the processes share the test database")
    settings.DVCQ_CACHE_URL = ""
    petition = receive(commune, clerk, day=datetime.date(2026, 9, 1)).petition
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    script = GUESSER.replace("{tries}", str(TRIES))
    accepted = _race(
        tmp_path,
        script,
        lambda n: [f"203.0.113.{n + 1}", petition.receipt_code],
        {"DATABASE_URL": url, "DVCQ_CACHE_URL": ""},
    )
    assert sum(accepted) == public.CODE_LIMIT, accepted
    assert public.lookup("198.51.100.9", petition.receipt_code, "sai")[0] == "blocked"


def test_redis_counts_once_for_every_process(tmp_path):
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"Redis không chạy ở {REDIS_URL}: {exc}")
    key = f"test:{uuid.uuid4().hex}"
    script = REDIS_HITTER.replace("{tries}", str(TRIES)).replace("{limit}", "5")
    accepted = _race(tmp_path, script, lambda n: [REDIS_URL, key], {})
    assert sum(accepted) == 5, accepted
    store = counters.RedisCounters(REDIS_URL)
    assert store.current(key) == PROCESSES * TRIES
    assert 1 <= store.hit(key, 60).retry_after <= 60
    store.take_back(key)
    assert store.current(key) == PROCESSES * TRIES
    store.clear(key)
    assert store.current(key) == 0


def test_the_store_follows_the_cache_setting(settings):
    settings.DVCQ_CACHE_URL = REDIS_URL
    assert isinstance(counters.store(), counters.RedisCounters)
    settings.DVCQ_CACHE_URL = ""
    assert isinstance(counters.store(), counters.DatabaseCounters)


@pytest.mark.django_db
def test_the_daily_job_deletes_ended_windows(settings):
    from dvcq.background import purge_counters
    from dvcq.models import Counter
    from jobs import registry

    settings.DVCQ_CACHE_URL = ""
    assert any(s.kind == "dvcq.purge_counters" for s in registry.daily_schedules())
    with time_machine.travel(datetime.datetime(2026, 9, 1, 8, tzinfo=datetime.UTC), tick=False):
        counters.hit("old", 60)
        counters.hit("new", 3600)
    with time_machine.travel(datetime.datetime(2026, 9, 1, 8, 5, tzinfo=datetime.UTC)):
        assert purge_counters(None) == {"deleted": 1}
    assert list(Counter.objects.values_list("key", flat=True)) == ["new"]
