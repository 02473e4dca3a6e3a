"""Folding Vietnamese text for matching: "Hòa", "hoà", "HOA" and "hoa" fold alike, and
"Đ" folds to "d", so a clerk finds a task however they type it."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped).strip().lower()
