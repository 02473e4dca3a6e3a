"""The review screen when the importer found no tasks (or the wrong ones): the clerk adds a
task by hand or chooses the section that holds them; each item shows its source line."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import ImportDraft
from programs.models import Program

REPORT = """ỦY BAN NHÂN DÂN
XÃ AN PHÚ
Số: 12/KH-UBND
An Phú, ngày 05 tháng 3 năm 2025
KẾ HOẠCH
Kiểm tra công tác văn thư năm 2025
Thực hiện Kế hoạch số 07/KH-UBND ngày 10/01/2025 của UBND huyện, UBND xã ban hành kế hoạch như sau:
I. HÌNH THỨC
1. Kiểm tra hồ sơ lưu trữ tại Văn phòng, trong tháng 4/2025.
2. Kiểm tra sổ đăng ký văn bản đến, trong tháng 5/2025.
Nơi nhận:
- UBND huyện;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn B
"""


def upload_report(client):
    data = SimpleUploadedFile("ke-hoach.txt", REPORT.encode())
    return client.post(reverse("documents:import_upload"), {"file": data})


def test_a_plan_without_tasks_reaches_the_review_screen_with_its_header(client, clerk):
    client.force_login(clerk)
    response = upload_report(client)
    draft = ImportDraft.objects.get()
    assert response.url == reverse("documents:import_review", args=[draft.pk])
    assert draft.reading["items"] == []
    assert draft.reading["number_symbol"] == "12/KH-UBND"
    assert draft.reading["signer"]["name"] == "Lê Văn B"
    page = client.get(response.url).content.decode()
    assert "Chưa có nhiệm vụ nào" in page and "Không tìm thấy nhiệm vụ nào" in page


def test_the_clerk_adds_a_task_by_hand(client, clerk):
    client.force_login(clerk)
    upload_report(client)
    draft = ImportDraft.objects.get()
    url = reverse("documents:import_review", args=[draft.pk])
    response = client.post(
        url, {"add_item": "1", "new-text": "  ", "new-kind": "focus", "new-period": ""}
    )
    assert response.status_code == 400
    assert "Vui lòng nhập nội dung nhiệm vụ." in response.content.decode()
    response = client.post(
        url,
        {
            "add_item": "1",
            "new-text": "Kiểm tra hồ sơ lưu trữ",
            "new-kind": "scheduled",
            "new-period": "M4",
        },
    )
    assert response.url == url
    draft.refresh_from_db()
    assert [(i["text"], i["kind"], i["period"]) for i in draft.reading["items"]] == [
        ("Kiểm tra hồ sơ lưu trữ", "scheduled", "M4")
    ]
    assert not Program.objects.exists()


def test_the_clerk_chooses_the_section_that_holds_the_tasks(client, clerk):
    client.force_login(clerk)
    upload_report(client)
    draft = ImportDraft.objects.get()
    url = reverse("documents:import_review", args=[draft.pk])
    response = client.post(url, {"choose_section": "1", "section": "Hình thức"})
    assert response.url == url
    draft.refresh_from_db()
    items = draft.reading["items"]
    assert [(i["period"], i["line"]) for i in items] == [("M4", 9), ("M5", 10)]
    page = client.get(url).content.decode()
    assert "Dòng 9 của văn bản gốc" in page
    assert "“1. Kiểm tra hồ sơ lưu trữ tại Văn phòng, trong tháng 4/2025.”" in page


def test_a_section_that_is_not_in_the_text_is_refused(client, clerk):
    client.force_login(clerk)
    upload_report(client)
    draft = ImportDraft.objects.get()
    url = reverse("documents:import_review", args=[draft.pk])
    response = client.post(url, {"choose_section": "1", "section": "Phần bịa ra"})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.reading["items"] == []
