"""Test support for killing a ``dvcq worker`` at a known point (the "kill tests" of reports,
reminders and backups). Test-only: imported by tests and by their held workers, never by
the application.

Two halves:

* in the worker process, :func:`run_held_worker` runs ``dvcq worker`` with the test's hooks,
  which stop at a named point through a :class:`Hold`;
* in the test, :func:`kill_worker_at` starts such a worker in an :class:`Installation`
  (:func:`sqlite_installation`, :func:`postgresql_installation`), waits until it has
  reached the point and SIGKILLs it there; :func:`shell_json` reads the state it left.

The worker and the test agree through the environment: ``DVCQ_TEST_HOLD`` names the point
("saved", "mail:2"), ``DVCQ_TEST_MARKERS`` is the folder where reaching it creates a file
named after it (":" written "-"), ``DVCQ_TEST_HOLD_SECONDS`` how long the worker then
sleeps (long enough to be killed).
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from backups.tests.helpers import ROOT, Installation, pg_url, recreate_pg_database, run_database

HOLD_SECONDS = 60

# Run in the installation's shell after reading its state: the dead worker's lease runs out
# (moved into the past rather than waited for), so the next worker takes the job back.
EXPIRE_JOB_LEASES = """
import datetime
from django.utils import timezone
from jobs.models import Job
Job.objects.filter(status="running").update(
    locked_until=timezone.now() - datetime.timedelta(seconds=1)
)
"""


def marker_name(point: str) -> str:
    return point.replace(":", "-")


# The worker's half.


class Hold:
    """Where a held worker stops: at the point ``DVCQ_TEST_HOLD`` names, if it gets there."""

    def __init__(self) -> None:
        self.point = os.environ.get("DVCQ_TEST_HOLD", "")
        self.markers = Path(os.environ["DVCQ_TEST_MARKERS"])
        self.seconds = float(os.environ.get("DVCQ_TEST_HOLD_SECONDS", str(HOLD_SECONDS)))
        self.seen: Counter = Counter()

    def at(self, here: str) -> None:
        """The worker is at ``here``: when that is the point, announce it and stop."""
        if here == self.point:
            (self.markers / marker_name(here)).touch()
            time.sleep(self.seconds)

    def count(self, kind: str) -> None:
        """The worker is at the next ``kind`` (its N-th is the point ``kind:N``)."""
        self.seen[kind] += 1
        self.at(f"{kind}:{self.seen[kind]}")


def run_held_worker(install_hooks: Callable[[Hold], None]) -> None:
    """``dvcq worker`` with the command line's arguments, after Django is set up and
    ``install_hooks(hold)`` has connected the hooks that call ``hold.at`` / ``hold.count``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dvcq.settings")
    import django

    django.setup()
    from django.core.management import call_command

    install_hooks(Hold())
    call_command("worker", *sys.argv[1:])


# The test's half.


def sqlite_installation(tmp_path: Path) -> Installation:
    folder = tmp_path / "site"
    return Installation(folder, f"sqlite:///{folder / 'dvcq.sqlite3'}")


@contextlib.contextmanager
def postgresql_installation(tmp_path: Path, name: str) -> Iterator[Installation]:
    """An installation on a fresh PostgreSQL database (``run_database(name)``), dropped
    afterwards."""
    database = run_database(name)
    recreate_pg_database(database)
    try:
        yield Installation(tmp_path / "site", pg_url(database))
    finally:
        recreate_pg_database(database, drop_only=True)


def shell_json(inst: Installation, code: str):
    """The JSON that ``code``, run in the installation's shell, printed last."""
    return json.loads(inst.shell(code).strip().splitlines()[-1])


def kill_worker_at(
    inst: Installation,
    tmp_path: Path,
    module: str,
    *,
    hold: str = "",
    marker: str = "",
    sleep: float = 0.2,
    timeout: float = 120,
) -> None:
    """Run ``python -m module --sleep <sleep>`` (a ``dvcq worker`` with test hooks) until it
    creates the file ``marker`` (by default the one of the point ``hold``), then SIGKILL it.
    Fails, with the end of the worker's log, if it stops first or never gets there."""
    marker = marker or marker_name(hold)
    markers = tmp_path / f"markers-{marker}"
    markers.mkdir()
    env = {
        **inst.env,
        "DVCQ_TEST_HOLD": hold,
        "DVCQ_TEST_MARKERS": str(markers),
        "DVCQ_TEST_HOLD_SECONDS": str(HOLD_SECONDS),
    }
    log = tmp_path / f"worker-{marker}.log"
    with log.open("wb") as stderr:
        worker = subprocess.Popen(  # noqa: S603 (this Python, a test module of ours)
            [sys.executable, "-m", module, "--sleep", str(sleep)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            deadline = time.monotonic() + timeout
            while not (markers / marker).exists():
                assert worker.poll() is None, f"the worker stopped:\n{log.read_text()[-3000:]}"
                assert time.monotonic() < deadline, f"the worker never reached {marker!r}"
                time.sleep(0.05)
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
