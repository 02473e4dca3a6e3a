"""Marking the matched words of a result, with everything else escaped."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dvcq.text import fold

_WORD = re.compile(r"[^\W_]+")
SNIPPET = 240


def _matches(word: str, wanted: set[str]) -> bool:
    folded = fold(word)
    return any(folded == w or (len(w) > 1 and folded.startswith(w)) for w in wanted)


def snippet(text: str, wanted: set[str], length: int = SNIPPET) -> str:
    """About ``length`` characters of ``text`` around its first matched word."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    start = 0
    for match in _WORD.finditer(text):
        if _matches(match.group(), wanted):
            start = max(0, match.start() - length // 4)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    piece = text[start : start + length]
    return ("…" if start else "") + piece + ("…" if start + length < len(text) else "")


def highlight(text: str, wanted: set[str]) -> SafeString:
    """``text`` escaped, with each word whose folded form is (or starts with) a wanted word
    inside ``<mark>``."""
    parts = []
    position = 0
    for match in _WORD.finditer(text or ""):
        if _matches(match.group(), wanted):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape((text or "")[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
