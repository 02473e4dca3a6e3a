"""Read a program or plan document, given as plain text, into a ``ProgramReading``.

Steps: clean the lines; read the header (issuer, number, place and date, type name and
summary); read the end (recipients, signer); outline the body in between and take its tasks;
find the cited documents and the anniversaries in the summary and the body.
"""

import re

from .anniversaries import extract_anniversaries
from .citations import extract_citations
from .closing import read_closing
from .header import DOC_TYPES, read_header
from .outline import build_outline
from .reading import ProgramReading
from .tasks import section_items
from .textnorm import split_lines

_TITLE_YEAR_RE = re.compile(r"(?i:năm)\s+(\d{4})(?!\d)")
_TITLE_SPAN_RE = re.compile(r"\d{4}\s*[-–]\s*\d{4}|(?i:giai đoạn|nhiệm kỳ)")
_YEARLY_TYPES = {"Chương trình", "Kế hoạch"}
_TYPE_ALT = "|".join(re.escape(kind) for kind in DOC_TYPES)
# "UBND xã … ban hành Kế hoạch … như sau:", "UBND xã … thông báo lịch tiếp công dân …"
_ISSUES_RE = re.compile(
    rf"(?:ban hành|xây dựng)\s+(?P<kind>(?i:{_TYPE_ALT}))(?!\w)|(?P<notice>thông báo)(?!\w)"
)
_TYPE_BY_FOLD = {kind.casefold(): kind for kind in DOC_TYPES}


def parse_program_text(text: str) -> ProgramReading:
    lines = split_lines(text)
    header = read_header(lines)
    closing = read_closing(lines, header.body_start)
    body = lines[header.body_start : closing.body_end]
    reading = ProgramReading(
        doc_type=header.doc_type,
        number_symbol=header.number_symbol,
        issuer_lines=header.issuer_lines,
        place=header.place,
        date=header.date,
        title=header.title,
        recipients=closing.recipients,
        signer=closing.signer,
        warnings=[*header.warnings],
    )
    reading.year = _program_year(header.title, header.doc_type, header.date_year, reading.warnings)
    reference_year = reading.year or header.date_year

    outline = build_outline(body)
    reading.warnings.extend(outline.warnings)
    if reading.doc_type is None:
        reading.doc_type = _doc_type_from_preamble(outline.sections[0].intro, reading.warnings)
    if reading.doc_type is None:
        reading.warnings.append(
            "Không xác định được loại văn bản (Chương trình, Kế hoạch, …) ở đầu văn bản."
        )
    for section in outline.sections:
        if section.title is not None:
            reading.sections.append(section.title)
        reading.items.extend(section_items(section, reference_year, reading.warnings))
    if not reading.items:
        reading.warnings.append("Không tìm thấy nhiệm vụ nào trong văn bản.")
    reading.warnings.extend(closing.warnings)

    searched = "\n".join(filter(None, [header.title, outline.text()]))
    reading.citations = extract_citations(searched)
    reading.anniversaries = extract_anniversaries(searched, reference_year)
    return reading


def _program_year(
    title: str | None, doc_type: str | None, date_year: int | None, warnings: list[str]
) -> int | None:
    """The year in the summary ("… năm 2023"); for a yearly program or plan whose summary
    names no year or span, the year of issue."""
    if title and (match := _TITLE_YEAR_RE.search(title)):
        return int(match.group(1))
    if title and _TITLE_SPAN_RE.search(title):
        return None
    if doc_type in _YEARLY_TYPES and date_year is not None:
        warnings.append(
            f"Trích yếu không ghi năm; lấy năm ban hành {date_year} làm năm của văn bản."
        )
        return date_year
    return None


def _doc_type_from_preamble(preamble: list[str], warnings: list[str]) -> str | None:
    """Without a type name in the header, the sentence that introduces the body often says
    what the document is ("… thông báo lịch tiếp công dân … như sau:")."""
    for paragraph in preamble:
        if not paragraph.rstrip().endswith(":"):
            continue
        if match := _ISSUES_RE.search(paragraph):
            kind = match.group("kind")
            found = _TYPE_BY_FOLD[kind.casefold()] if kind else "Thông báo"
            warnings.append(f"Loại văn bản “{found}” được suy ra từ câu mở đầu.")
            return found
    return None
