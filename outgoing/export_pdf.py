"""A program as a PDF laid out as Decree 30/2020 prescribes, printed by WeasyPrint from the
template ``outgoing/program_document.html``.

The template's CSS is filled from ``layout``, the same values the Word writer uses; the text
is Times New Roman, or Liberation Serif (same metrics, Vietnamese glyphs) where Times New
Roman is not installed.
"""

import logging

from django.template.loader import render_to_string

from outgoing import layout
from outgoing.content import ProgramDocument, program_document

PDF_CONTENT_TYPE = "application/pdf"
# WeasyPrint tells every step of its work at INFO; its warnings are what matter here.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def program_pdf(program, register=None) -> bytes:
    return render_pdf(program_document(program, register))


def render_html(content: ProgramDocument) -> str:
    return render_to_string(
        "outgoing/program_document.html", {"doc": content, "page": page_style()}
    )


def render_pdf(content: ProgramDocument) -> bytes:
    from weasyprint import HTML  # imported when used: it loads Pango and fonts

    return HTML(string=render_html(content)).write_pdf()


def _css_font(style: layout.TextStyle) -> str:
    return (
        f"font-size:{style.size:g}pt;"
        f"font-weight:{'bold' if style.bold else 'normal'};"
        f"font-style:{'italic' if style.italic else 'normal'};"
    )


def page_style() -> dict:
    """The layout rules as CSS values for the template."""
    families = ", ".join(f'"{name}"' for name in (layout.FONT_NAME, *layout.FONT_FALLBACKS[:-1]))
    return {
        "font_family": f"{families}, {layout.FONT_FALLBACKS[-1]}",
        "margin": (
            f"{layout.MARGIN_TOP_MM}mm {layout.MARGIN_RIGHT_MM}mm "
            f"{layout.MARGIN_BOTTOM_MM}mm {layout.MARGIN_LEFT_MM}mm"
        ),
        "number_offset": f"{layout.MARGIN_TOP_MM - layout.HEADER_DISTANCE_MM}mm",
        "line_height": f"{layout.css_line_height():g}",
        "indent": f"{layout.FIRST_LINE_INDENT_MM}mm",
        "spacing": f"{layout.PARAGRAPH_SPACING_PT}pt",
        "header_left": f"{layout.HEADER_LEFT_MM}mm",
        "header_right": f"{layout.HEADER_RIGHT_MM}mm",
        "closing_left": f"{layout.CLOSING_LEFT_MM}mm",
        "closing_right": f"{layout.CLOSING_RIGHT_MM}mm",
        "short_rule": f"{layout.SHORT_RULE_FRACTION * 100:g}%",
        "rule": f"{layout.RULE_WEIGHT_PT}pt solid #000",
        "signature_space": f"{layout.SIGNATURE_SPACE_MM}mm",
        "title_before": f"{layout.TITLE_SPACE_BEFORE_PT}pt",
        "title_after": f"{layout.TITLE_SPACE_AFTER_PT}pt",
        "closing_before": f"{layout.CLOSING_SPACE_BEFORE_PT}pt",
        "issuer_parent": _css_font(layout.ISSUER_PARENT),
        "issuer_body": _css_font(layout.ISSUER_BODY),
        "national_title": _css_font(layout.NATIONAL_TITLE),
        "motto": _css_font(layout.MOTTO),
        "number": _css_font(layout.NUMBER),
        "place_date": _css_font(layout.PLACE_DATE),
        "doc_type": _css_font(layout.DOC_TYPE),
        "summary": _css_font(layout.SUMMARY),
        "body": _css_font(layout.BODY),
        "section": _css_font(layout.SECTION_HEADING),
        "subheading": _css_font(layout.SUBHEADING),
        "signer_title": _css_font(layout.SIGNER_TITLE),
        "signer_name": _css_font(layout.SIGNER_NAME),
        "recipients_label": _css_font(layout.RECIPIENTS_LABEL),
        "recipients": _css_font(layout.RECIPIENTS),
        "page_number": _css_font(layout.PAGE_NUMBER),
    }
