"""Read program and plan documents (Chương trình, Kế hoạch, …) into a reviewable reading.

``parse_program_file(filename, data)`` is the entry point: it reads the file's text
(``read_source``: plain text in UTF-8, UTF-16, TCVN3 or VNI, .docx, .pdf with a text layer)
and parses it (``parse_program_text``) into a ``ProgramReading`` whose ``to_dict()`` is the
JSON object described in docs/import-format.md.  ``batch.parse_folder`` reads a whole folder.
"""

from .citations import citation_key, extract_citations
from .errors import ImportFileError
from .periods import is_valid_period, period_end, period_label
from .program_text import parse_program_text
from .reading import Anniversary, Citation, ProgramReading, ReadingItem, Signer
from .sources import read_document, read_source

__all__ = [
    "Anniversary",
    "Citation",
    "ImportFileError",
    "ProgramReading",
    "ReadingItem",
    "Signer",
    "citation_key",
    "extract_citations",
    "is_valid_period",
    "parse_program_file",
    "parse_program_text",
    "period_end",
    "period_label",
    "read_document",
    "read_source",
    "require_tasks",
]


def parse_program_file(filename: str, data: bytes) -> ProgramReading:
    """Read and parse an uploaded file; raises ``ImportFileError`` when it cannot be read.
    A file whose tasks cannot be found (a report, a notice, an unusual layout) is still read
    for its header, citations, recipients and signer; the reading then warns that it holds no
    task, and the review screen lets the clerk add them.  What the file reader had to mend or
    leave out opens the warnings."""
    text, source_warnings = read_document(filename, data)
    reading = parse_program_text(text)
    reading.warnings[:0] = source_warnings
    return reading


def require_tasks(filename: str, reading: ProgramReading) -> None:
    """Saving a program straight from a file (command line, background import) needs its
    tasks; the review screen is where a clerk adds them to a reading that has none."""
    if not reading.items:
        raise ImportFileError(
            f"Không tìm thấy nhiệm vụ nào trong tệp {filename}; hãy nhập tệp qua màn hình rà "
            "soát để thêm nhiệm vụ bằng tay."
        )
