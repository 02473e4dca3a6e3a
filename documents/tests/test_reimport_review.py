"""The review screen of a corrected version: every task that would be added, changed or
withdrawn is shown with its progress, person in charge and manual edits, and the clerk
keeps any of them, without JavaScript."""

import datetime
from io import StringIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from documents.models import ImportDraft
from documents.tests.test_review_screen import review_payload
from jobs.models import Job
from programs.models import Program, ProgramRevision, Task
from programs.services import assign_task, record_task_update

SEED = Path(__file__).resolve().parents[2] / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"
DROPPED = "Triển khai, tuyên truyền thực hiện ngày pháp luật Việt Nam 09/11."


def import_seed(commune) -> Program:
    call_command("import_program", str(SEED), unit=commune.code, stdout=StringIO())
    return Program.objects.get(unit=commune, year=2023)


def upload_corrected(client):
    text = SEED.read_text("utf-8").replace(f"- {DROPPED}\n", "")
    client.post(
        reverse("documents:import_upload"),
        {"file": SimpleUploadedFile("ban-sua.txt", text.encode("utf-8"))},
    )
    return ImportDraft.objects.get()


def test_the_review_screen_shows_the_dropped_task_with_its_progress_and_keeps_it(
    client, clerk, commune, seat
):
    program = import_seed(commune)
    task = program.tasks.get(text=DROPPED)
    assign_task(task=task, actor=clerk, responsible=seat, due_date=datetime.date(2023, 11, 20))
    record_task_update(task=task, actor=clerk, status="in_progress", progress=80)
    client.force_login(clerk)
    draft = upload_corrected(client)

    page = client.get(reverse("documents:import_review", args=[draft.pk])).content.decode()

    assert not Task.all_objects.get(pk=task.pk).withdrawn  # showing saved nothing
    row = page[page.index(f'data-key="task-{task.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Bỏ khỏi văn bản" in row and DROPPED in row
    assert "80%" in row and "Phạm Văn Nam" in row and "hạn hoàn thành" in row
    assert f'name="keep-{task.pk}" value="1" checked' in row

    response = client.post(
        reverse("documents:import_review", args=[draft.pk]),
        review_payload(draft, **{"shown": [f"task-{task.pk}"], f"keep-{task.pk}": "1"}),
    )

    assert response.status_code == 302
    task.refresh_from_db()
    assert not task.withdrawn and task.progress == 80
    assert task.due_date == datetime.date(2023, 11, 20) and task.responsible == seat


def test_unticking_keep_withdraws_the_task_and_it_can_be_restored(client, clerk, commune):
    program = import_seed(commune)
    task = program.tasks.get(text=DROPPED)
    record_task_update(task=task, actor=clerk, status="in_progress", progress=30)
    client.force_login(clerk)
    draft = upload_corrected(client)
    client.post(
        reverse("documents:import_review", args=[draft.pk]),
        review_payload(draft, shown=[f"task-{task.pk}"]),
    )
    task = Task.all_objects.get(pk=task.pk)
    assert task.withdrawn and task.progress == 30

    page = client.get(reverse("programs:program", args=[program.pk])).content.decode()
    assert "Khôi phục bản trước lần nhập lại" in page
    revision = ProgramRevision.objects.get()
    response = client.post(
        reverse("programs:program_restore_revision", args=[program.pk]),
        {"revision": revision.pk},
    )
    assert response.status_code == 302
    assert program.tasks.filter(pk=task.pk).exists()


def test_the_worker_holds_an_update_of_an_existing_program_for_review(
    client, clerk, commune, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    program = import_seed(commune)
    task = program.tasks.get(text=DROPPED)
    client.force_login(clerk)
    text = SEED.read_text("utf-8").replace(f"- {DROPPED}\n", "")
    client.post(
        reverse("documents:import_many"),
        {"files": [SimpleUploadedFile("ban-sua.txt", text.encode("utf-8"))]},
    )

    call_command("worker", "--once")

    assert not Task.all_objects.get(pk=task.pk).withdrawn
    draft = ImportDraft.objects.get()
    job = Job.objects.get(kind="documents.import_many")
    assert reverse("documents:import_review", args=[draft.pk]) in job.result["done"][0]


def test_the_clerk_chooses_the_documents_deadline_over_one_set_by_hand(client, clerk, commune):
    moved = "Chỉ đạo đăng ký xây dựng và thực hiện điểm sáng công tác Dân vận chính quyền 2023."
    program = import_seed(commune)
    task = program.tasks.get(text=moved)
    assign_task(task=task, actor=clerk, due_date=datetime.date(2023, 3, 10))
    anchor = "- Báo cáo sơ kết công tác Dân vận chính quyền 6 tháng đầu năm"
    text = SEED.read_text("utf-8").replace(f"- {moved}\n", "")
    text = text.replace(anchor, f"- {moved}\n\n{anchor}")
    client.force_login(clerk)
    client.post(
        reverse("documents:import_upload"),
        {"file": SimpleUploadedFile("ban-sua.txt", text.encode("utf-8"))},
    )
    draft = ImportDraft.objects.get()

    page = client.get(reverse("documents:import_review", args=[draft.pk])).content.decode()
    row = page[page.index(f'data-key="task-{task.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Hạn hoàn thành: 10/03/2023 → 30/06/2023" in row
    assert f'name="document-{task.pk}"' in row and "thay cho giá trị đã sửa tay" in row

    client.post(
        reverse("documents:import_review", args=[draft.pk]),
        review_payload(draft, **{"shown": [f"task-{task.pk}"], f"document-{task.pk}": "1"}),
    )
    task.refresh_from_db()
    assert (task.period, task.due_date) == ("Q2", datetime.date(2023, 6, 30))
