"""Builders of test files for the importer tests (legacy-encoded text, Word and PDF files),
and checks that the builders themselves produce what they claim."""

import html
import io
import unicodedata

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from documents.importing.legacy_encodings import compose_vni, decode_tcvn3, decode_vni

_TCVN3_CODES = {
    **dict(zip("ĂÂÊÔƠƯĐăâêôơưđ", range(0xA1, 0xAF), strict=True)),
    **dict(zip("àảãáạ", range(0xB5, 0xBA), strict=True)),
    **dict(zip("ằẳẵắ", range(0xBB, 0xBF), strict=True)),
    "ặ": 0xC6,
    **dict(zip("ầẩẫấậ", range(0xC7, 0xCC), strict=True)),
    **dict(zip("èẻẽéẹ", (0xCC, 0xCE, 0xCF, 0xD0, 0xD1), strict=True)),
    **dict(zip("ềểễếệ", range(0xD2, 0xD7), strict=True)),
    **dict(zip("ìỉĩíị", (0xD7, 0xD8, 0xDC, 0xDD, 0xDE), strict=True)),
    **dict(zip("òỏõóọ", (0xDF, 0xE1, 0xE2, 0xE3, 0xE4), strict=True)),
    **dict(zip("ồổỗốộ", range(0xE5, 0xEA), strict=True)),
    **dict(zip("ờởỡớợ", range(0xEA, 0xEF), strict=True)),
    **dict(zip("ùủũúụ", (0xEF, 0xF1, 0xF2, 0xF3, 0xF4), strict=True)),
    **dict(zip("ừửữứự", range(0xF5, 0xFA), strict=True)),
    **dict(zip("ỳỷỹýỵ", range(0xFA, 0xFF), strict=True)),
}
_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX = {
    "": "â",
    "\u0301": "á",
    "\u0300": "à",
    "\u0309": "å",
    "\u0303": "ã",
    "\u0323": "ä",
}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}
_VNI_HORN = {"o": "ô", "O": "Ô", "u": "ö", "U": "Ö"}


def tcvn3_bytes(text: str) -> bytes:
    """``text`` in TCVN3.  A capital with a tone, which only a heading font can show, is
    written with the lower-case code, as such a font stores it."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char.isascii():
            out.append(ord(char))
        elif char in _TCVN3_CODES:
            out.append(_TCVN3_CODES[char])
        elif char.lower() in _TCVN3_CODES:
            out.append(_TCVN3_CODES[char.lower()])
        else:
            out.extend(char.encode("cp1252"))
    return bytes(out)


def vni_bytes(text: str) -> bytes:
    """``text`` in the VNI encoding (VNI-Times fonts, Windows)."""
    return vni_text(text).encode("cp1252")


def vni_text(text: str) -> str:
    """``text`` as VNI characters appear through Windows-1252 ("Coäng hoøa")."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in "đĐ":
            out.append("ñ" if char == "đ" else "Ñ")
            continue
        base, *marks = unicodedata.normalize("NFD", char)
        tone = next((mark for mark in marks if mark in _VNI_TONE), "")
        upper = base.isupper()
        if "\u031b" in marks:  # horn: ơ, ư
            out.append(_VNI_HORN[base] + _case(_VNI_TONE.get(tone, ""), upper))
        elif "\u0302" in marks:
            out.append(base + _case(_VNI_CIRCUMFLEX[tone], upper))
        elif "\u0306" in marks:
            out.append(base + _case(_VNI_BREVE[tone], upper))
        elif base in "iI" and tone:
            out.append(_case(_VNI_I[tone], upper))
        elif base in "yY" and tone == "\u0323":
            out.append("Î" if upper else "î")
        else:
            out.append(base + _case(_VNI_TONE.get(tone, ""), upper))
    return "".join(out)


def _case(mark: str, upper: bool) -> str:
    return mark.upper() if upper else mark


def docx_bytes(*blocks) -> bytes:
    """A Word file: each block is a paragraph (a string) or a table (a list of rows, each a
    list of cell texts; ``None`` continues the cell above, ``...`` the cell to the left)."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            _add_table(document, block)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _add_table(document, rows) -> None:
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                table.cell(r - 1, c).merge(table.cell(r, c))
            elif value is ...:
                table.cell(r, c - 1).merge(table.cell(r, c))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                table.cell(r, c).text = value


def with_text_box(data: bytes, text: str) -> bytes:
    """The Word file ``data`` with a VML text box holding ``text`` in its first paragraph."""
    document = docx.Document(io.BytesIO(data))
    run = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        f"<w:p><w:r><w:t>{html.escape(text)}</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    document.paragraphs[0]._p.append(run)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def in_content_control(data: bytes, paragraph_index: int) -> bytes:
    """The Word file ``data`` with one body paragraph moved into a content control."""
    document = docx.Document(io.BytesIO(data))
    paragraph = document.paragraphs[paragraph_index]._p
    sdt = parse_xml(
        '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:sdtPr/><w:sdtContent/></w:sdt>"
    )
    paragraph.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(paragraph)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def pdf_bytes(body_html: str) -> bytes:
    """A PDF with a text layer, from HTML (rendered by WeasyPrint, numbered pages)."""
    import weasyprint

    style = (
        "@page { size: A4; margin: 2cm; @bottom-center { content: counter(page) } } "
        "body { font-family: 'DejaVu Serif'; font-size: 13pt; text-align: justify } "
        "td { text-align: center; vertical-align: top }"
    )
    page = f"<html><head><style>{style}</style></head><body>{body_html}</body></html>"
    return weasyprint.HTML(string=page).write_pdf()


def paragraphs_html(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())


SAMPLE = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Người, ước, quyết định"


def test_tcvn3_builder_round_trips():
    assert decode_tcvn3(tcvn3_bytes(SAMPLE)) == SAMPLE


def test_vni_builder_round_trips():
    assert decode_vni(vni_bytes(SAMPLE)) == SAMPLE
    assert vni_text("Cộng hòa") == "Coäng hoøa"
    assert compose_vni(vni_text("QUYẾT ĐỊNH")) == "QUYẾT ĐỊNH"


def test_docx_builder_merges_cells():
    data = docx_bytes([["A", "B", "C"], [None, "D", ...]])
    table = docx.Document(io.BytesIO(data)).tables[0]
    assert table.cell(1, 0).text == "A"
    assert table.cell(1, 2).text == "D"
