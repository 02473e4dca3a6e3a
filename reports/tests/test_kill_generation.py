"""SIGKILL the worker while it writes a report's file: nothing half-kept, the job not done;
after the dead worker's lease runs out the job is taken over and exactly one complete file is
kept (a .docx that opens), never a second copy."""

import base64
import io

import pytest
from docx import Document

from backups.tests.helpers import Installation
from jobs.testing import (
    EXPIRE_JOB_LEASES,
    kill_worker_at,
    postgresql_installation,
    shell_json,
    sqlite_installation,
)

PG_DB = "dvcq_reliab_kill_report"

SEED = """
import datetime
from accounts.models import Role, User
from activities.models import Activity
from jobs.queue import enqueue
from programs.models import Program, Task
from reports import services
from reports.periods import Period
from units.models import Unit
unit = Unit.objects.create(code="xa-a", name="Xã A", kind="commune")
clerk = User.objects.create_user(username="vanphong", unit=unit, role=Role.OFFICE)
program = Program.objects.create(unit=unit, year=2023, title="Công tác DVCQ năm 2023")
for n, status in enumerate(("done", "done_late", "in_progress", "not_started"), start=1):
    Task.objects.create(
        program=program, kind="scheduled", position=n, text=f"Nhiệm vụ số {n} tuyên truyền",
        period=f"Q{n}", due_date=datetime.date(2023, 3 * n, 28), status=status,
    )
Activity.objects.create(
    unit=unit, kind="propaganda", title="Tuyên truyền", held_on=datetime.date(2023, 5, 1),
    place="Hội trường", organiser="UBND xã", participants=40,
)
report = services.create_report(unit=unit, actor=clerk, kind="year", period=Period.year(2023))
services.issue_report(report=report, actor=clerk, day=datetime.date(2024, 1, 5))
enqueue("reports.generate_file", {"report": report.pk, "fmt": "docx"}, user=clerk)
"""

STATE = """
import base64, json
from jobs.models import Job
from reports.models import Report, ReportFile
job = Job.objects.get(kind="reports.generate_file")
print(json.dumps({
    "job": [job.status, job.attempts],
    "result": job.result,
    "title": Report.objects.get().title,
    "files": [
        {"name": f.name, "fmt": f.fmt, "size": f.size,
         "content": base64.b64encode(bytes(f.content)).decode()}
        for f in ReportFile.objects.order_by("pk")
    ],
}))
"""


def _state(inst: Installation, expire: bool = False) -> dict:
    return shell_json(inst, STATE + (EXPIRE_JOB_LEASES if expire else ""))


def _kill_at(inst: Installation, tmp_path, point: str) -> None:
    """Run a worker that stops at ``point`` (see held_worker.py) and SIGKILL it there."""
    kill_worker_at(inst, tmp_path, "reports.tests.held_worker", hold=point)


def _kill_and_finish(inst: Installation, tmp_path) -> None:
    inst.migrate()
    inst.shell(SEED)

    # Killed with the file written and its row inserted, before the row is committed: the
    # row goes with the dead worker's transaction, and the job is not done.
    _kill_at(inst, tmp_path, "saved")
    state = _state(inst, expire=True)
    assert state["job"] == ["running", 1]
    assert state["files"] == []

    # Taken over by a second worker, killed just after the file's row was committed: the
    # job was marked done in that same commit, so nothing is left to run a second time.
    _kill_at(inst, tmp_path, "kept")
    assert _state(inst, expire=True)["job"] == ["done", 2]

    # A worker that is not stopped finds nothing to redo: one file, complete.
    inst.run("worker", "--once")
    final = _state(inst)
    assert final["job"] == ["done", 2]
    [kept] = final["files"]
    assert kept["fmt"] == "docx" and kept["name"].endswith(".docx")
    assert final["result"]["tệp"] == kept["name"]
    data = base64.b64decode(kept["content"])
    assert kept["size"] == len(data)
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert final["title"] in text


def test_sigkilled_report_file_on_sqlite_is_kept_once_and_complete(tmp_path):
    _kill_and_finish(sqlite_installation(tmp_path), tmp_path)


@pytest.mark.postgresql
def test_sigkilled_report_file_on_postgresql_is_kept_once_and_complete(tmp_path):
    with postgresql_installation(tmp_path, PG_DB) as inst:
        _kill_and_finish(inst, tmp_path)
