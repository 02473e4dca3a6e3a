"""Bright spots: registration linked to the program task, progress with checked evidence,
evaluation, recognition, the summary for reports, scoping and roles."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from brightspots import services
from brightspots.models import BrightSpot, EvaluationCriterion, SpotEvidence, SpotStatus
from programs.models import Task, TaskKind
from programs.tests.helpers import pdf_upload


@pytest.fixture
def registration_task(program):
    return Task.objects.create(
        program=program,
        kind=TaskKind.SCHEDULED,
        position=20,
        text="Chỉ đạo đăng ký xây dựng và thực hiện điểm sáng công tác Dân vận chính quyền 2023.",
        period="Q1",
        due_date=datetime.date(2023, 3, 31),
    )


def form_data(**overrides):
    return {
        "name": "Xóm 1 sáng - xanh - sạch - đẹp",
        "field": "society",
        "registrant_kind": "agency",
        "registrant_name": "Hội Phụ nữ xã",
        "goal": "Vệ sinh môi trường, trồng hoa hai bên đường",
        "start_date": "2023-02-01",
        "end_date": "2023-11-30",
        "person_in_charge": "Nguyễn Thị Lan",
    } | overrides


def make_spot(commune, clerk, **overrides):
    data = {
        "name": "Dân vận khéo trong giải phóng mặt bằng",
        "field": "economy",
        "registrant_kind": "unit",
        "goal": "Giải phóng mặt bằng đúng tiến độ",
        "start_date": datetime.date(2023, 2, 1),
        "end_date": datetime.date(2023, 11, 30),
        "person_in_charge": "Trần Văn Hùng",
        "registered_on": datetime.date(2023, 2, 1),
    } | overrides
    return services.register(unit=commune, actor=clerk, **data)


def all_met():
    return {c.pk: (True, "") for c in EvaluationCriterion.objects.all()}


def test_registration_proposes_and_records_the_quarter_one_task(
    client, clerk, registration_task, time_machine
):
    time_machine.move_to("2023-02-10")
    client.force_login(clerk)
    page = client.get(reverse("brightspots:register"))
    assert page.context["form"].initial["task"] == registration_task
    response = client.post(reverse("brightspots:register"), form_data(task=registration_task.pk))
    spot = BrightSpot.objects.get()
    assert response.url == reverse("brightspots:detail", args=[spot.pk])
    assert spot.task == registration_task and spot.registrant == "Hội Phụ nữ xã"
    listing = client.get(reverse("brightspots:list"), {"task": registration_task.pk})
    assert spot.name in listing.content.decode()
    assert AuditEvent.objects.filter(target_id=spot.pk, verb="create").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": "2023-01-01"}, "Thời gian kết thúc phải sau thời gian bắt đầu"),
        ({"registrant_name": ""}, "Vui lòng nhập tên cơ quan hoặc cá nhân đăng ký"),
        ({"registrant_kind": "hamlet"}, "Vui lòng chọn thôn, xóm đăng ký"),
    ],
)
def test_bad_registrations_are_refused(client, clerk, overrides, message):
    client.force_login(clerk)
    response = client.post(reverse("brightspots:register"), form_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not BrightSpot.objects.exists()


def test_progress_with_evidence_then_download_is_scoped(client, clerk, charlie, commune):
    spot = make_spot(commune, clerk)
    client.force_login(clerk)
    url = reverse("brightspots:detail", args=[spot.pk])
    response = client.post(
        url, {"action": "progress", "note": "Đã vận động 40 hộ", "evidence": pdf_upload()}
    )
    assert response.status_code == 302
    spot.refresh_from_db()
    assert spot.status == SpotStatus.IN_PROGRESS
    evidence = SpotEvidence.objects.get()
    download = reverse("brightspots:evidence", args=[evidence.pk])
    assert download in client.get(url).content.decode()
    assert client.get(download).status_code == 200
    client.force_login(charlie)
    assert client.get(download).status_code == 404
    assert client.get(url).status_code == 404


def test_a_file_that_lies_about_its_type_is_refused_and_nothing_saved(client, clerk, commune):
    spot = make_spot(commune, clerk)
    client.force_login(clerk)
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = client.post(
        reverse("brightspots:detail", args=[spot.pk]),
        {"action": "progress", "note": "Đã làm", "evidence": fake},
    )
    assert response.status_code == 400
    assert "không phải là tệp PDF" in response.content.decode()
    assert not spot.reports.exists()


def test_recognition_needs_a_passed_evaluation(commune, clerk):
    spot = make_spot(commune, clerk)
    with pytest.raises(ValidationError, match="đánh giá đạt"):
        services.recognise(
            spot=spot,
            actor=clerk,
            decision_number="12/QĐ-BCĐ",
            decision_date=datetime.date(2023, 12, 1),
        )
    services.evaluate(spot=spot, actor=clerk, results=all_met(), passed=True)
    services.recognise(
        spot=spot,
        actor=clerk,
        decision_number="12/QĐ-BCĐ",
        decision_date=datetime.date(2023, 12, 1),
    )
    spot.refresh_from_db()
    assert spot.status == SpotStatus.RECOGNISED and spot.decision_number == "12/QĐ-BCĐ"


def test_evaluation_through_the_page(client, clerk, commune):
    spot = make_spot(commune, clerk)
    client.force_login(clerk)
    criteria = list(EvaluationCriterion.objects.all())
    data = {"action": "evaluate", "passed": "0"} | {f"met_{c.pk}": "on" for c in criteria[:3]}
    assert client.post(reverse("brightspots:detail", args=[spot.pk]), data).status_code == 302
    spot.refresh_from_db()
    assert spot.status == SpotStatus.NOT_RECOGNISED
    assert spot.evaluations.get().results.filter(met=True).count() == 3


def test_summary_counts_registered_and_recognised_in_the_period(commune, other_commune, clerk):
    make_spot(commune, clerk, field="economy")
    second = make_spot(commune, clerk, name="Mô hình 2", field="society")
    make_spot(
        commune,
        clerk,
        name="Năm trước",
        registered_on=datetime.date(2022, 3, 1),
        start_date=datetime.date(2022, 3, 1),
    )
    make_spot(other_commune, clerk, name="Xã khác")
    services.evaluate(spot=second, actor=clerk, results=all_met(), passed=True)
    services.recognise(
        spot=second, actor=clerk, decision_number="5/QĐ", decision_date=datetime.date(2023, 12, 20)
    )
    row = services.summary([commune], datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    assert row["registered"] == 2
    assert row["recognised"] == 1
    assert row["by_field"]["Kinh tế"] == 1 and row["by_field"]["Văn hóa - xã hội"] == 1


def test_viewer_sees_but_cannot_register_or_report(client, viewer, clerk, commune):
    spot = make_spot(commune, clerk)
    client.force_login(viewer)
    assert client.get(reverse("brightspots:register")).status_code == 404
    url = reverse("brightspots:detail", args=[spot.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "progress", "note": "x"}).status_code == 404
