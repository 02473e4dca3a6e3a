"""Checking an evidence file before it is stored.

The type is decided by the file's content, never by its name alone: the name's extension must
agree with what the bytes are. Allowed: PDF, Word (.docx), Excel (.xlsx), JPEG and PNG.
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# extension → (MIME type, the part a genuine Office file of that kind must contain)
ALLOWED = {
    "pdf": ("application/pdf", None),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "word/document.xml",
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xl/workbook.xml",
    ),
    "jpg": ("image/jpeg", None),
    "jpeg": ("image/jpeg", None),
    "png": ("image/png", None),
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str
    data: bytes


def _office_part_present(data: bytes, part: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return part in archive.namelist()
    except zipfile.BadZipFile:
        return False


def check_evidence(uploaded) -> CheckedFile:
    """Read and check one uploaded file; raise ``ValidationError`` with a Vietnamese message."""
    name = (uploaded.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(
            _("Tệp “%(name)s” không được chấp nhận: chỉ nhận PDF, DOCX, XLSX, JPEG, PNG.")
            % {"name": name}
        )
    limit = settings.EVIDENCE_MAX_BYTES
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn: tối đa %(mb)s MB.") % {"name": name, "mb": limit // 2**20}
        )
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn: tối đa %(mb)s MB.") % {"name": name, "mb": limit // 2**20}
        )
    if not data:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name})
    mime, office_part = ALLOWED[extension]
    guessed = filetype.guess_mime(data)
    if office_part:
        genuine = guessed in (mime, "application/zip") and _office_part_present(data, office_part)
    else:
        genuine = guessed == mime
    if not genuine:
        raise ValidationError(
            _(
                "Nội dung tệp “%(name)s” không phải là tệp %(ext)s như tên tệp cho biết. "
                "Vui lòng chọn đúng tệp."
            )
            % {"name": name, "ext": extension.upper()}
        )
    return CheckedFile(
        name=name[:255],
        content_type=mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )
