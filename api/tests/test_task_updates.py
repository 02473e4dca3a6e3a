"""PATCH a task and upload evidence: the web's rules (``can_update_task``), a read-write
token, the checks of ``programs.evidence``; nothing half-saved."""

import io
import json

import pytest
from PIL import Image

from accounts.models import Role
from api.models import TokenScope
from api.tests.conftest import error_of
from audit.models import AuditEvent
from conftest import make_user
from programs.models import Evidence, TaskUpdate

RW = TokenScope.READ_WRITE


def test_member_updates_their_own_task(api, member_user, task):
    response = api(member_user, RW).patch(
        f"/api/v1/tasks/{task.pk}/", {"status": "in_progress", "progress": 40, "note": "Đã họp"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["progress"] == 40
    task.refresh_from_db()
    assert (task.status, task.progress) == ("in_progress", 40)
    update = TaskUpdate.objects.get(task=task)
    assert update.author == member_user and update.note == "Đã họp"
    assert AuditEvent.objects.filter(target_id=task.pk, verb="update").exists()


def test_done_after_the_due_date_is_done_late_at_100(api, clerk, task):
    response = api(clerk, RW).patch(f"/api/v1/tasks/{task.pk}/", {"status": "done", "progress": 30})
    assert response.status_code == 200
    assert response.json()["status"] == "done_late"
    assert response.json()["progress"] == 100


def test_member_may_not_update_someone_elses_task(api, member_user, program, seat):
    other = program.tasks.get(position=2)
    response = api(member_user, RW).patch(f"/api/v1/tasks/{other.pk}/", {"progress": 10})
    assert response.status_code == 403
    assert "chỉ xem" in error_of(response)["message"]
    assert not TaskUpdate.objects.exists()


def test_viewer_may_not_update(api, viewer, task):
    response = api(viewer, RW).patch(f"/api/v1/tasks/{task.pk}/", {"progress": 10})
    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"


def test_read_only_token_may_not_write_even_for_the_clerk(api, clerk, task):
    response = api(clerk, TokenScope.READ).patch(f"/api/v1/tasks/{task.pk}/", {"progress": 10})
    assert response.status_code == 403
    assert "chỉ được đọc" in error_of(response)["message"]
    assert not TaskUpdate.objects.exists()


def test_another_communes_task_is_404_even_with_a_write_token(api, charlie, task):
    response = api(charlie, RW).patch(f"/api/v1/tasks/{task.pk}/", {"progress": 10})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"progress": 10, "responsible": 1}, "responsible"),
        ({"progress": 150}, "progress"),
        ({"progress": "nhiều"}, "progress"),
        ({"status": "overdue"}, "status"),
        ({"status": "done_late"}, "status"),
        ({}, "non_field_errors"),
    ],
)
def test_bad_patch_is_400_naming_the_field_and_saves_nothing(api, clerk, task, body, field):
    response = api(clerk, RW).patch(f"/api/v1/tasks/{task.pk}/", body)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid"
    assert field in error["details"]
    assert not TaskUpdate.objects.exists()


def test_malformed_json_and_wrong_media_types(api, clerk, task):
    client = api(clerk, RW)
    broken = client.patch(
        f"/api/v1/tasks/{task.pk}/", '{"progress": 1', content_type="application/json"
    )
    assert broken.status_code == 400
    assert error_of(broken)["code"] == "malformed"
    listed = client.patch(f"/api/v1/tasks/{task.pk}/", json.dumps([1, 2]))
    assert listed.status_code == 400
    form = client.patch(f"/api/v1/tasks/{task.pk}/", "progress=1", content_type="text/plain")
    assert form.status_code == 415
    assert error_of(form)["code"] == "unsupported_media_type"
    put = client.client.put(
        f"/api/v1/tasks/{task.pk}/",
        "{}",
        content_type="application/json",
        headers={"authorization": f"Bearer {client.key}"},
    )
    assert put.status_code == 405
    assert error_of(put)["code"] == "method_not_allowed"


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "anh-hoi-nghi.png"
    return buffer


def test_fake_pdf_is_refused_in_vietnamese_and_nothing_is_saved(api, member_user, task):
    fake = io.BytesIO(b"MZ\x90\x00 this is an executable, not a PDF")
    fake.name = "bao-cao.pdf"
    response = api(member_user, RW).post(
        f"/api/v1/tasks/{task.pk}/evidence/", {"file": fake, "progress": "50"}
    )
    assert response.status_code == 400
    error = error_of(response)
    assert "không phải là tệp PDF" in " ".join(error["details"]["file"])
    assert not Evidence.objects.exists()
    assert not TaskUpdate.objects.exists()
    task.refresh_from_db()
    assert task.progress == 0


def test_real_image_is_stored_and_downloadable(api, member_user, task):
    client = api(member_user, RW)
    response = client.post(
        f"/api/v1/tasks/{task.pk}/evidence/", {"file": _png(), "progress": "60", "note": "Ảnh"}
    )
    assert response.status_code == 201, response.content
    [row] = response.json()
    assert row["original_name"] == "anh-hoi-nghi.png"
    assert row["content_type"] == "image/png"
    task.refresh_from_db()
    assert task.progress == 60
    listed = client.get(f"/api/v1/tasks/{task.pk}/evidence/").json()
    assert [r["id"] for r in listed] == [row["id"]]
    download = client.get(f"/api/v1/evidence/{row['id']}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")


def test_evidence_of_another_commune_is_404(api, member_user, task, other_commune):
    api(member_user, RW).post(f"/api/v1/tasks/{task.pk}/evidence/", {"file": _png()})
    evidence = Evidence.objects.get()
    outsider = make_user("outsider", other_commune, Role.OFFICE)
    assert api(outsider).get(f"/api/v1/evidence/{evidence.pk}/").status_code == 404
    assert api(outsider).get(f"/api/v1/tasks/{task.pk}/evidence/").status_code == 404


def test_upload_without_a_file_is_400(api, clerk, task):
    response = api(clerk, RW).post(f"/api/v1/tasks/{task.pk}/evidence/", {"note": "quên tệp"})
    assert response.status_code == 400
    assert "file" in error_of(response)["details"]
