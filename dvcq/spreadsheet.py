"""Saving .xlsx files (openpyxl) that are safe to open: typed text is never a formula.

Text that a clerk or a citizen typed may begin with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return; a spreadsheet program would run it as a formula ("formula injection",
e.g. ``=HYPERLINK(...)`` leaking the sheet, or ``=cmd|...``). ``xlsx_bytes`` is the one way
every export turns its workbook into bytes: it first marks each such text cell as a literal
string (type "s", with Excel's quote prefix, as if typed after an apostrophe) and keeps the
text as it was. Numbers, dates and empty cells are left alone; no export writes formulas.
"""

import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def defuse(workbook) -> int:
    """Make every formula-like text cell of ``workbook`` a literal string; how many."""
    count = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    count += 1
    return count


def xlsx_bytes(workbook) -> bytes:
    """``workbook`` saved as .xlsx bytes, defused."""
    defuse(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
