"""Small files for tests: a real PDF, a real DOCX, a PNG, and files that lie about their type."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from programs.evidence import check_evidence
from programs.management.commands.load_demo import sample_pdf


def pdf_bytes() -> bytes:
    return sample_pdf("Test evidence")


def pdf_upload(name="bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def pdf_checked(name="bien-ban.pdf"):
    return check_evidence(pdf_upload(name))


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Biên bản họp Ban Chỉ đạo")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    import struct
    import zlib

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
