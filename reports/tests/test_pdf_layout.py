"""The report's PDF as printed: the signature never alone on a page, no table row split
across pages, each task's text once, status words whole, chart legends clear of the bars."""

import datetime
import io
import shutil
import subprocess

import pytest
from matplotlib.transforms import Bbox
from pypdf import PdfReader

from reports import charts, export, services
from reports.models import ReportKind
from reports.periods import Period

LONG = (
    "Nhiệm vụ thứ {n}: Tiếp tục quán triệt và thực hiện Nghị quyết của Ban Chấp hành "
    "Trung ương về tăng cường "
    "và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới, gắn với "
    "việc xây dựng và triển khai thực hiện Quy chế công tác dân vận của hệ thống chính trị "
    "tại xã (hết mục {n})"
)


def _pages(pdf: bytes) -> list[str]:
    """Each page's words, separated by single spaces."""
    return [
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def _report_pdf(commune, clerk, program, extra_tasks: int, situation_lines: int) -> bytes:
    from programs.models import Task, TaskKind

    for n in range(extra_tasks):
        Task.objects.create(
            program=program,
            kind=TaskKind.FOCUS,
            text=LONG.format(n=n + 1),
            due_date=datetime.date(2023, 12, 31),
        )
    report = services.create_report(
        unit=commune, actor=clerk, kind=ReportKind.YEAR, period=Period.year(2023)
    )
    report.situation = "\n".join(
        f"Tình hình chung của xã trong năm, đoạn thứ {i + 1}." for i in range(situation_lines)
    )
    report.save()
    return export.report_pdf(report)


@pytest.mark.parametrize(("extra_tasks", "situation_lines"), [(8, 0), (14, 9), (20, 30)])
def test_rows_whole_texts_once_and_the_signature_with_the_body(
    commune, clerk, year_data, extra_tasks, situation_lines, tmp_path
):
    pdf = _report_pdf(commune, clerk, year_data, extra_tasks, situation_lines)
    pages = _pages(pdf)
    assert len(pages) >= 2
    everything = " ".join(pages)
    last = pages[-1]
    assert "Nơi nhận" in last and "./." in last
    # Something of the body above the end mark on the signature's page, not only a number.
    assert len(last.split("./.")[0].split()) > 3, last[:200]
    for n in range(1, extra_tasks + 1):
        head, tail = f"Nhiệm vụ thứ {n}:", f"(hết mục {n})"
        # The start and the end of each row on the same page.
        assert [i for i, p in enumerate(pages) if head in p] == [
            i for i, p in enumerate(pages) if tail in p
        ], n
    for n in range(1, extra_tasks + 1):
        # Printed once: the tasks carried to next year are named by their number.
        assert everything.count(f"(hết mục {n})") == 1, n
    # The status column is wide enough for its words: each status on one printed line.
    if shutil.which("pdftotext"):
        path = tmp_path / "bao-cao.pdf"
        path.write_bytes(pdf)
        layout = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Trạng thái" in layout and "Hoàn thành" in layout and "Quá hạn" in layout


def test_legends_are_clear_of_the_bars():
    quarters = [
        {"label": "Quý I", "total": 12, "finished": 5},
        {"label": "Quý II", "total": 12, "finished": 12},
        {"label": "Quý III", "total": 3, "finished": 1},
        {"label": "Quý IV", "total": 12, "finished": 0},
    ]
    months = {
        "months": ["01/2023", "02/2023", "03/2023"],
        "series": [
            {"label": "Khiếu nại", "counts": [1, 2, 3]},
            {"label": "Tố cáo", "counts": [0, 1, 0]},
            {"label": "Kiến nghị, phản ánh", "counts": [3, 1, 2]},
        ],
    }
    for fig in (charts.quarter_figure(quarters, "Tiến độ"), charts.petitions_figure(months, "Đơn")):
        renderer = fig.canvas.get_renderer()
        axes = fig.axes[0]
        legend = axes.get_legend().get_window_extent(renderer)
        bars = [patch.get_window_extent(renderer) for patch in axes.patches]
        assert bars and not any(legend.overlaps(bar) for bar in bars)
        assert Bbox.union(bars).y1 <= legend.y0  # above the tallest bar
        assert fig.bbox.contains(legend.x0, legend.y0) and fig.bbox.contains(legend.x1, legend.y1)
        title = axes.title.get_window_extent(renderer)
        assert not legend.overlaps(title)
