"""Importing through the web: upload, review beside the source text, correct, save."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import ImportDraft
from programs.models import Program, TaskStatus
from programs.services import record_task_update

SEED_DIR = Path(__file__).resolve().parents[2] / "dvcq" / "seed"


def upload(client, name="chuong-trinh-dvcq-2023.docx", data=None):
    data = data if data is not None else (SEED_DIR / name).read_bytes()
    return client.post(reverse("documents:import_upload"), {"file": SimpleUploadedFile(name, data)})


def review_payload(draft, **overrides):
    payload = {
        "year": 2023,
        "title": draft.reading["title"],
        "number_symbol": "/CTr-BTH",
        "save": "1",
    }
    for i, item in enumerate(draft.reading["items"]):
        payload[f"item-{i}-kind"] = item["kind"]
        payload[f"item-{i}-period"] = item["period"] or ""
        payload[f"item-{i}-responsible"] = ""
    payload.update(overrides)
    return payload


def test_upload_review_correct_and_save(client, clerk, seat):
    client.force_login(clerk)
    response = upload(client)
    draft = ImportDraft.objects.get()
    assert response.url == reverse("documents:import_review", args=[draft.pk])
    page = client.get(response.url).content.decode()
    assert "Văn bản gốc" in page and "Nhiệm vụ cụ thể, thời gian thực hiện" in page
    assert "Khi lưu, hệ thống sẽ" in page and "Tạo chương trình mới với 29 mục" in page
    assert not Program.objects.exists()  # the preview saved nothing
    # each item's time is chosen in words, and the form asks for no code
    assert 'value="Q1" selected>Quý I</option>' in page and "(mã)" not in page

    response = client.post(
        response.url,
        review_payload(
            draft,
            **{
                "item-10-period": "M2",
                "item-10-responsible": seat.pk,
                "item-0-kind": "scheduled",
                "item-0-period": "H1",
            },
        ),
    )
    program = Program.objects.get(year=2023)
    assert response.url == reverse("programs:program", args=[program.pk])
    first = program.tasks.get(position=1)
    assert (first.kind, first.period, first.due_date.isoformat()) == (
        "scheduled",
        "H1",
        "2023-06-30",
    )
    corrected = program.tasks.get(position=11)
    assert corrected.period == "M2" and corrected.due_date.isoformat() == "2023-02-28"
    assert corrected.responsible == seat
    assert program.source_name == "chuong-trinh-dvcq-2023.docx"
    assert not ImportDraft.objects.exists()


def test_a_bad_period_on_the_review_screen_saves_nothing(client, clerk):
    client.force_login(clerk)
    upload(client)
    draft = ImportDraft.objects.get()
    response = client.post(
        reverse("documents:import_review", args=[draft.pk]),
        review_payload(draft, **{"item-3-period": "quý 7", "year": "abc"}),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Thời gian thực hiện không hợp lệ" in body and "Năm không hợp lệ" in body
    assert not Program.objects.exists()
    assert ImportDraft.objects.exists()


def test_reupload_updates_the_program_and_keeps_progress(client, clerk):
    client.force_login(clerk)
    upload(client, "chuong-trinh-dvcq-2023.txt")
    draft = ImportDraft.objects.get()
    client.post(reverse("documents:import_review", args=[draft.pk]), review_payload(draft))
    program = Program.objects.get()
    task = program.tasks.get(position=12)
    record_task_update(task=task, actor=clerk, status="in_progress", progress=55)

    upload(client, "chuong-trinh-dvcq-2023.auto-numbering.docx")
    draft = ImportDraft.objects.get()
    page = client.get(reverse("documents:import_review", args=[draft.pk])).content.decode()
    assert "sẽ cập nhật chương trình đó" in page and "giữ nguyên 29" in page
    client.post(reverse("documents:import_review", args=[draft.pk]), review_payload(draft))
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 55)
    assert Program.objects.count() == 1


def test_bad_files_get_a_vietnamese_message(client, clerk, settings):
    client.force_login(clerk)
    for name, data, message in [
        ("rong.txt", b"", "Tệp rỗng"),
        ("rac.txt", bytes(range(256)) * 20, "Không đọc được"),
        ("gia.docx", b"PK\x03\x04 not a real zip", ".docx"),
        ("anh.png", b"\x89PNG\r\n\x1a\n", "Không nhận loại tệp"),
    ]:
        response = upload(client, name, data)
        assert response.status_code == 400, name
        assert message in response.content.decode(), (name, response.content.decode()[-2000:])
    settings.IMPORT_MAX_BYTES = 100
    response = upload(client, "chuong-trinh-dvcq-2023.txt")
    assert "Tệp quá lớn" in response.content.decode()
    assert not ImportDraft.objects.exists() and not Program.objects.exists()


def test_only_the_office_and_chair_of_the_unit_import(client, viewer, member_user, charlie, clerk):
    for user in (viewer, member_user):
        client.force_login(user)
        assert client.get(reverse("documents:import_upload")).status_code == 404
    client.force_login(clerk)
    upload(client)
    draft = ImportDraft.objects.get()
    client.force_login(charlie)
    assert client.get(reverse("documents:import_review", args=[draft.pk])).status_code == 404
    assert (
        client.post(
            reverse("documents:import_review", args=[draft.pk]), {"discard": "1"}
        ).status_code
        == 404
    )
    assert ImportDraft.objects.exists()


def test_the_source_text_is_kept_in_nfc(client, clerk):
    import unicodedata

    client.force_login(clerk)
    decomposed = unicodedata.normalize("NFD", (SEED_DIR / "chuong-trinh-dvcq-2023.txt").read_text())
    upload(client, "nfd.txt", decomposed.encode("utf-8"))
    draft = ImportDraft.objects.get()
    assert draft.source_text == unicodedata.normalize("NFC", draft.source_text)
    assert "Số: /CTr-BTH" in draft.source_text
