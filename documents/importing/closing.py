"""The end of a document: the "Nơi nhận:" list and the signature block, and where a document
attached after the signature ("KẾ HOẠCH …" issued with a "QUYẾT ĐỊNH") begins."""

import re
from dataclasses import dataclass, field

from .header import is_type_line
from .reading import Signer
from .textnorm import fold, is_name_line, is_upper_line, shorten, starts_lower

_RECIPIENTS_RE = re.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_BULLET_RE = re.compile(r"^[-–—+•*]\s*")
_CAPACITY_RE = re.compile(r"^(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S")
_SIGNATURE_NOTE_RE = re.compile(r"^\(?\s*(?:đã ký|ký[^)]*)\s*\)?$", re.IGNORECASE)
# "PHỤ LỤC", "Phụ lục I", "PHỤ LỤC 02": an appendix after the signature, often the task table
_APPENDIX_RE = re.compile(r"^(?i:phụ lục)(?:\s+(?:số\s+)?[\dIVXivx]{1,5})?\s*[:.]?(?:\s|$)")
_MAX_TITLE_WORDS = 10
_SIGNER_SEARCH_LINES = 12
_MAX_TITLES = 6  # capacity and title lines above the signer's name


@dataclass
class Closing:
    """Recipients, signer, the line where the body ends and the line where an attached
    document starts.  ``missing`` tells what a complete document would have; ``warnings``
    what was found but not read."""

    body_end: int
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    attachment_from: int | None = None
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_closing(lines: list[str], body_start: int) -> Closing:
    """Recipients come after the body; the signature block after them, or, in some copies,
    just before them."""
    recipients_at = next(
        (index for index in range(body_start, len(lines)) if _RECIPIENTS_RE.match(lines[index])),
        None,
    )
    closing = Closing(body_end=len(lines))
    if recipients_at is None:
        closing.missing.append("Không tìm thấy phần “Nơi nhận”.")
        found = _find_signer(lines, max(body_start, len(lines) - _SIGNER_SEARCH_LINES), len(lines))
        unread_from = found[2] if found else len(lines)
        if found:
            closing.body_end = found[1]
    else:
        closing.body_end = recipients_at
        closing.recipients, after = _read_recipients(lines, recipients_at)
        found = _find_signer(lines, after, len(lines))
        if found:
            _warn_unread(lines[after : found[1]], "sau “Nơi nhận”", closing.warnings)
            unread_from = found[2]
        else:
            found = _signer_before(
                lines, max(body_start, recipients_at - _SIGNER_SEARCH_LINES), recipients_at
            )
            unread_from = after
            if found:
                closing.body_end = found[1]
    if found is None:
        closing.missing.append("Không tìm thấy người ký văn bản.")
    else:
        closing.signer = found[0]
    next_at = next((index for index in range(unread_from, len(lines)) if lines[index]), None)
    if next_at is not None and (is_type_line(lines[next_at]) or _APPENDIX_RE.match(lines[next_at])):
        closing.attachment_from = next_at
        return closing
    left_over = [line for line in lines[unread_from:] if line]
    if left_over:
        closing.warnings.append(
            f"Sau {'chữ ký' if found else '“Nơi nhận”'} còn {len(left_over)} dòng chưa được đọc "
            f"(bắt đầu bằng “{shorten(left_over[0])}”)."
        )
    return closing


def _warn_unread(lines: list[str], where: str, warnings: list[str]) -> None:
    for line in lines:
        if line:
            warnings.append(f"Dòng “{shorten(line)}” {where} không được đọc.")


def _signer_before(lines: list[str], start: int, end: int) -> tuple[Signer, int, int] | None:
    """A signature block that ends right above "Nơi nhận"."""
    for index in range(start, end):
        if not _opens_signature(lines[index]):
            continue
        found = _read_signer(lines, index, end)
        if found and not any(lines[found[2] : end]):
            return found
    return None


def _read_recipients(lines: list[str], start: int) -> tuple[list[str], int]:
    """One entry per dash line; a line without a dash continues the entry before it."""
    entries: list[str] = []
    rest = _RECIPIENTS_RE.match(lines[start]).group("rest")
    if rest:
        entries.append(_BULLET_RE.sub("", rest))
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if not line:
            index += 1
            continue
        if _BULLET_RE.match(line) and not _is_filed_copy(entries):
            entries.append(_BULLET_RE.sub("", line))
        elif entries and _continues_entry(entries[-1], line):
            entries[-1] = f"{entries[-1]} {line}"
        else:
            break
        index += 1
    return [_clean_entry(entry) for entry in entries if _clean_entry(entry)], index


def _is_filed_copy(entries: list[str]) -> bool:
    """ "Lưu: VT, …" closes the list."""
    return bool(entries) and fold(entries[-1]).startswith("lưu")


def _continues_entry(previous: str, line: str) -> bool:
    if is_upper_line(line) or _CAPACITY_RE.match(line) or is_name_line(line):
        return False
    if starts_lower(line):
        return True
    return not _is_filed_copy([previous]) and previous.rstrip().endswith(",")


def _clean_entry(entry: str) -> str:
    return entry.strip().rstrip(";,.").strip()


def _find_signer(lines: list[str], start: int, end: int) -> tuple[Signer, int, int] | None:
    """The first block of capacity/title lines followed by a person's name."""
    for index in range(start, end):
        if _opens_signature(lines[index]) and (found := _read_signer(lines, index, end)):
            return found
    return None


def _opens_signature(line: str) -> bool:
    if _CAPACITY_RE.match(line):
        return True
    return is_upper_line(line) and len(line.split()) <= _MAX_TITLE_WORDS


def _read_signer(lines: list[str], start: int, end: int) -> tuple[Signer, int, int] | None:
    titles: list[str] = []
    for index in range(start, end):
        line = lines[index]
        if not line or _SIGNATURE_NOTE_RE.match(line):
            continue
        if is_name_line(line) and titles:
            return _signer_from(titles, line), start, index + 1
        if not (is_upper_line(line) or _CAPACITY_RE.match(line)) or len(titles) >= _MAX_TITLES:
            return None
        titles.append(line)
    return None


def _signer_from(titles: list[str], name: str) -> Signer:
    signer = Signer(name=name)
    capacities = []
    while titles and _CAPACITY_RE.match(titles[0]):
        capacities.append(titles.pop(0))
    if capacities:
        signer.capacity = ", ".join(capacities)
    if titles:
        signer.title = titles.pop(0)
    if titles:
        signer.position = " ".join(titles)
    return signer
