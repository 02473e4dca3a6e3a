"""Reporting progress on a task, with evidence checked by content and stored safely."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from programs.models import Evidence, TaskStatus, TaskUpdate
from programs.tests.helpers import docx_bytes, pdf_bytes, pdf_upload, png_bytes


def post_update(client, task, **data):
    payload = {"status": "in_progress", "progress": 50, "note": ""}
    payload.update(data)
    return client.post(reverse("programs:task", args=[task.pk]), payload)


def test_marking_a_task_done_with_a_pdf(client, clerk, task):
    client.force_login(clerk)
    response = post_update(
        client, task, status="done", progress=100, note="Đã tổ chức hội nghị", evidence=pdf_upload()
    )
    assert response.status_code == 302
    task.refresh_from_db()
    # The 2023 task's due date has passed: done now is "hoàn thành quá hạn".
    assert task.status == TaskStatus.DONE_LATE
    assert task.progress == 100 and task.completed_on is not None
    evidence = Evidence.objects.get(task=task)
    assert evidence.original_name == "bien-ban.pdf"
    assert evidence.content_type == "application/pdf"
    stored = evidence.file.path
    assert stored.startswith(str(settings.EVIDENCE_ROOT))
    assert not stored.startswith(str(settings.STATIC_ROOT))
    page = client.get(reverse("programs:task", args=[task.pk])).content.decode()
    assert "Hoàn thành quá hạn" in page and "bien-ban.pdf" in page and "Đã tổ chức hội nghị" in page


def test_done_before_the_due_date_is_done(client, clerk, task, time_machine):
    time_machine.move_to("2023-03-20 09:00 +0700")
    client.force_login(clerk)
    assert post_update(client, task, status="done", progress=100).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.current_status == TaskStatus.DONE


def test_evidence_download_for_permitted_users_only(client, clerk, viewer, charlie, task):
    client.force_login(clerk)
    post_update(client, task, evidence=pdf_upload())
    evidence = Evidence.objects.get(task=task)
    url = reverse("programs:evidence", args=[evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert "attachment" in response["Content-Disposition"]
    client.force_login(viewer)
    assert client.get(url).status_code == 200
    client.force_login(charlie)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bien-ban.docx", None),
        ("anh.png", None),
        ("bang.xlsx", None),
    ],
)
def test_real_office_and_image_files_are_accepted(client, clerk, task, name, data):
    import io

    import openpyxl

    if name.endswith(".docx"):
        data = docx_bytes()
    elif name.endswith(".png"):
        data = png_bytes()
    else:
        book = openpyxl.Workbook()
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
    client.force_login(clerk)
    response = post_update(client, task, evidence=SimpleUploadedFile(name, data))
    assert response.status_code == 302, response.content.decode()
    assert Evidence.objects.filter(task=task, original_name=name).exists()


def assert_nothing_saved(task, before_files=()):
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_STARTED and task.progress == 0
    assert not TaskUpdate.objects.filter(task=task).exists()
    assert not Evidence.objects.filter(task=task).exists()
    assert not AuditEvent.objects.filter(target_id=task.pk, verb="update").exists()
    root = settings.EVIDENCE_ROOT
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("gia.pdf", b"MZ\x90\x00 this is an exe"), "không phải là tệp PDF"),
        (SimpleUploadedFile("anh.png", pdf_bytes()), "không phải là tệp PNG"),
        (
            SimpleUploadedFile("vanban.docx", b"PK\x03\x04 not really a zip"),
            "không phải là tệp DOCX",
        ),
        (SimpleUploadedFile("script.exe", b"MZ\x90\x00"), "chỉ nhận PDF, DOCX, XLSX, JPEG, PNG"),
        (SimpleUploadedFile("rong.pdf", b""), "rỗng"),
    ],
)
def test_an_upload_that_is_not_what_its_name_says_is_refused(client, clerk, task, upload, message):
    client.force_login(clerk)
    response = post_update(client, task, status="done", progress=100, evidence=upload)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert_nothing_saved(task)


def test_a_file_over_the_size_limit_is_refused(client, clerk, task, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    client.force_login(clerk)
    big = SimpleUploadedFile("lon.pdf", pdf_bytes() + b"%" * 2048)
    response = post_update(client, task, evidence=big)
    assert response.status_code == 400
    assert "quá lớn: tối đa" in response.content.decode()
    assert_nothing_saved(task)


@pytest.mark.parametrize("progress", ["150", "-5", "nhiều"])
def test_progress_outside_0_100_is_refused(client, clerk, task, progress):
    client.force_login(clerk)
    response = post_update(client, task, progress=progress, evidence=pdf_upload())
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tiến độ phải" in body
    assert_nothing_saved(task)


def test_one_bad_file_among_good_ones_saves_nothing(client, clerk, task):
    client.force_login(clerk)
    response = client.post(
        reverse("programs:task", args=[task.pk]),
        {
            "status": "done",
            "progress": 100,
            "evidence": [pdf_upload("a.pdf"), SimpleUploadedFile("b.pdf", b"not a pdf")],
        },
    )
    assert response.status_code == 400
    assert_nothing_saved(task)


def test_every_update_is_in_the_history(client, clerk, task):
    client.force_login(clerk)
    post_update(client, task, status="in_progress", progress=30)
    post_update(client, task, status="in_progress", progress=70, note="Đã họp")
    events = list(AuditEvent.objects.filter(target_id=task.pk, verb="update").order_by("id"))
    assert len(events) == 2
    assert events[1].changes["progress"] == [30, 70]
    assert events[1].actor == clerk
    page = client.get(reverse("programs:task", args=[task.pk])).content.decode()
    assert "Lịch sử thay đổi" in page and "30" in page and "70" in page
