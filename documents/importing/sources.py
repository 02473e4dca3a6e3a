"""Turn an uploaded file into the document's text, whatever its format.

Plain text may be UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark;
``.docx`` is read with python-docx.  Readers are chosen by file extension.
"""

import codecs
from collections.abc import Callable
from pathlib import PurePath

from .docx_source import docx_text
from .errors import ImportFileError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_CONTROL_ALLOWED = {"\n", "\r", "\t", "\f", "\v"}


def read_source(filename: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of the document in ``data``; raises ``ImportFileError`` when it cannot be read."""
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
        supported = ", ".join(sorted(ext for ext in _READERS if ext != ".pdf"))
        raise ImportFileError(
            f"Không nhận loại tệp “{extension or filename}” ({filename}); "
            f"chỉ nhận các loại tệp: {supported}."
        )
    text = reader(filename, data)
    if not text.strip():
        raise ImportFileError(f"Tệp rỗng: {filename} không có chữ nào.")
    return text


def _plain_text(filename: str, data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"Không đọc được tệp {filename}: nội dung không phải văn bản UTF-8 "
            "(có thể là tệp nhị phân hoặc mã cũ TCVN3/VNI). Hãy lưu lại dưới dạng UTF-8."
        ) from error
    if any(char < " " and char not in _CONTROL_ALLOWED for char in text):
        raise ImportFileError(
            f"Không đọc được tệp {filename}: tệp chứa ký tự điều khiển, có thể là tệp nhị phân."
        )
    return text


def _pdf_text(filename: str, data: bytes) -> str:
    raise ImportFileError(
        f"Chưa đọc được tệp PDF ({filename}). Hãy gửi bản .docx hoặc .txt của văn bản."
    )


_READERS: dict[str, Callable[[str, bytes], str]] = {
    ".txt": _plain_text,
    ".text": _plain_text,
    ".docx": docx_text,
    ".pdf": _pdf_text,
}
