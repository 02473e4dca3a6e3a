"""The parent's comparison of its children as a spreadsheet: every child (the page shows 25
at a time), in the page's sort, with the totals row, for the office to file or rework."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dvcq.spreadsheet import xlsx_bytes
from reports.dashboard import columns, totals_of


def comparison_xlsx(parent, period, entries: list) -> bytes:
    """Title, unit and period, a header row, one row per child (its predecessors after its
    name), the totals. ``entries`` are ``dashboard.children_figures``'s: the figures without
    the page's links and cells. A number stays a number (a percentage as 0–100), a missing
    one is empty."""
    cols = columns()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tổng hợp")[:31]
    sheet.append([_("TỔNG HỢP CÁC ĐƠN VỊ TRỰC THUỘC")])
    sheet["A1"].font = Font(bold=True)
    sheet.append([parent.name])
    sheet.append([_("Kỳ: %(period)s") % {"period": period.label}])
    sheet.append([])
    header = [_("STT"), _("Đơn vị"), *(str(c.label) for c in cols)]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, (unit, values, predecessors) in enumerate(entries, start=1):
        name = unit.name
        if predecessors:
            name += " (" + _("gồm") + ": " + ", ".join(p.name for p in predecessors) + ")"
        sheet.append([number, name, *(values.get(c.key) for c in cols)])
    sheet.append(["", _("Tổng cộng"), *totals_of([figures for _unit, figures, _merged in entries])])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 36
    for index in range(len(cols)):
        sheet.column_dimensions[get_column_letter(index + 3)].width = 14
    sheet.freeze_panes = "C6"
    return xlsx_bytes(workbook)
