"""Reports: hand-computed figures, issuing freezes them, files, submission to the parent,
scoping, the background job and the dashboard column."""

import datetime
import io
import re
import shutil
import subprocess

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from conftest import make_user
from jobs.models import Job, JobStatus
from jobs.worker import Worker
from programs.models import Task, TaskStatus
from reminders.models import Notification
from reports import dashboard, sections, services
from reports.models import Report, ReportFile, ReportKind, ReportStatus
from reports.periods import Period
from reports.tests.conftest import TODAY
from units.models import Unit, UnitKind

YEAR = Period.year(2023)


def pdf_text(path) -> str:
    """``pdftotext`` (poppler) where installed, else pypdf's text extraction."""
    if shutil.which("pdftotext"):
        run = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        )
        return run.stdout
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def figures_of(section) -> dict:
    return {f["label"]: f["value"] for f in section["figures"]}


def by_key(computed) -> dict:
    return {s["key"]: s for s in computed}


def test_each_figure_matches_the_hand_computed_fixture(commune, year_data):
    computed = by_key(sections.compute(commune, YEAR, TODAY))
    assert [s["key"] for s in sections.compute(commune, YEAR, TODAY)] == [
        "situation",
        "tasks",
        "activities",
        "citizens",
        "brightspots",
        "inspections",
        "shortcomings",
        "next_tasks",
    ]
    tasks = computed["tasks"]
    assert figures_of(tasks) == {
        "Tổng số nhiệm vụ trong kỳ": 6,
        "Hoàn thành": 2,  # nos. 1 and 4
        "Đang thực hiện": 1,  # no. 3 (due 30/9)
        "Chậm, quá hạn": 1,  # no. 2 (due 30/6, open on 1/8)
        "Chưa thực hiện": 1,  # no. 6 (due 30/9)
        "Tạm dừng": 1,  # no. 5
    }
    rows = tasks["tables"][0]["rows"]
    assert rows[0]["cells"][5] == "bien-ban-hoi-nghi.pdf"
    assert tasks["chart"]["quarters"][:3] == [
        {"label": "Quý I", "total": 2, "finished": 2},
        {"label": "Quý II", "total": 2, "finished": 0},
        {"label": "Quý III", "total": 2, "finished": 0},
    ]
    program = year_data
    link = {f["label"]: f["link"] for f in tasks["figures"]}
    assert link["Chậm, quá hạn"] == (
        f"/nhiem-vu/?program={program.pk}&quarters=1-4&kind=tracked&status=overdue"
    )

    activities = computed["activities"]
    assert figures_of(activities) == {"Số buổi, hoạt động": 3, "Số lượt người tham dự": 65}
    assert activities["tables"][0]["total"] == ["Tổng cộng", 3, 65]
    assert activities["tables"][0]["rows"][0]["link"] == "/hoat-dong/?kind=propaganda&year=2023"

    citizens = figures_of(computed["citizens"])
    assert citizens["Lượt tiếp công dân"] == 2
    assert citizens["Số người được tiếp"] == 9
    assert citizens["Đoàn đông người (từ 5 người)"] == 1
    assert citizens["Đơn thư tiếp nhận"] == 3
    assert citizens["Đã có kết quả giải quyết"] == 1
    table = computed["citizens"]["tables"][0]
    assert {r["cells"][0]: r["cells"][1] for r in table["rows"]}["Khiếu nại"] == 2
    assert computed["citizens"]["chart"]["months"] == ["02/2023", "03/2023"]
    assert computed["citizens"]["chart"]["series"][0]["counts"] == [1, 1]

    assert computed["brightspots"]["empty"]
    assert computed["inspections"]["empty"] == "Trong kỳ chưa tiến hành tự kiểm tra."
    carried = figures_of(computed["next_tasks"])
    assert carried == {"Nhiệm vụ chưa hoàn thành chuyển sang kỳ tới": 4}

    # The first half year only counts what falls within it.
    half = by_key(sections.compute(commune, services.period_for(ReportKind.HALF, 2023), TODAY))
    assert figures_of(half["tasks"])["Tổng số nhiệm vụ trong kỳ"] == 4
    assert figures_of(half["activities"])["Số buổi, hoạt động"] == 3


def test_an_app_without_data_says_so(commune):
    computed = by_key(sections.compute(commune, YEAR, TODAY))
    assert computed["tasks"]["empty"] == "Không có nhiệm vụ của chương trình đến hạn trong kỳ."
    assert "không có lượt tiếp công dân" in computed["citizens"]["empty"]
    assert computed["activities"]["figures"] == []


def _create(client, **data):
    payload = {"kind": "year", "year": 2023} | data
    return client.post(reverse("reports:create"), payload)


def _report(commune, clerk, kind=ReportKind.YEAR):
    return services.create_report(unit=commune, actor=clerk, kind=kind, period=YEAR)


def test_issued_report_keeps_its_figures_when_data_changes(client, commune, clerk, year_data):
    client.force_login(clerk)
    response = _create(client)
    report = Report.objects.get()
    assert response.url == reverse("reports:detail", args=[report.pk])
    page = client.get(response.url).content.decode()
    assert "Kết quả thực hiện công tác Dân vận chính quyền năm 2023" in page
    form = {
        "title": report.title,
        "situation": "Tình hình an ninh trật tự ổn định.",
        "shortcomings": "Một số nhiệm vụ chậm.",
        "next_tasks": "Tiếp tục tuyên truyền.",
        "recipients": "Ban Dân vận Huyện ủy\nLưu: VT",
        "remark_tasks": "Cơ bản hoàn thành.",
    }
    assert client.post(reverse("reports:edit", args=[report.pk]), form).status_code == 302
    response = client.post(reverse("reports:issue", args=[report.pk]), {"issued_on": "2024-01-05"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED
    assert report.number_symbol == "01/BC-BCĐ"
    assert report.issued_document.doc_type == "Báo cáo"
    before = client.get(reverse("reports:detail", args=[report.pk])).context["sections"]
    finished_before = figures_of(by_key(before)["tasks"])["Hoàn thành"]

    Task.objects.filter(program=year_data).update(status=TaskStatus.DONE)
    year_data.tasks.first().delete()
    report.refresh_from_db()
    page = client.get(reverse("reports:detail", args=[report.pk]))
    after = by_key(page.context["sections"])
    assert figures_of(after["tasks"])["Hoàn thành"] == finished_before == 2
    assert figures_of(after["tasks"])["Tổng số nhiệm vụ trong kỳ"] == 6
    html = page.content.decode()
    assert "Tình hình an ninh trật tự ổn định." in html and "Cơ bản hoàn thành." in html
    # Frozen: the texts can no longer be changed, and a second number is refused.
    assert client.post(reverse("reports:edit", args=[report.pk]), form).status_code == 400
    with pytest.raises(ValidationError):
        services.issue_report(report=report, actor=clerk, day=datetime.date(2024, 1, 6))
    # The files are written from the snapshot too.
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(body(client.get(reverse("reports:download", args=[report.pk, "xlsx"]))))
    )
    values = list(book["Tong hop"].iter_rows(values_only=True))
    assert any(r[1] == "Hoàn thành" and r[2] == 2 for r in values)


def test_only_the_office_edits_others_read(client, commune, clerk, chair, viewer, year_data):
    report = _report(commune, clerk)
    client.force_login(viewer)
    page = client.get(reverse("reports:detail", args=[report.pk]))
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post(reverse("reports:edit", args=[report.pk]), {"title": "x"}).status_code == 404
    assert _create(client).status_code == 404
    client.force_login(chair)
    assert client.post(reverse("reports:issue", args=[report.pk]), {}).status_code == 404


def test_a_period_that_ends_before_it_starts_is_refused(client, commune, clerk):
    client.force_login(clerk)
    response = _create(client, kind="custom", start="2023-06-30", end="2023-01-01")
    assert response.status_code == 400
    assert "ngày kết thúc trước ngày bắt đầu" in response.content.decode()
    assert not Report.objects.exists()
    with pytest.raises(ValidationError):
        services.period_for(
            ReportKind.CUSTOM, 2023, start=datetime.date(2023, 6, 30), end=datetime.date(2023, 1, 1)
        )


def test_periods_of_each_kind():
    assert services.period_for(ReportKind.QUARTER, 2023, 4) == Period(
        datetime.date(2023, 10, 1), datetime.date(2023, 12, 31)
    )
    assert services.period_for(ReportKind.NINE_MONTHS, 2023).end == datetime.date(2023, 9, 30)
    assert services.period_for(ReportKind.HALF, 2024).end == datetime.date(2024, 6, 30)


def test_submitting_a_draft_is_refused_and_changes_nothing(client, commune, clerk):
    report = _report(commune, clerk)
    client.force_login(clerk)
    response = client.post(reverse("reports:submit", args=[report.pk]), follow=True)
    assert "Chỉ gửi được báo cáo đã ban hành" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.submitted_at is None
    assert not Notification.objects.exists()


@pytest.fixture
def province_office(province):
    return make_user("tinh-vp", province, Role.OFFICE)


def _issued(commune, clerk):
    report = _report(commune, clerk)
    return services.issue_report(report=report, actor=clerk, day=datetime.date(2024, 1, 5))


def test_submission_reaches_the_parent_and_comes_back(
    client, commune, clerk, province, province_office, province_viewer
):
    report = _issued(commune, clerk)
    client.force_login(clerk)
    client.post(reverse("reports:submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # The parent's office is notified (a viewer is not).
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["tinh-vp"]

    client.force_login(province_office)
    inbox = client.get(reverse("reports:inbox")).content.decode()
    assert report.title in inbox and "Xã Hưng Chính" in inbox
    url = reverse("reports:review", args=[report.pk])
    client.post(url, {"action": "receive"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED
    response = client.post(url, {"action": "return", "comment": ""}, follow=True)
    assert "Vui lòng ghi ý kiến" in response.content.decode()
    client.post(url, {"action": "return", "comment": "Bổ sung số liệu quý IV."})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert Notification.objects.filter(user=clerk, body="Bổ sung số liệu quý IV.").exists()

    client.force_login(clerk)
    client.post(reverse("reports:submit", args=[report.pk]))
    client.force_login(province_office)
    client.post(url, {"action": "accept", "comment": ""})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert Notification.objects.filter(user=clerk, title__contains="chấp nhận").exists()
    summaries = list(
        AuditEvent.objects.filter(target_id=report.pk, target_type__model="report")
        .order_by("id")
        .values_list("summary", flat=True)
    )
    assert [s.split(": ")[-1] for s in summaries[-5:]] == [
        "Đã gửi cấp trên",
        "Cấp trên đã nhận",
        "Trả lại để bổ sung",
        "Đã gửi cấp trên",
        "Đã chấp nhận",
    ]
    # A read-only user of the parent sees the report but cannot act on it.
    client.force_login(province_viewer)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    assert client.post(url, {"action": "receive"}).status_code == 404


def test_the_parent_sees_only_its_own_childrens_submissions(
    client, commune, other_commune, clerk, charlie, province_office
):
    draft = _report(commune, clerk)
    sent = _issued(commune, clerk)
    services.submit_report(report=sent, actor=clerk)
    other_province = Unit.objects.create(code="tinh-b", name="Tỉnh B", kind=UnitKind.PROVINCE)
    stranger = make_user("tinh-b-vp", other_province, Role.OFFICE)
    client.force_login(stranger)
    assert client.get(reverse("reports:detail", args=[sent.pk])).status_code == 404
    assert sent.title not in client.get(reverse("reports:inbox")).content.decode()
    # The parent does not see a child's draft; another commune sees nothing.
    client.force_login(province_office)
    assert client.get(reverse("reports:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reports:detail", args=[sent.pk])).status_code == 200
    client.force_login(charlie)
    assert client.get(reverse("reports:detail", args=[sent.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[sent.pk, "xlsx"])).status_code == 404


def test_docx_pdf_and_xlsx(client, commune, clerk, year_data, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    report = _issued(commune, clerk)
    client.force_login(clerk)
    docx_bytes = body(client.get(reverse("reports:download", args=[report.pk, "docx"])))
    document = Document(io.BytesIO(docx_bytes))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert report.title in text
    assert "Số: 01/BC-BCĐ" in cells
    assert len(document.inline_shapes) >= 3  # tasks by quarter, by status; petitions by month
    assert "bien-ban-hoi-nghi.pdf" in cells

    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(body(client.get(reverse("reports:download", args=[report.pk, "pdf"]))))
    flat = " ".join(pdf_text(pdf).split())
    assert "Kết quả thực hiện công tác Dân vận chính quyền năm 2023" in flat
    assert "01/BC-BCĐ" in flat

    xlsx = body(client.get(reverse("reports:download", args=[report.pk, "xlsx"])))
    book = load_workbook(io.BytesIO(xlsx))
    activities = book["3.1"]
    rows = list(activities.iter_rows(min_row=3, values_only=True))
    lines, total = rows[:-1], rows[-1]
    assert total == ("Tổng cộng", 3, 65)
    assert sum(r[1] for r in lines) == total[1] and sum(r[2] for r in lines) == total[2]


def test_charts_are_deterministic(commune, clerk, year_data):
    from reports import charts

    content = services.content_of(_issued(commune, clerk))
    assert charts.charts_of(content) == charts.charts_of(content)


def test_the_file_job_runs_through_the_jobs_app(client, commune, clerk, year_data):
    report = _issued(commune, clerk)
    client.force_login(clerk)
    response = client.post(reverse("reports:generate", args=[report.pk]), {"fmt": "docx"})
    job = Job.objects.get(kind="reports.generate_file")
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert job.status == JobStatus.QUEUED
    assert Worker(worker_id="test").run_pending() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100
    saved = ReportFile.objects.get(report=report)
    assert saved.from_snapshot and saved.name.endswith(".docx")
    assert saved.name in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert reverse("reports:file", args=[saved.pk]) in page
    download = client.get(reverse("reports:file", args=[saved.pk]))
    assert body(download)[:2] == b"PK"


def test_dashboard_counts_submitted_reports(province, commune, other_commune, clerk):
    sent = _issued(commune, clerk)
    services.submit_report(report=sent, actor=clerk)
    _issued(commune, clerk)  # issued, not sent
    rows = {r.unit.name: r for r in dashboard.rows(province, YEAR, TODAY)}
    assert rows["Xã Hưng Chính"].values["reports_submitted"] == 1
    assert rows["Xã Khác"].values["reports_submitted"] == 0
    assert rows["Xã Hưng Chính"].links["reports_submitted"] == (
        f"{reverse('reports:inbox')}?unit={commune.pk}&start=2023-01-01&end=2023-12-31"
    )


def test_documents_cited_in_the_texts_are_indexed(client, commune, clerk, charlie, program):
    from documents.models import Citation

    report = _report(commune, clerk)
    services.update_texts(
        report=report,
        actor=clerk,
        data={"situation": "Thực hiện Kế hoạch số 15-KH/HU ngày 10/01/2023 của Huyện ủy."},
    )
    documents = [c.document for c in report.citations.all()]
    assert len(documents) == 1 and documents[0].symbol.startswith("KH")
    # The cited document's page lists the report for those who may see it.
    Citation.objects.create(program=program, document=documents[0])
    url = reverse("documents:document", args=[documents[0].pk])
    client.force_login(clerk)
    assert report.title in client.get(url).content.decode()
    client.force_login(charlie)
    page = client.get(url)
    assert page.status_code == 404 or report.title not in page.content.decode()
    # Removing the citation from the text removes the link.
    services.update_texts(report=report, actor=clerk, data={"situation": "Không trích dẫn."})
    assert not report.citations.exists()


def test_a_document_cited_only_by_a_report_has_its_page(client, commune, clerk, charlie):
    report = _report(commune, clerk)
    services.update_texts(
        report=report,
        actor=clerk,
        data={"situation": "Căn cứ Chỉ thị số 33/CT-TTg ngày 10/7/2023 của Thủ tướng."},
    )
    document = report.citations.get().document
    url = reverse("documents:document", args=[document.pk])
    client.force_login(clerk)
    page = client.get(url)
    assert page.status_code == 200 and report.title in page.content.decode()
    client.force_login(charlie)  # another commune: the report is not theirs
    assert client.get(url).status_code == 404


def test_the_linked_task_list_counts_what_the_figure_says(client, commune, clerk, year_data):
    """A Q4 task whose deadline rolls into January still belongs to the year, and each
    figure's link lists exactly the tasks it counts, for the year and for a half year."""
    program = year_data
    q4 = program.tasks.get(position=6)
    q4.period, q4.quarter, q4.due_date = "Q4", 4, datetime.date(2024, 1, 2)
    q4.save()
    client.force_login(clerk)
    on_today = datetime.datetime(2023, 8, 1, 2, tzinfo=datetime.UTC)  # TODAY, in Vietnam
    for kind in (ReportKind.YEAR, ReportKind.HALF):
        period = services.period_for(kind, 2023)
        computed = by_key(sections.compute(commune, period, TODAY))["tasks"]
        for fig in computed["figures"]:
            with time_machine.travel(on_today, tick=False):
                page = client.get(fig["link"])
            assert page.status_code == 200
            shown = len(set(re.findall(r'href="/nhiem-vu/(\d+)/"', page.content.decode())))
            assert shown == fig["value"], (kind, fig["label"])
    year = figures_of(by_key(sections.compute(commune, YEAR, TODAY))["tasks"])
    assert year["Tổng số nhiệm vụ trong kỳ"] == 6
