"""Spreadsheets (.xlsx, openpyxl): the statistics and the reception register.

The register's identity columns are redacted for denunciations: an export leaves the
office and is "everyone else" for the law (Luật Tố cáo Art 8(3)).
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from citizens.models import CaseType

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REDACTED = "***"


def _bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stats_xlsx(stats, unit_name: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Thong ke"
    ws.append([_("THỐNG KÊ TIẾP CÔNG DÂN, XỬ LÝ ĐƠN, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO")])
    ws["A1"].font = Font(bold=True)
    ws.append([unit_name])
    ws.append(
        [
            _("Kỳ: từ %(start)s đến %(end)s")
            % {"start": stats.start.strftime("%d/%m/%Y"), "end": stats.end.strftime("%d/%m/%Y")}
        ]
    )
    ws.append([])
    ws.append([_("Tổng số đơn"), stats.total])
    ws.append([_("Lượt tiếp công dân"), stats.visits])
    ws.append([_("Số người được tiếp"), stats.visit_people])
    ws.append([_("Đoàn đông người (từ 5 người)"), stats.visit_groups])
    for title, counts in stats.sections():
        ws.append([])
        ws.append([str(title)])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for label, value in counts.items():
            ws.append([str(label), value])
        ws.append([_("Cộng"), sum(counts.values())])
    ws.column_dimensions["A"].width = 45
    return _bytes(wb)


REGISTER_HEADERS = [
    "STT",
    "Ngày tiếp",
    "Họ tên, địa chỉ",
    "Số CCCD/Hộ chiếu",
    "Nội dung vụ việc",
    "Phân loại",
    "Số người cùng nội dung",
    "Cơ quan đã giải quyết",
    "Thuộc thẩm quyền",
    "Hướng dẫn (số văn bản)",
    "Chuyển đơn (số văn bản)",
    "Theo dõi kết quả",
    "Ghi chú",
]


def register_rows(visits) -> list[list]:
    """The 13 columns of Mẫu 03/TCD for each visit; denouncers redacted."""
    rows = []
    for v in visits:
        if v.case_type == CaseType.DENUNCIATION:
            who, id_number = REDACTED, REDACTED
        else:
            identity = v.identity
            who = ", ".join(x for x in (identity.get("name"), identity.get("address")) if x)
            reps = identity.get("representatives")
            if reps:
                who += " (" + _("đại diện: %(names)s") % {"names": reps} + ")"
            id_number = identity.get("id_number", "")
        rows.append(
            [
                v.number,
                v.date.strftime("%d/%m/%Y"),
                who,
                id_number,
                v.content,
                v.get_case_type_display(),
                v.people,
                v.handled_before,
                "x" if v.within_competence else "",
                v.guided_to,
                v.forwarded_to,
                v.result,
                v.notes,
            ]
        )
    return rows


def register_xlsx(visits, unit_name: str, year: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "So tiep cong dan"
    ws.append([_("SỔ TIẾP CÔNG DÂN NĂM %(year)s") % {"year": year}])
    ws["A1"].font = Font(bold=True)
    ws.append([unit_name])
    ws.append(REGISTER_HEADERS)
    ws.append(list(range(1, 14)))
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in register_rows(visits):
        ws.append(row)
    for letter, width in zip(
        "ABCDEFGHIJKLM", (6, 12, 30, 16, 40, 14, 10, 20, 10, 20, 20, 20, 16), strict=True
    ):
        ws.column_dimensions[letter].width = width
    return _bytes(wb)
