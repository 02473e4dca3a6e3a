"""Open a .docx (a zip archive) without letting it expand past fixed limits.

The sizes the archive declares are checked before anything is decompressed: in total at
most ``MAX_TOTAL_BYTES``, and no large member compressed more than ``MAX_RATIO`` times.
The members are then read in chunks while the bytes actually produced are counted, so an
archive that lies about its sizes is stopped at the same limits.  The Word reader gets the
members back as an uncompressed archive and never decompresses anything itself.
"""

import io
import zipfile

from .errors import ImportFileError

MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 5000
# small members may compress very well (a blank styles part) and are harmless
_RATIO_FLOOR_BYTES = 1024 * 1024
_CHUNK_BYTES = 64 * 1024


def read_members(filename: str, data: bytes) -> dict[str, bytes]:
    """The members of the archive in ``data`` by name, read within the limits; raises
    ``ImportFileError`` for something that is not a zip archive, a damaged one or a zip bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ImportFileError(
            f"Không đọc được tệp {filename}: không phải tệp Word (.docx) hợp lệ "
            "(tệp không phải tệp nén zip hoặc đã bị hỏng)."
        ) from error
    _check_declared(filename, members)
    contents: dict[str, bytes] = {}
    total = 0
    for member in members:
        if member.is_dir():
            continue
        content = _read_member(filename, archive, member, MAX_TOTAL_BYTES - total)
        total += len(content)
        contents[member.filename] = content
    return contents


def stored_zip(members: dict[str, bytes]) -> bytes:
    """An uncompressed archive holding ``members``."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


def _check_declared(filename: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise _bomb(filename, f"có {len(members)} tệp con")
    declared = sum(member.file_size for member in members)
    if declared > MAX_TOTAL_BYTES:
        raise _bomb(filename, f"khi giải nén sẽ chiếm {declared / 1024 / 1024:.0f} MB")
    for member in members:
        if member.file_size < _RATIO_FLOOR_BYTES:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_RATIO:
            raise _bomb(filename, f"phần “{member.filename}” bị nén tới {ratio:.0f} lần")


def _read_member(
    filename: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int
) -> bytes:
    """The member's bytes, stopping as soon as it gives more than it declared or more than
    the budget left."""
    limit = min(member.file_size, budget)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(min(_CHUNK_BYTES, limit - size + 1)):
                size += len(chunk)
                if size > limit:
                    raise _bomb(filename, f"phần “{member.filename}” lớn hơn kích thước khai báo")
                chunks.append(chunk)
    except ImportFileError:
        raise
    except Exception as error:  # zipfile and zlib raise many kinds of errors on damaged data
        raise ImportFileError(
            f"Không đọc được tệp {filename}: tệp Word (.docx) bị hỏng "
            f"(phần “{member.filename}” không giải nén được)."
        ) from error
    return b"".join(chunks)


def _bomb(filename: str, detail: str) -> ImportFileError:
    return ImportFileError(
        f"Từ chối tệp {filename}: tệp nén bất thường ({detail}); giới hạn là "
        f"{MAX_TOTAL_BYTES // 1024 // 1024} MB sau khi giải nén và tỷ lệ nén {MAX_RATIO} lần."
    )
