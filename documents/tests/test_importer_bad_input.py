"""Files the importer must refuse with a clear Vietnamese message, without crashing: empty,
too big, not what their name says, damaged, zip bombs, and text without any structure."""

import io
import struct
import zipfile
from pathlib import Path

import pytest

from documents.importing import ImportFileError, parse_program_file, read_source
from documents.importing.batch import parse_folder
from documents.importing.zip_guard import MAX_TOTAL_BYTES
from documents.tests.test_importer_builders import docx_bytes

SEED_DIR = Path(__file__).resolve().parents[2] / "dvcq" / "seed"
SEED_DOCX = (SEED_DIR / "chuong-trinh-dvcq-2023.docx").read_bytes()


def zip_of(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


def refused(filename: str, data: bytes) -> str:
    with pytest.raises(ImportFileError) as caught:
        parse_program_file(filename, data)
    return str(caught.value)


@pytest.mark.parametrize("name", ["rong.txt", "rong.docx", "rong.pdf"])
def test_empty_files(name):
    assert "Tệp rỗng" in refused(name, b"")


def test_word_file_without_any_text():
    assert "Tệp rỗng" in refused("trang.docx", docx_bytes(""))


def test_docx_that_is_not_a_zip():
    message = refused("ke-hoach.docx", b"%PDF-1.7 this is not a Word file")
    assert "không phải tệp Word (.docx) hợp lệ" in message


def test_docx_that_is_a_zip_of_something_else():
    data = zip_of({"anh.jpg": b"\xff\xd8\xff" + b"0" * 100, "ghi-chu.txt": b"hello"})
    assert "là tệp nén (zip) nhưng không phải văn bản Word" in refused("ke-hoach.docx", data)


def test_spreadsheet_renamed_docx():
    from openpyxl import Workbook

    output = io.BytesIO()
    Workbook().save(output)
    assert "Word" in refused("ke-hoach.docx", output.getvalue())


def test_truncated_docx():
    assert "Word" in refused("ke-hoach.docx", SEED_DOCX[: len(SEED_DOCX) // 2])


def test_zip_bomb_by_declared_total_size():
    data = zip_of({"[Content_Types].xml": b"<x/>", "word/document.xml": bytes(MAX_TOTAL_BYTES + 1)})
    message = refused("bom.docx", data)
    assert "tệp nén bất thường" in message and "50 MB" in message


def test_zip_bomb_by_compression_ratio():
    data = zip_of({"[Content_Types].xml": b"<x/>", "word/document.xml": bytes(5 * 1024 * 1024)})
    assert "bị nén tới" in refused("bom.docx", data)


def declared_as(data: bytes, name: str, size: int) -> bytes:
    """The archive ``data`` with the uncompressed size of member ``name`` changed to ``size``
    in its local header and in the central directory."""
    patched = bytearray(data)
    encoded = name.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(name).header_offset
        central = archive.start_dir
    struct.pack_into("<I", patched, local + 22, size)
    while (central := patched.find(b"PK\x01\x02", central)) != -1:
        if patched[central + 46 : central + 46 + len(encoded)] == encoded:
            struct.pack_into("<I", patched, central + 24, size)
        central += 4
    return bytes(patched)


def test_zip_that_lies_about_its_sizes_is_stopped_while_reading():
    honest = zip_of({"[Content_Types].xml": b"<x/>", "word/document.xml": bytes(900_000)})
    lying = declared_as(honest, "word/document.xml", 1000)
    with zipfile.ZipFile(io.BytesIO(lying)) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1000
    assert "word/document.xml" in refused("bom.docx", lying)


def test_a_50_mb_file_is_over_the_limit():
    message = refused("ke-hoach.txt", b"a" * (50 * 1024 * 1024))
    assert "quá lớn" in message and "tối đa 5 MB" in message


def test_binary_garbage_named_txt():
    garbage = bytes(range(256)) * 64
    assert "tệp nhị phân" in refused("ke-hoach.txt", garbage)


def test_high_bytes_that_are_no_vietnamese_encoding():
    garbage = bytes(range(0x80, 0x100)) * 64
    message = refused("ke-hoach.txt", garbage)
    assert "không nhận ra bảng mã cũ TCVN3 (ABC) hay VNI" in message


def test_text_without_any_recognisable_structure_is_read_with_a_warning():
    text = "Hôm nay trời đẹp. Chúng tôi đi chơi công viên và ăn kem.\n" * 20
    reading = parse_program_file("nhat-ky.txt", text.encode())
    assert reading.items == []
    assert "Không tìm thấy nhiệm vụ nào trong văn bản." in reading.warnings


def test_unsupported_extension_lists_what_is_supported():
    message = refused("ke-hoach.doc", b"\xd0\xcf\x11\xe0")
    assert ".docx, .pdf, .text, .txt" in message
    assert "lưu lại dưới dạng .docx" in message


def test_read_source_refuses_like_the_entry_point():
    with pytest.raises(ImportFileError, match="Tệp rỗng"):
        read_source("ke-hoach.pdf", b"")


def test_a_folder_is_read_file_by_file_and_failures_are_listed(tmp_path):
    (tmp_path / "a-ke-hoach.txt").write_bytes(
        (SEED_DIR / "chuong-trinh-dvcq-2023.txt").read_bytes()
    )
    (tmp_path / "b-ke-hoach.docx").write_bytes(SEED_DOCX)
    (tmp_path / "c-rong.txt").write_bytes(b"")
    (tmp_path / "d-hong.docx").write_bytes(b"not a zip")
    (tmp_path / ".an.txt").write_bytes(b"hidden")
    (tmp_path / "thu-muc-con").mkdir()
    seen = []
    readings, failures = parse_folder(
        tmp_path, progress=lambda done, total, path: seen.append((done, total, path.name))
    )
    assert [path.name for path, _reading in readings] == ["a-ke-hoach.txt", "b-ke-hoach.docx"]
    assert all(len(reading.items) == 29 for _path, reading in readings)
    assert [failure.path.name for failure in failures] == ["c-rong.txt", "d-hong.docx"]
    assert "Tệp rỗng" in failures[0].message
    assert "không phải tệp Word (.docx) hợp lệ" in failures[1].message
    assert seen == [
        (1, 4, "a-ke-hoach.txt"),
        (2, 4, "b-ke-hoach.docx"),
        (3, 4, "c-rong.txt"),
        (4, 4, "d-hong.docx"),
    ]


def test_a_file_over_the_folder_limit_is_not_even_read(tmp_path):
    (tmp_path / "lon.txt").write_bytes(b"a" * 2000)
    readings, failures = parse_folder(tmp_path, max_bytes=1000)
    assert readings == [] and "quá lớn" in failures[0].message


def test_a_missing_folder_is_explained(tmp_path):
    with pytest.raises(ImportFileError, match="Không mở được thư mục"):
        parse_folder(tmp_path / "khong-co")
