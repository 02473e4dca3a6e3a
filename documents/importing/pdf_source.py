"""The text layer of a PDF file, read with pypdf.

Each page's text comes in the order the PDF draws it, which for documents exported from Word
is the reading order (the header table's left cell before its right one).  The lines of a
page are the lines the paragraphs were set in: a line as long as a full line that does not
end a sentence is joined to the next one, without a space where it breaks an identifier
("33/CT-" + "TTg").  Page numbers alone on the first or last line of a page are dropped and
pages are joined by a blank line, so a sentence cut by the page break is joined again like any
other (see ``outline``).  A PDF without a text layer is a scan, which needs OCR: it is
refused.
"""

import io
import logging
import re
from contextlib import contextmanager

from pypdf import PdfReader

from .errors import ImportFileError
from .header import is_body_start
from .outline import classify
from .textnorm import is_upper_line, starts_lower

MAX_PAGES = 300
_MIN_LETTERS_PER_PAGE = 20
_FULL_LINE_PERCENTILE = 0.8
_WRAPPED_SHARE = 0.7
_TERMINAL = (".", ";", ":", "!", "?", "…")
_BROKEN_IDENTIFIER_RE = re.compile(r"[\w.][/-]$")
_RECIPIENTS_RE = re.compile(r"^(?i:nơi nhận)")
_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?i:trang)\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–—])?\s*$"
)


def pdf_text(filename: str, data: bytes) -> tuple[str, list[str]]:
    """The text of the document and the warnings about pages left out."""
    pages = _page_texts(filename, data)
    letters = [sum(char.isalpha() for char in page) for page in pages]
    if sum(letters) < _MIN_LETTERS_PER_PAGE * len(pages):
        raise ImportFileError(
            f"Tệp {filename} là văn bản scan (ảnh chụp), không có lớp chữ: chưa hỗ trợ nhận "
            "dạng chữ từ ảnh (OCR). Hãy gửi bản .docx hoặc bản PDF xuất từ Word."
        )
    warnings = []
    empty = [str(number) for number, count in enumerate(letters, start=1) if count == 0]
    if empty:
        warnings.append(
            f"Trang {', '.join(empty)} của tệp PDF không có lớp chữ (có thể là trang scan) "
            "nên không được đọc."
        )
    pages = [_without_page_number(page) for page in pages]
    return _unwrap(pages, _full_line_length(pages)), warnings


def _page_texts(filename: str, data: bytes) -> list[str]:
    with _quiet_pypdf():
        return _read_pages(filename, data)


@contextmanager
def _quiet_pypdf():
    """pypdf logs what it repairs in a damaged file; the clerk gets one message instead."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_pages(filename: str, data: bytes) -> list[str]:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFileError(
                f"Không đọc được tệp {filename}: tệp PDF được đặt mật khẩu. "
                "Hãy gửi bản không có mật khẩu."
            )
        if len(reader.pages) > MAX_PAGES:
            raise ImportFileError(
                f"Tệp {filename} có {len(reader.pages)} trang; chỉ nhận tệp PDF tối đa "
                f"{MAX_PAGES} trang."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ImportFileError:
        raise
    except Exception as error:  # pypdf raises many kinds of errors on damaged files
        raise ImportFileError(
            f"Không đọc được tệp {filename}: tệp PDF bị hỏng hoặc không đầy đủ (có thể tải lên "
            "chưa hết)."
        ) from error
    if not pages:
        raise ImportFileError(f"Không đọc được tệp {filename}: tệp PDF không có trang nào.")
    return pages


def _full_line_length(pages: list[str]) -> int:
    lengths = sorted(len(" ".join(line.split())) for page in pages for line in page.split("\n"))
    lengths = [length for length in lengths if length]
    return lengths[int(len(lengths) * _FULL_LINE_PERCENTILE)] if lengths else 0


def _unwrap(pages: list[str], full: int) -> str:
    """The pages' lines joined back into paragraphs; a page break that does not cut a
    paragraph is kept as a blank line."""
    lines: list[str] = []
    for page in pages:
        first = True
        for raw in page.split("\n"):
            line = " ".join(raw.split())
            if not line:
                continue
            previous = lines[-1] if lines else ""
            if previous and _wrapped(previous, line, full):
                glue = "" if _BROKEN_IDENTIFIER_RE.search(previous) else " "
                lines[-1] = f"{previous}{glue}{line}"
            else:
                if first and lines:
                    lines.append("")
                lines.append(line)
            first = False
    return "\n".join(lines)


def _wrapped(previous: str, line: str, full: int) -> bool:
    """True when ``previous`` was cut by the line width rather than ended: it is about as long
    as a full line, does not end a sentence, and the next line does not open a paragraph."""
    if len(previous) < _WRAPPED_SHARE * full or previous.endswith(_TERMINAL):
        return False
    if starts_lower(line):
        return not is_upper_line(previous)
    if is_upper_line(previous) or is_upper_line(line) or is_body_start(line):
        return False
    return classify(line).kind is None and not _RECIPIENTS_RE.match(line)


def _without_page_number(page: str) -> str:
    lines = page.strip("\n").split("\n")
    if lines and _PAGE_NUMBER_RE.match(lines[0]):
        lines = lines[1:]
    if lines and _PAGE_NUMBER_RE.match(lines[-1]):
        lines = lines[:-1]
    return "\n".join(lines)
