"""Spreadsheets (.xlsx, openpyxl): the statistics and the reception register.

The register's identity columns are redacted for denunciations: an export leaves the
office and is "everyone else" for the law (Luật Tố cáo Art 8(3)).
"""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from citizens.models import CaseType
from dvcq.spreadsheet import xlsx_bytes

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REDACTED = "***"


def form_xlsx(form, unit_name: str) -> bytes:
    """One statistical form (``citizens.stats.StatForm``) in its layout: the form's number,
    title, unit and period; group headings over numbered columns; one row per line."""
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = form.code.replace("/", "-")
    width = len(form.columns) + 1
    bold, center = (
        Font(bold=True),
        Alignment(horizontal="center", vertical="center", wrap_text=True),
    )
    ws.append([_("Biểu số %(code)s") % {"code": form.code}])
    ws.append([str(form.title).upper()])
    ws.append([_("Đơn vị báo cáo: %(unit)s") % {"unit": unit_name}])
    ws.append(
        [
            _("Kỳ báo cáo: từ ngày %(start)s đến ngày %(end)s")
            % {"start": form.start.strftime("%d/%m/%Y"), "end": form.end.strftime("%d/%m/%Y")}
        ]
    )
    for row in (1, 2, 3, 4):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.cell(row, 1).alignment = center
    ws.cell(1, 1).font = bold
    ws.cell(2, 1).font = bold
    ws.append([])
    group_row, label_row, number_row = 6, 7, 8
    ws.cell(group_row, 1, _("Đơn vị, nội dung"))
    ws.merge_cells(start_row=group_row, start_column=1, end_row=label_row, end_column=1)
    column = 2
    for group, span in form.groups():
        ws.cell(group_row, column, group)
        if span > 1:
            ws.merge_cells(
                start_row=group_row,
                start_column=column,
                end_row=group_row,
                end_column=column + span - 1,
            )
        column += span
    for c in form.columns:
        ws.cell(label_row, c.number + 1, c.label)
        ws.cell(number_row, c.number + 1, c.number)
    ws.cell(number_row, 1, "A")
    for row in (group_row, label_row, number_row):
        for col in range(1, width + 1):
            ws.cell(row, col).font = bold
            ws.cell(row, col).alignment = center
    for label, values in form.rows:
        ws.append([label, *values])
    ws.append([])
    ws.append([_("Kiểm tra: cột %(checks)s") % {"checks": "; cột ".join(form.checks)}])
    ws.column_dimensions["A"].width = 24
    for col in range(2, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 12
    ws.row_dimensions[label_row].height = 60
    return xlsx_bytes(wb)


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
                REDACTED if v.case_type == CaseType.DENUNCIATION else v.content,
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


def register_xlsx(visits, unit_name: str, year: int, title: str | None = None) -> bytes:
    """The register of ``visits`` (one year, or the chosen period when ``title`` says so)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "So tiep cong dan"
    ws.append([(title or _("Sổ tiếp công dân năm %(year)s") % {"year": year}).upper()])
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
    return xlsx_bytes(wb)
