"""Reading exported files back in tests: the Word file's paragraphs with their formatting,
and the PDF's text with where each piece sits on the page."""

import io
import unicodedata
from dataclasses import dataclass

import docx
import pypdf
from docx.oxml.ns import qn


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


@dataclass
class Line:
    text: str
    size: float | None
    bold: bool
    italic: bool
    paragraph: object


def lines_of(paragraphs) -> list[Line]:
    """Non-empty paragraphs with the formatting of their runs (all runs agree)."""
    found = []
    for paragraph in paragraphs:
        if not paragraph.text.strip():
            continue
        run = paragraph.runs[0]
        found.append(
            Line(
                text=paragraph.text,
                size=run.font.size.pt if run.font.size else None,
                bold=bool(run.font.bold),
                italic=bool(run.font.italic),
                paragraph=paragraph,
            )
        )
    return found


def has_top_border(paragraph) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.find(qn("w:pBdr")) is not None


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, NFC, with runs of spaces made one."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [
        " ".join(unicodedata.normalize("NFC", page.extract_text()).split()) for page in reader.pages
    ]


@dataclass
class Placed:
    text: str
    x: float  # from the left edge, in points
    top: float  # from the top edge, in points


def placed_text(data: bytes) -> list[list[Placed]]:
    """Per page, every piece of text with its position on the paper."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        pieces: list[Placed] = []

        def visit(text, cm, tm, font, size, pieces=pieces, height=height):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                pieces.append(Placed(text.strip(), x, height - y))

        page.extract_text(visitor_text=visit)
        pages.append(pieces)
    return pages
