"""SIGKILL the worker in the middle of a many-file import: no half-imported document, and
after the lease runs out a new worker finishes the job, with nothing imported twice."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backups.tests.helpers import ROOT, Installation, pg_url, recreate_pg_database

SEED = Path("/work/shared/seed/chuong-trinh-dvcq-2023.txt")
YEARS = (2023, 2024, 2025)
PG_DB = "dvcq_reliab_kill"

STATE = """
import json
from jobs.models import Job
from programs.models import Program, Task
print(json.dumps({
    "job": list(
        Job.objects.filter(kind="documents.import_many").values_list("status", "attempts")
    )[0],
    "programs": sorted(Program.objects.values_list("year", flat=True)),
    "tasks": {str(p.year): p.tasks.count() for p in Program.objects.all()},
    "all_tasks": Task.objects.count(),
}))
"""


def _state(inst):
    return json.loads(inst.shell(STATE).strip().splitlines()[-1])


def _kill_and_finish(inst: Installation, tmp_path):
    if not SEED.exists():
        pytest.skip(f"{SEED} is not on this machine")
    inst.run("migrate", "--noinput", "-v", "0")
    folder = inst.data_dir / "imports" / "batch"
    folder.mkdir(parents=True)
    text = SEED.read_text("utf-8")
    names = []
    for year in YEARS:
        names.append(f"ctr-{year}.txt")
        (folder / names[-1]).write_text(text.replace("2023", str(year)), "utf-8")
    inst.shell(
        "from units.models import Unit; from jobs.queue import enqueue; "
        "u = Unit.objects.create(code='xa-a', name='Xã A', kind='commune'); "
        f"enqueue('documents.import_many', {{'unit': u.pk, 'folder': 'batch', 'files': {names!r}}})"
    )
    markers = tmp_path / "markers"
    markers.mkdir()
    env = {**inst.env, "DVCQ_TEST_MARKERS": str(markers), "DVCQ_TEST_HOLD_SECONDS": "60"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "backups.tests.slow_worker", "--sleep", "0.5"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        # Document 1 is committed once document 2's transaction has started writing.
        while not (markers / "inside-2").exists():
            assert time.monotonic() < deadline, "the worker never reached the second document"
            assert worker.poll() is None, "the worker stopped by itself"
            time.sleep(0.1)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()

    after_kill = _state(inst)
    assert after_kill["job"] == ["running", 1]
    assert after_kill["programs"] == [2023]  # document 2 left nothing behind
    assert after_kill["all_tasks"] == after_kill["tasks"]["2023"] == 29

    # A new worker leaves the job alone while the dead worker's lease runs...
    inst.run("worker", "--once")
    assert _state(inst)["job"] == ["running", 1]
    # ... and takes it back once the lease has run out (moved into the past here).
    inst.shell(
        "import datetime; from django.utils import timezone; from jobs.models import Job; "
        "Job.objects.filter(status='running')"
        ".update(locked_until=timezone.now() - datetime.timedelta(seconds=1))"
    )
    inst.run("worker", "--once")
    final = _state(inst)
    assert final["job"] == ["done", 2]
    assert final["programs"] == list(YEARS)
    assert final["tasks"] == {str(y): 29 for y in YEARS}  # 2023 updated in place, not doubled
    assert final["all_tasks"] == 87


def test_sigkilled_import_on_sqlite_leaves_no_partial_document_and_completes(tmp_path):
    inst = Installation(tmp_path / "site", f"sqlite:///{tmp_path / 'site' / 'dvcq.sqlite3'}")
    _kill_and_finish(inst, tmp_path)


@pytest.mark.postgresql
def test_sigkilled_import_on_postgresql_leaves_no_partial_document_and_completes(tmp_path):
    recreate_pg_database(PG_DB)
    try:
        _kill_and_finish(Installation(tmp_path / "site", pg_url(PG_DB)), tmp_path)
    finally:
        recreate_pg_database(PG_DB, drop_only=True)
