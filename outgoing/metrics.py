"""How wide a line of Times New Roman is, for the rules the decree draws under the header.

Word has no "line as long as the text above" and the decree asks for one under the Tiêu ngữ
and a shorter one under the issuing body and the summary, so the Word writer measures the
text. Liberation Serif has the advance widths of Times New Roman, so its files give the
widths Word will use; without them an average width per character is close enough.
"""

import itertools
from functools import lru_cache
from pathlib import Path

from outgoing.layout import TextStyle, mm_to_pt

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/liberation"),
    Path("/usr/share/fonts/TTF"),
    Path("/Library/Fonts"),
)
_FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}
# Average advance in em when no font file is found: capitals are wider than small letters.
_AVERAGE_UPPER = 0.72
_AVERAGE_OTHER = 0.47
_BOLD_FACTOR = 1.05


@lru_cache(maxsize=4)
def _font_widths(bold: bool, italic: bool) -> tuple[dict[int, int], int] | None:
    for folder in FONT_DIRS:
        path = folder / _FILES[(bold, italic)]
        if path.is_file():
            from fontTools.ttLib import TTFont

            font = TTFont(str(path), lazy=True)
            metrics = font["hmtx"].metrics
            widths = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
            return widths, font["head"].unitsPerEm
    return None


def _estimate(char: str, bold: bool) -> float:
    em = _AVERAGE_UPPER if char.isupper() else _AVERAGE_OTHER
    return em * (_BOLD_FACTOR if bold else 1)


def text_width_pt(text: str, style: TextStyle) -> float:
    """The width of ``text`` set in ``style``, in points."""
    if style.upper:
        text = text.upper()
    font = _font_widths(style.bold, style.italic)
    total = 0.0
    for char in text:
        if font and ord(char) in font[0]:
            total += font[0][ord(char)] / font[1]
        else:
            total += _estimate(char, style.bold)
    return total * style.size


def balanced_lines(
    words: list[str], style: TextStyle, width_mm: float, max_lines: int = 4
) -> list[str]:
    """``words`` (or phrases not to be broken, such as "DÂN VẬN") in as few lines as fit
    ``width_mm``, the widest as short as can be, as a clerk breaks a name in the header."""
    limit = mm_to_pt(width_mm)
    for count in range(1, min(max_lines, len(words)) + 1):
        best: tuple[float, list[str]] | None = None
        for cuts in itertools.combinations(range(1, len(words)), count - 1):
            bounds = (0, *cuts, len(words))
            lines = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
            widest = max(text_width_pt(line, style) for line in lines)
            if widest <= limit and (best is None or widest < best[0]):
                best = (widest, lines)
        if best:
            return best[1]
    return [" ".join(words)]
