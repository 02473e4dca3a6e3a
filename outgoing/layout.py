"""The page and type rules of Decree 30/2020/NĐ-CP (Phụ lục I), in one place.

Both writers read these values: ``export_docx`` turns them into Word properties and
``export_pdf`` into the CSS of its template, so a change here changes both files. Where the
decree gives a range, the value chosen is noted; sizes are in points, lengths in millimetres.
"""

from dataclasses import dataclass

# Page set-up (Phụ lục I, Part I): A4 portrait; top and bottom 20–25, left 30–35, right 15–20.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
# The page number sits in the top margin, this far from the edge of the paper.
HEADER_DISTANCE_MM = 10

# Times New Roman (TCVN 6909:2001 Unicode), black. Liberation Serif has the same metrics and
# Vietnamese glyphs; the PDF falls back to it where Times New Roman is not installed.
FONT_NAME = "Times New Roman"
FONT_FALLBACKS = ("Liberation Serif", "Times", "serif")


@dataclass(frozen=True)
class TextStyle:
    size: float
    bold: bool = False
    italic: bool = False
    upper: bool = False


# Sizes per component (Phụ lục I, Part II). The header uses the smaller size of each range
# so that the Quốc hiệu fits on one line of the right-hand column.
ISSUER_PARENT = TextStyle(12, upper=True)  # cơ quan chủ quản: 12–13, not bold
ISSUER_BODY = TextStyle(12, bold=True, upper=True)  # cơ quan ban hành: 12–13, bold
NATIONAL_TITLE = TextStyle(12, bold=True, upper=True)  # Quốc hiệu: 12–13, bold
MOTTO = TextStyle(13, bold=True)  # Tiêu ngữ: 13–14, bold
NUMBER = TextStyle(13)  # "Số: 05/CTr-BCĐ": 13
PLACE_DATE = TextStyle(14, italic=True)  # 13–14, italic
DOC_TYPE = TextStyle(14, bold=True, upper=True)  # tên loại: 13–14, bold
SUMMARY = TextStyle(14, bold=True)  # trích yếu: 13–14, bold
BODY = TextStyle(14)  # nội dung: 13–14
SECTION_HEADING = TextStyle(14, bold=True, upper=True)  # "I. NHIỆM VỤ TRỌNG TÂM"
SUBHEADING = TextStyle(14, bold=True)  # "1. Quý I"
SIGNER_TITLE = TextStyle(14, bold=True, upper=True)  # TM./KT. line, title, position
SIGNER_NAME = TextStyle(14, bold=True)  # full name
RECIPIENTS_LABEL = TextStyle(12, bold=True, italic=True)  # "Nơi nhận:": 12, bold italic
RECIPIENTS = TextStyle(11)  # the list: 11
PAGE_NUMBER = TextStyle(14)  # 13–14, upright

# Body paragraphs: justified, first line indented 1 cm, at least 6 pt between paragraphs,
# line spacing between single and 1.5 lines.
FIRST_LINE_INDENT_MM = 10
PARAGRAPH_SPACING_PT = 6
LINE_SPACING = 1.2  # multiple of single spacing
# One line of Times New Roman at single spacing is this many times the font size; CSS needs
# it to match Word's "multiple" line spacing.
SINGLE_LINE_EM = 1.15

# The two-column blocks: header (issuing body | Quốc hiệu) and closing (Nơi nhận | signer).
HEADER_LEFT_MM = 70
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM
CLOSING_LEFT_MM = 80
CLOSING_RIGHT_MM = TEXT_WIDTH_MM - CLOSING_LEFT_MM
# Rules: under the Tiêu ngữ as long as the text; under the issuing body and the summary
# between one third and one half of the text (0.4 chosen).
SHORT_RULE_FRACTION = 0.4
RULE_WEIGHT_PT = 0.75
# Room for the signature and seal between the signer's title and name.
SIGNATURE_SPACE_MM = 25
# Space between the header and the type name, and after the summary's rule.
TITLE_SPACE_BEFORE_PT = 18
TITLE_SPACE_AFTER_PT = 12
# Space between the end of the body and the closing (recipients and signer).
CLOSING_SPACE_BEFORE_PT = 12

NATIONAL_TITLE_TEXT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_TEXT = "Độc lập - Tự do - Hạnh phúc"
BODY_END = "./."


def mm_to_pt(mm: float) -> float:
    return mm * 72 / 25.4


def css_line_height() -> float:
    """The CSS ``line-height`` (a multiple of the font size) for ``LINE_SPACING``."""
    return round(LINE_SPACING * SINGLE_LINE_EM, 3)
