"""Every report states the day its figures count to, and the draft and the issued copy carry
the same figures for the same cut-off."""

import datetime

import time_machine
from django.urls import reverse

from programs.services import record_task_update
from reports import services
from reports.models import ReportKind
from reports.periods import Period
from reports.tests.test_reports import by_key, figures_of

HALF = Period(datetime.date(2023, 1, 1), datetime.date(2023, 6, 30))


def _half_year(commune, clerk):
    return services.create_report(unit=commune, actor=clerk, kind=ReportKind.HALF, period=HALF)


def test_the_draft_counts_to_the_end_of_the_period_and_says_so(client, commune, clerk, year_data):
    report = _half_year(commune, clerk)
    client.force_login(clerk)
    with time_machine.travel(datetime.datetime(2023, 8, 1, 2, tzinfo=datetime.UTC), tick=False):
        page = client.get(reverse("reports:detail", args=[report.pk]))
    html = page.content.decode()
    assert "Số liệu tính đến ngày 30/06/2023." in html
    tasks = figures_of(by_key(page.context["sections"])["tasks"])
    # No. 2 is due 30/6 and still in progress: not overdue at the cut-off, though it is on 1/8.
    assert tasks["Chậm, quá hạn"] == 0 and tasks["Đang thực hiện"] == 1

    with time_machine.travel(datetime.datetime(2023, 5, 10, 2, tzinfo=datetime.UTC), tick=False):
        content = services.content_of(report)
    assert content["cutoff"] == "2023-05-10"  # before the end of the period: today


def test_draft_and_issued_copy_carry_identical_figures(commune, clerk, year_data):
    report = _half_year(commune, clerk)
    with time_machine.travel(datetime.datetime(2023, 7, 3, 2, tzinfo=datetime.UTC), tick=False):
        draft = services.content_of(report)
    # Finished after the cut-off, before the report is issued.
    late = year_data.tasks.get(position=2)
    record_task_update(
        task=late, actor=clerk, status="done", progress=100, on_day=datetime.date(2023, 7, 4)
    )

    issued = services.issue_report(report=report, actor=clerk, day=datetime.date(2023, 7, 5))

    assert issued.cutoff == datetime.date(2023, 6, 30)
    assert issued.snapshot["cutoff"] == draft["cutoff"] == "2023-06-30"
    assert issued.snapshot["sections"] == draft["sections"]


def test_the_clerk_sets_the_cutoff_on_the_draft_and_it_is_kept(client, commune, clerk, year_data):
    report = _half_year(commune, clerk)
    client.force_login(clerk)
    form = {"title": report.title, "recipients": "Lưu: VT"}
    response = client.post(
        reverse("reports:edit", args=[report.pk]), form | {"cutoff": "2023-07-15"}
    )
    assert response.status_code == 400
    assert "Ngày tính số liệu phải nằm trong kỳ báo cáo" in response.content.decode()

    client.post(reverse("reports:edit", args=[report.pk]), form | {"cutoff": "2023-04-15"})
    with time_machine.travel(datetime.datetime(2023, 8, 1, 2, tzinfo=datetime.UTC), tick=False):
        tasks = figures_of(by_key(services.content_of(report)["sections"])["tasks"])
        # As of 15/4, no. 4 (due 31/3) finished late and no. 1 done; nothing else due yet.
        assert tasks["Chậm, quá hạn"] == 0
        client.post(reverse("reports:issue", args=[report.pk]), {"issued_on": "2023-08-01"})
    report.refresh_from_db()
    assert report.cutoff == datetime.date(2023, 4, 15)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Số liệu tính đến ngày 15/04/2023." in page


def test_the_files_state_the_cutoff_too(commune, clerk, year_data):
    import io

    from docx import Document
    from openpyxl import load_workbook

    from reports import export

    report = _half_year(commune, clerk)
    services.issue_report(report=report, actor=clerk, day=datetime.date(2023, 7, 5))
    report.refresh_from_db()
    statement = "Số liệu tính đến ngày 30/06/2023."
    assert statement in export.report_html(report)
    paragraphs = [p.text for p in Document(io.BytesIO(export.report_docx(report))).paragraphs]
    assert statement in paragraphs
    book = load_workbook(io.BytesIO(export.report_xlsx(report)))
    assert statement in [r[0] for r in book["Tong hop"].iter_rows(values_only=True)]
