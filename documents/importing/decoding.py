"""The text of a plain-text file, whatever encoding its bytes are in.

UTF-8 and UTF-16 (with a byte-order mark, or without one when every other byte is zero) are
read as such.  Bytes that are not UTF-8 are tried as the legacy Vietnamese encodings TCVN3
and VNI and as Windows-1258, and the decoding whose words look most like Vietnamese wins.
UTF-8 text that is really VNI or TCVN3 shown through Windows-1252 ("Coäng hoøa",
"Céng hoµ": a font-era document saved as Unicode) is repaired the same way.  Decomposed
(NFD) text is composed later, with the rest of the clean-up (``textnorm``).
"""

import codecs
import re
from collections.abc import Callable

from .errors import ImportFileError
from .legacy_encodings import decode_cp1258, decode_tcvn3, decode_vni, vietnamese_score

_LEGACY: dict[str, Callable[[bytes], str]] = {
    "TCVN3 (ABC)": decode_tcvn3,
    "VNI": decode_vni,
    "Windows-1258": decode_cp1258,
}
# control characters other than tab, line feed, vertical tab, form feed and carriage return
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")
_ASCII = bytes(range(0x80))
_SAMPLE_BYTES = 64 * 1024
_MIN_LEGACY_SCORE = 0.75
_REPAIR_MARGIN = 0.1
_MAX_BAD_SHARE = 0.01  # bytes that are not UTF-8 in an otherwise UTF-8 file


def decode_text(filename: str, data: bytes) -> tuple[str, list[str]]:
    """The text of ``data`` and what the reader had to guess or mend, for the warnings."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text = _utf8(filename, data[len(codecs.BOM_UTF8) :], warnings)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _utf16(filename, data, "utf-16", warnings)
    elif encoding := _utf16_without_bom(data):
        text = _utf16(filename, data, encoding, warnings)
    else:
        _refuse_binary(filename, data.decode("latin-1"))
        text = _utf8(filename, data, warnings)
    _refuse_binary(filename, text)
    return text, warnings


def _utf8(filename: str, data: bytes, warnings: list[str]) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        mended = data.decode("utf-8", errors="replace")
        bad = mended.count("\ufffd")
        non_ascii = len(data.translate(None, _ASCII))
        if bad <= max(1, _MAX_BAD_SHARE * non_ascii):
            warnings.append(
                f"Tệp có {bad} chỗ không đọc được theo UTF-8 (có thể tệp bị cắt hoặc hỏng); "
                "đã thay bằng dấu “�”."
            )
            return mended
        return _legacy(filename, data, warnings)
    return _repair(text, warnings)


def _utf16(filename: str, data: bytes, encoding: str, warnings: list[str]) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        mended = data.decode(encoding, errors="replace")
        bad = mended.count("\ufffd")
        if bad > max(1, _MAX_BAD_SHARE * len(mended)):
            raise ImportFileError(
                f"Không đọc được tệp {filename}: tệp UTF-16 bị hỏng ở {bad} chỗ."
            ) from None
        warnings.append(f"Tệp UTF-16 có {bad} chỗ hỏng (có thể tệp bị cắt); đã bỏ qua.")
        return mended


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the zero high bytes of ASCII characters show it."""
    sample = data[:_SAMPLE_BYTES]
    half = len(sample) // 2
    if half < 2:
        return None
    even_zero = sample[0::2].count(0) / half
    odd_zero = sample[1::2].count(0) / half
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _legacy(filename: str, data: bytes, warnings: list[str]) -> str:
    sample = data[:_SAMPLE_BYTES]
    scores = {name: vietnamese_score(decode(sample)) for name, decode in _LEGACY.items()}
    best = max(scores, key=scores.get)
    if scores[best] < _MIN_LEGACY_SCORE:
        raise ImportFileError(
            f"Không đọc được tệp {filename}: nội dung không phải văn bản UTF-8 và cũng không "
            "nhận ra bảng mã cũ TCVN3 (ABC) hay VNI (có thể là tệp nhị phân). "
            "Hãy lưu lại văn bản dưới dạng Unicode (UTF-8)."
        )
    warnings.append(f"Tệp dùng bảng mã cũ {best}; đã chuyển sang Unicode.")
    return _LEGACY[best](data)


def _repair(text: str, warnings: list[str]) -> str:
    """UTF-8 text that only holds Windows-1252 characters may be VNI or TCVN3 in disguise."""
    if text.isascii():
        return text
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        return text
    sample = data[:_SAMPLE_BYTES]
    current = vietnamese_score(sample.decode("cp1252"))
    scores = {name: vietnamese_score(decode(sample)) for name, decode in _LEGACY.items()}
    best = max(scores, key=scores.get)
    if scores[best] < max(_MIN_LEGACY_SCORE, current + _REPAIR_MARGIN):
        return text
    warnings.append(
        f"Chữ trong tệp là chữ của bảng mã cũ {best} lưu nhầm thành Unicode; đã chuyển lại."
    )
    return _LEGACY[best](data)


def _refuse_binary(filename: str, text: str) -> None:
    if _CONTROL_RE.search(text):
        raise ImportFileError(
            f"Không đọc được tệp {filename}: tệp chứa ký tự điều khiển, có thể là tệp nhị phân "
            "chứ không phải văn bản."
        )
