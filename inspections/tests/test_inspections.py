"""Self-inspection: seeded templates, scoring and rating, refused scores, findings that become
remediation tasks, scoping and roles."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from inspections import services
from inspections.models import ChecklistTemplate, CriterionScore, Inspection

START, END = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)


def template(code="tu-kiem-tra-dvcq"):
    return ChecklistTemplate.objects.get(code=code)


def full_marks(tpl, **overrides):
    """Every criterion at its maximum except bonus/deduction at 0, then ``overrides``
    (criterion text fragment → score)."""
    entries = {}
    for c in services.criteria_of(tpl):
        score = c.max_points if c.kind == "scored" else Decimal(0)
        for fragment, value in overrides.items():
            if fragment in c.text:
                score = value
        entries[c.pk] = {"score": str(score), "evidence": "", "remarks": ""}
    return entries


@pytest.fixture
def inspection(commune, clerk):
    return services.start_inspection(
        template=template(), unit=commune, period_start=START, period_end=END, actor=clerk
    )


@pytest.mark.django_db
def test_both_templates_are_seeded_with_100_points_and_ratings():
    for code in ("tu-kiem-tra-dvcq", "tu-kiem-tra-cchc"):
        tpl = template(code)
        scored = [c for c in services.criteria_of(tpl) if c.kind == "scored"]
        assert sum(c.max_points for c in scored) == 100
        assert [(r.label, r.min_points) for r in tpl.ratings.order_by("-min_points")] == [
            ("Xuất sắc", 95),
            ("Tốt", 85),
            ("Hoàn thành", 75),
        ]


@pytest.mark.parametrize(
    ("overrides", "total", "rating"),
    [
        ({}, 100, "Xuất sắc"),
        ({"Tuyên truyền": 10}, 95, "Xuất sắc"),
        ({"Tuyên truyền": 9}, 94, "Tốt"),
        # A criterion at 0 keeps a unit out of the two top levels even at 95 points.
        ({"Kiện toàn": 0, "Dân vận khéo”, điển hình": 3}, 98, "Hoàn thành"),
        ({"Tuyên truyền": 0, "Cải cách hành chính": 10}, 80, "Hoàn thành"),
        ({"Tuyên truyền": 5, "Cải cách hành chính": 5, "Vi phạm": 3}, 77, "Hoàn thành"),
        (
            {"Tuyên truyền": 5, "Cải cách hành chính": 5, "Vi phạm": 3, "Tiếp công dân": 13},
            75,
            "Hoàn thành",
        ),
        ({"Tuyên truyền": 0, "Cải cách hành chính": 0, "Vi phạm": 1}, 69, "Không hoàn thành"),
    ],
)
def test_total_and_rating(inspection, clerk, overrides, total, rating):
    services.save_scores(
        inspection=inspection, actor=clerk, entries=full_marks(template(), **overrides)
    )
    inspection.refresh_from_db()
    assert inspection.total == total
    assert inspection.rating == rating


def test_a_score_above_the_maximum_is_refused_and_nothing_is_saved(inspection, clerk):
    services.save_scores(inspection=inspection, actor=clerk, entries=full_marks(template()))
    entries = full_marks(template(), **{"Tuyên truyền": 16, "Kiện toàn": 1})
    with pytest.raises(ValidationError) as exc:
        services.save_scores(inspection=inspection, actor=clerk, entries=entries)
    assert "phải từ 0 đến 15" in " ".join(exc.value.messages)
    inspection.refresh_from_db()
    assert inspection.total == 100
    assert (
        CriterionScore.objects.get(
            inspection=inspection, criterion__text__startswith="Kiện toàn"
        ).score
        == 5
    )


def test_the_score_page_refuses_a_negative_score_with_a_vietnamese_message(
    client, clerk, inspection
):
    client.force_login(clerk)
    criterion = services.criteria_of(template())[0]
    response = client.post(
        reverse("inspections:score", args=[inspection.pk]), {f"score_{criterion.pk}": "-1"}
    )
    assert response.status_code == 400
    assert "phải từ 0 đến 5" in response.content.decode()
    assert not CriterionScore.objects.filter(inspection=inspection).exists()


def test_finishing_needs_every_criterion_scored(inspection, clerk):
    entries = full_marks(template())
    first = services.criteria_of(template())[0]
    entries[first.pk]["score"] = ""
    with pytest.raises(ValidationError, match="Chưa chấm điểm tiêu chí"):
        services.save_scores(inspection=inspection, actor=clerk, entries=entries, finish=True)


def test_a_period_that_ends_before_it_starts_is_refused(client, clerk, commune):
    client.force_login(clerk)
    response = client.post(
        reverse("inspections:start"),
        {"template": template().pk, "period_start": "2023-12-31", "period_end": "2023-01-01"},
    )
    assert response.status_code == 400
    assert "Ngày kết thúc kỳ kiểm tra phải sau ngày bắt đầu" in response.content.decode()
    assert not Inspection.objects.exists()


def test_clerk_runs_the_cchc_template_through_the_pages(client, clerk, commune):
    client.force_login(clerk)
    tpl = template("tu-kiem-tra-cchc")
    response = client.post(
        reverse("inspections:start"),
        {"template": tpl.pk, "period_start": "2023-01-01", "period_end": "2023-12-31"},
    )
    inspection = Inspection.objects.get()
    assert response.url == reverse("inspections:score", args=[inspection.pk])
    data = {f"score_{pk}": e["score"] for pk, e in full_marks(tpl, **{"đúng hạn": 8}).items()}
    data["finish"] = "on"
    response = client.post(reverse("inspections:score", args=[inspection.pk]), data)
    assert response.status_code == 302
    page = client.get(reverse("inspections:detail", args=[inspection.pk])).content.decode()
    assert "88" in page and "Tốt" in page
    assert AuditEvent.objects.filter(target_id=inspection.pk, verb="update").exists()


def test_a_finding_becomes_a_remediation_task_in_the_program(client, clerk, inspection, program):
    client.force_login(clerk)
    response = client.post(
        reverse("inspections:finding_add", args=[inspection.pk]),
        {"text": "Chưa công khai đủ thủ tục hành chính", "due_date": "2023-12-15"},
    )
    assert response.status_code == 302
    finding = inspection.findings.get()
    assert finding.task.program == program
    assert "Chưa công khai đủ thủ tục hành chính" in finding.task.text
    assert finding.task.due_date == datetime.date(2023, 12, 15)
    page = client.get(reverse("inspections:detail", args=[inspection.pk])).content.decode()
    assert reverse("programs:task", args=[finding.task.pk]) in page


def test_a_finding_without_a_program_for_the_year_is_refused(client, clerk, inspection):
    client.force_login(clerk)
    response = client.post(
        reverse("inspections:finding_add", args=[inspection.pk]), {"text": "Thiếu minh chứng"}
    )
    assert response.status_code == 400
    assert "chưa có chương trình công tác năm 2023" in response.content.decode()
    assert not inspection.findings.exists()


def test_scoping_and_roles(client, inspection, charlie, viewer, province_viewer):
    detail = reverse("inspections:detail", args=[inspection.pk])
    score = reverse("inspections:score", args=[inspection.pk])
    client.force_login(charlie)
    assert client.get(detail).status_code == 404
    assert detail not in client.get(reverse("inspections:list")).content.decode()
    client.force_login(viewer)
    assert detail in client.get(reverse("inspections:list")).content.decode()
    assert client.get(detail).status_code == 200
    assert client.get(score).status_code == 404
    client.force_login(province_viewer)
    assert client.get(detail).status_code == 200
    assert client.post(score, {}).status_code == 404
