"""Read a program or plan document, given as plain text, into a ``ProgramReading``.

Steps: clean the lines; read the header (issuer, number, place and date, type name and
summary); read the end (recipients, signer); outline the body in between and take its tasks;
read a document attached after the signature (the plan a decision issues) the same way; find
the cited documents and the anniversaries in the summaries and the bodies.  A text that lost
its header may still name its type and issuer in its opening sentence.
"""

import re

from .anniversaries import extract_anniversaries
from .citations import extract_citations
from .closing import read_closing
from .header import DOC_TYPES, is_body_start, read_header
from .outline import Outline, build_outline
from .reading import Citation, ProgramReading
from .tasks import section_items
from .textnorm import fold, shorten, split_lines

_TITLE_YEAR_RE = re.compile(r"(?i:năm)\s+(\d{4})(?!\d)")
# "Lịch tiếp công dân (Quý III/2019)", "… tháng 7/2025": the year of the period named
_TITLE_PERIOD_YEAR_RE = re.compile(r"(?i:quý\s+[IVX1-4]+|tháng\s+\d{1,2})\s*/\s*(\d{4})(?!\d)")
_TITLE_SPAN_RE = re.compile(r"\d{4}\s*[-–]\s*\d{4}|(?i:giai đoạn|nhiệm kỳ)")
_YEARLY_TYPES = {"Chương trình", "Kế hoạch"}
_TYPE_ALT = "|".join(re.escape(kind) for kind in DOC_TYPES)
# "UBND xã … ban hành Kế hoạch … như sau:", "UBND xã … thông báo lịch tiếp công dân …"
_ISSUES_RE = re.compile(
    rf"(?:ban hành|xây dựng)\s+(?P<kind>(?i:{_TYPE_ALT}))(?!\w)|(?P<notice>thông báo)(?!\w)"
)
_TYPE_BY_FOLD = {kind.casefold(): kind for kind in DOC_TYPES}
_CLOSING_TYPE_RE = re.compile(
    rf"^(?i:trên đây là)\s+(?:(?i:bản)\s+)?(?P<kind>(?i:{_TYPE_ALT}))(?!\w)"
)
_MAX_ISSUER_WORDS = 15
_MAX_ATTACHMENTS = 3


def parse_program_text(text: str, task_section: str | None = None) -> ProgramReading:
    """The reading of ``text``; with ``task_section`` (a section title the clerk chose on
    the review screen) the tasks are read from that section alone."""
    lines = split_lines(text)
    header = read_header(lines)
    closing = read_closing(lines, header.body_start)
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

    outline = build_outline(lines[header.body_start : closing.body_end], header.body_start + 1)
    reading.warnings.extend(outline.warnings)
    if outline.sections and outline.sections[0].title is None:
        reading.preamble = list(outline.sections[0].intro)
    if reading.doc_type is None or (header.web_copy and not reading.issuer_lines):
        typed = reading.doc_type is not None
        found, issuer = _type_from_preamble(
            outline.sections[0].intro, [] if typed else reading.warnings
        )
        reading.doc_type = reading.doc_type or found
        if issuer and not reading.issuer_lines:
            reading.issuer_lines = [issuer]
            reading.warnings.append(f"Cơ quan ban hành “{issuer}” được suy ra từ câu mở đầu.")
    if reading.doc_type is None:
        reading.doc_type = _type_from_closing(lines[header.body_start : closing.body_end])
        if reading.doc_type:
            reading.warnings.append(
                f"Loại văn bản “{reading.doc_type}” được suy ra từ câu kết (“Trên đây là …”)."
            )
    if reading.year is None and not _spans_years(header.title):
        reading.year = _preamble_year(outline.sections[0].intro) or _closing_year(
            lines[header.body_start : closing.body_end]
        )
        reference_year = reading.year or header.date_year
    if reading.doc_type is None:
        reading.warnings.append(
            "Không xác định được loại văn bản (Chương trình, Kế hoạch, …) ở đầu văn bản."
        )
    _add_sections(outline, reference_year, reading, task_section)
    searched = [header.title, outline.text()]
    closing_warnings = [*closing.missing, *closing.warnings]
    attached_from = closing.attachment_from
    for _ in range(_MAX_ATTACHMENTS):
        if attached_from is None:
            break
        attached, following = _read_attachment(
            lines[attached_from:], attached_from, reference_year, reading, task_section
        )
        searched.extend(attached)
        attached_from = None if following is None else attached_from + following
    if not reading.items:
        reading.warnings.append("Không tìm thấy nhiệm vụ nào trong văn bản.")
    reading.warnings.extend(closing_warnings)

    searched_text = "\n".join(filter(None, searched))
    reading.citations = [
        citation
        for citation in extract_citations(searched_text)
        if not _is_itself(citation, reading)
    ]
    reading.anniversaries = extract_anniversaries(searched_text, reference_year)
    return reading


def _add_sections(
    outline: Outline, year: int | None, reading: ProgramReading, chosen: str | None = None
) -> None:
    notice = reading.doc_type == "Thông báo"
    for section in outline.sections:
        if section.title is not None:
            reading.sections.append(section.title)
        if chosen is not None and section.title != chosen:
            continue
        found = section_items(section, year, reading.warnings, notice, chosen is not None)
        reading.items.extend(found)


def _read_attachment(
    lines: list[str],
    offset: int,
    year: int | None,
    reading: ProgramReading,
    chosen: str | None = None,
) -> tuple[list[str], int | None]:
    """A document issued with this one, after its signature ("QUYẾT ĐỊNH … Điều 1. Ban hành
    kèm theo Quyết định này Kế hoạch …", then the "KẾ HOẠCH"): its sections and tasks join
    the reading.  Returns its searchable text and where a further attachment starts."""
    header = read_header(lines)
    closing = read_closing(lines, header.body_start)
    outline = build_outline(
        lines[header.body_start : closing.body_end], offset + header.body_start + 1
    )
    if reading.year is None:
        reading.year = _program_year(header.title, None, None, [])
    reading.warnings.append(
        f"Đã đọc cả {header.doc_type or 'văn bản'} kèm theo sau chữ ký"
        + (f" (“{shorten(header.title)}”)." if header.title else ".")
    )
    reading.warnings.extend(outline.warnings)
    _add_sections(outline, reading.year or year, reading, chosen)
    reading.warnings.extend(closing.warnings)
    return [header.title, outline.text()], closing.attachment_from


def _is_itself(citation: Citation, reading: ProgramReading) -> bool:
    """The document's own number, as in "(Kèm theo Quyết định số 25/QĐ-UBND …)"."""
    if not reading.number_symbol or fold(citation.kind) != fold(reading.doc_type or ""):
        return False
    year = str(citation.number_year) if citation.number_year else ""
    cited = citation.number.lstrip("0") + year + citation.symbol
    return _identifier(cited) == _identifier(reading.number_symbol.lstrip("0"))


def _identifier(text: str) -> str:
    return re.sub(r"[-/.\s]", "", fold(text))


def _program_year(
    title: str | None, doc_type: str | None, date_year: int | None, warnings: list[str]
) -> int | None:
    """The year in the summary ("… năm 2023"); for a yearly program or plan whose summary
    names no year or span, the year of issue."""
    if title and (match := _TITLE_YEAR_RE.search(title) or _TITLE_PERIOD_YEAR_RE.search(title)):
        return int(match.group(1))
    if title and _TITLE_SPAN_RE.search(title):
        return None
    if doc_type in _YEARLY_TYPES and date_year is not None:
        warnings.append(
            f"Trích yếu không ghi năm; lấy năm ban hành {date_year} làm năm của văn bản."
        )
        return date_year
    return None


def _type_from_preamble(preamble: list[str], warnings: list[str]) -> tuple[str | None, str | None]:
    """Without a type name in the header, the sentence that introduces the body often says
    what the document is and who issues it ("UBND xã … thông báo lịch tiếp công dân … như
    sau:"): the type, and the issuer when the sentence opens with one."""
    for paragraph in preamble:
        if not paragraph.rstrip().endswith(":"):
            continue
        if match := _ISSUES_RE.search(paragraph):
            kind = match.group("kind")
            found = _TYPE_BY_FOLD[kind.casefold()] if kind else "Thông báo"
            warnings.append(f"Loại văn bản “{found}” được suy ra từ câu mở đầu.")
            return found, _subject(paragraph[: match.start()])
    return None, None


def _type_from_closing(lines: list[str]) -> str | None:
    """ "Trên đây là Kế hoạch …" names the type of a text whose header lost it."""
    for line in reversed(lines):
        if match := _CLOSING_TYPE_RE.match(line):
            return _TYPE_BY_FOLD[match.group("kind").casefold()]
    return None


def _closing_year(lines: list[str]) -> int | None:
    """ "Trên đây là Kế hoạch … năm 2026 của UBND xã …": the year the closing sentence gives
    the document, for a text that lost its header and summary."""
    for line in reversed(lines):
        if _CLOSING_TYPE_RE.match(line) and not _TITLE_SPAN_RE.search(line):
            match = _TITLE_YEAR_RE.search(line)
            return int(match.group(1)) if match else None
    return None


def _spans_years(title: str | None) -> bool:
    return bool(title and _TITLE_SPAN_RE.search(title))


def _preamble_year(preamble: list[str]) -> int | None:
    """ "… thông báo lịch tiếp công dân năm 2024 cụ thể như sau:": the year the opening
    sentence names for what follows."""
    for paragraph in preamble:
        if paragraph.rstrip().endswith(":") and (match := _TITLE_YEAR_RE.search(paragraph)):
            return int(match.group(1))
    return None


def _subject(text: str) -> str | None:
    """The body named at the start of the clause before the verb: "Ủy ban nhân dân xã …"."""
    clause = re.split(r"[;,:]", text)[-1].strip()
    words = clause.split()
    if not 2 <= len(words) <= _MAX_ISSUER_WORDS or not clause[0].isupper():
        return None
    if re.search(r"\d", clause) or is_body_start(clause):
        return None
    return clause
