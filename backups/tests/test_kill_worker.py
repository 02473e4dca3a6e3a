"""SIGKILL the worker in the middle of a many-file import: no half-imported document, and
after the lease runs out a new worker finishes the job, with nothing imported twice."""

from pathlib import Path

import pytest

from backups.tests.helpers import Installation
from jobs.testing import (
    EXPIRE_JOB_LEASES,
    kill_worker_at,
    postgresql_installation,
    shell_json,
    sqlite_installation,
)

SEED = Path(__file__).resolve().parents[2] / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"
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
    return shell_json(inst, STATE)


def _kill_and_finish(inst: Installation, tmp_path):
    inst.migrate()
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
    # Document 1 is committed once document 2's transaction has started writing.
    kill_worker_at(inst, tmp_path, "backups.tests.slow_worker", marker="inside-2", sleep=0.5)

    after_kill = _state(inst)
    assert after_kill["job"] == ["running", 1]
    assert after_kill["programs"] == [2023]  # document 2 left nothing behind
    assert after_kill["all_tasks"] == after_kill["tasks"]["2023"] == 29

    # A new worker leaves the job alone while the dead worker's lease runs...
    inst.run("worker", "--once")
    assert _state(inst)["job"] == ["running", 1]
    # ... and takes it back once the lease has run out (moved into the past here).
    inst.shell(EXPIRE_JOB_LEASES)
    inst.run("worker", "--once")
    final = _state(inst)
    assert final["job"] == ["done", 2]
    assert final["programs"] == list(YEARS)
    assert final["tasks"] == {str(y): 29 for y in YEARS}  # 2023 updated in place, not doubled
    assert final["all_tasks"] == 87


def test_sigkilled_import_on_sqlite_leaves_no_partial_document_and_completes(tmp_path):
    _kill_and_finish(sqlite_installation(tmp_path), tmp_path)


@pytest.mark.postgresql
def test_sigkilled_import_on_postgresql_leaves_no_partial_document_and_completes(tmp_path):
    with postgresql_installation(tmp_path, PG_DB) as inst:
        _kill_and_finish(inst, tmp_path)
