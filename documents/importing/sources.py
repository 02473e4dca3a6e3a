"""Turn an uploaded file into the document's text, whatever its format.

Readers are chosen by file extension: plain text in any of the encodings ``decoding``
recognises, ``.docx`` (``docx_source``) and ``.pdf`` with a text layer (``pdf_source``).
"""

from collections.abc import Callable
from pathlib import PurePath

from .decoding import decode_text
from .docx_source import docx_text
from .errors import ImportFileError
from .pdf_source import pdf_text

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_MIN_ROW_CELLS = 3
_HINTS = {
    ".doc": " Hãy mở tệp bằng Word và lưu lại dưới dạng .docx.",
    ".rtf": " Hãy mở tệp bằng Word và lưu lại dưới dạng .docx.",
    ".odt": " Hãy lưu lại tệp dưới dạng .docx.",
}


def read_source(filename: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of the document in ``data``; raises ``ImportFileError`` when it cannot be read."""
    return read_document(filename, data, max_bytes)[0]


def read_document(
    filename: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, list[str]]:
    """The text of the document and the reader's warnings (a legacy encoding converted,
    text boxes or scanned pages left out, …)."""
    if not data:
        raise ImportFileError(f"Tệp rỗng: {filename} không có nội dung.")
    if len(data) > max_bytes:
        raise ImportFileError(
            f"Tệp {filename} quá lớn ({len(data) / 1024 / 1024:.1f} MB); "
            f"chỉ nhận tệp tối đa {max_bytes / 1024 / 1024:g} MB."
        )
    extension = PurePath(filename).suffix.lower()
    reader = _READERS.get(extension)
    if reader is None:
        supported = ", ".join(sorted(_READERS))
        hint = _HINTS.get(extension, "")
        raise ImportFileError(
            f"Không nhận loại tệp “{extension or filename}” ({filename}); "
            f"chỉ nhận các loại tệp: {supported}.{hint}"
        )
    text, warnings = reader(filename, data)
    if not text.strip():
        raise ImportFileError(f"Tệp rỗng: {filename} không có chữ nào.")
    return text, warnings


def _plain_text(filename: str, data: bytes) -> tuple[str, list[str]]:
    text, warnings = decode_text(filename, data)
    return "\n".join(_tab_row(line) for line in text.split("\n")), warnings


def _tab_row(line: str) -> str:
    """A table row saved as text by Word has its cells separated by tabs: "| a | b | c |"."""
    if line.count("\t") < _MIN_ROW_CELLS - 1:
        return line
    cells = [cell.strip() for cell in line.strip(" \r").split("\t")]
    if sum(1 for cell in cells if cell) < _MIN_ROW_CELLS:
        return line
    return "| " + " | ".join(cells) + " |"


_READERS: dict[str, Callable[[str, bytes], tuple[str, list[str]]]] = {
    ".txt": _plain_text,
    ".text": _plain_text,
    ".docx": docx_text,
    ".pdf": pdf_text,
}
