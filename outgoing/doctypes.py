"""Administrative document types and their abbreviations (Decree 30/2020, Phụ lục III, Mục I).

The abbreviation goes into a document's code: "05/CTr-BCĐ" is document 05, a Chương trình
(CTr) of the Ban Chỉ đạo (BCĐ). A Công văn has no type abbreviation; its code is the issuer's
abbreviation and the drafting unit's ("12/UBND-VX").
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dvcq.text import fold

ABBREVIATIONS = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
}
# Types whose code is made of the issuer's and drafting unit's abbreviations only.
WITHOUT_ABBREVIATION = ("Công văn", "Thư công")

DOC_TYPE_CHOICES = [(name, name) for name in (*ABBREVIATIONS, *WITHOUT_ABBREVIATION)]

_BY_FOLDED = {fold(name): name for name in (*ABBREVIATIONS, *WITHOUT_ABBREVIATION)}


class UnknownDocType(ValidationError):
    """The name is not a document type of Decree 30/2020."""


def canonical(doc_type: str) -> str:
    """The type's name as the decree writes it, whatever the case or tone placement."""
    name = _BY_FOLDED.get(fold(" ".join(doc_type.split())))
    if name is None:
        raise UnknownDocType(
            _("“%(type)s” không phải loại văn bản hành chính theo Nghị định 30/2020/NĐ-CP.")
            % {"type": doc_type}
        )
    return name


def abbreviation(doc_type: str) -> str | None:
    """``CTr`` for a Chương trình; None for a Công văn or Thư công."""
    return ABBREVIATIONS.get(canonical(doc_type))


def code_for(doc_type: str, issuer_code: str, drafting_code: str = "") -> str:
    """The code after the number: ``CTr-BCĐ``, or ``BCĐ-VP`` for a Công văn."""
    type_code = abbreviation(doc_type)
    if type_code is None:
        return "-".join(part for part in (issuer_code, drafting_code) if part)
    return f"{type_code}-{issuer_code}" if issuer_code else type_code


def number_symbol(number: int | None, code: str) -> str:
    """``05/CTr-BCĐ``: numbers below 10 take a leading zero; no number leaves it blank."""
    return f"{number:02d}/{code}" if number else f"/{code}"
