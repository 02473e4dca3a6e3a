"""Folding Vietnamese text for matching: "Hòa", "hoà", "HOA" and "hoa" fold alike, and
"Đ" folds to "d", so a clerk finds a task however they type it.

``fold`` also removes zero-width and other invisible format characters (pasted from Word or
the web) and accepts NFC or NFD input; ``words`` splits folded text into its words, and
``reference_tokens`` turns a document reference in any spelling ("33/CT-TTg", "33-CT/TTg",
"Chỉ thị số 33") into the same search tokens.
"""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
# "Ð" (U+00D0, Icelandic eth) is often typed for "Đ" by old Vietnamese keyboards.
_D = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_WORD = re.compile(r"[^\W_]+")


# Runs of characters outside ASCII: only these can be marks or invisible format characters.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@functools.lru_cache(maxsize=4096)
def _without_marks(run: str) -> str:
    """A run of non-ASCII characters without its combining marks (Mn) and format
    characters (Cf: zero-width spaces, joiners, direction marks, soft hyphens)."""
    return "".join(c for c in run if unicodedata.category(c) not in ("Mn", "Cf"))


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = _NON_ASCII.sub(lambda m: _without_marks(m.group()), decomposed)
    stripped = stripped.translate(_D)
    return _SPACES.sub(" ", stripped).strip().lower()


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters and digits; punctuation separates)."""
    return _WORD.findall(fold(text))


# Kinds of documents, folded, and the short forms used in symbols ("CT" in "33/CT-TTg").
_KINDS = {
    "bo luat": "boluat",
    "luat": "luat",
    "phap lenh": "phaplenh",
    "nghi quyet": "nghiquyet",
    "nghi dinh": "nghidinh",
    "quyet dinh": "quyetdinh",
    "chi thi": "chithi",
    "thong tu": "thongtu",
    "ke hoach": "kehoach",
    "ket luan": "ketluan",
    "quy che": "quyche",
    "quy dinh": "quydinh",
    "de an": "dean",
    "huong dan": "huongdan",
    "cong van": "congvan",
    "cong dien": "congdien",
    "thong bao": "thongbao",
    "thong tri": "thongtri",
    "chuong trinh": "chuongtrinh",
    "bao cao": "baocao",
    "to trinh": "totrinh",
    "dieu le": "dieule",
}
_KIND_ALT = "|".join(re.escape(k) for k in sorted(_KINDS, key=len, reverse=True))
# "chi thi 33", "chi thi so 33", "33/ct-ttg", "33-ct/ttg", "85/2015/qh13", "chi thi so 33/ct-ttg"
_REFERENCE = re.compile(
    rf"(?<![^\W_])(?:(?P<kind>{_KIND_ALT})\s+(?:so\s*:?\s*)?)?"
    r"(?P<number>\d{1,5}[a-z]?)(?:/(?P<year>(?:19|20)\d{2}))?"
    r"(?:(?:[-/]|\s+(?=[a-z]+[-/]))(?P<symbol>[a-z][a-z0-9]*(?:[./-][a-z0-9]+)*))?(?![^\W_])"
)


def _references(folded: str):
    for match in _REFERENCE.finditer(folded):
        if match.group("kind") or match.group("symbol"):
            yield match


def reference_tokens(text: str) -> list[str]:
    """Search tokens for the document references in ``text``: ``chithi33`` for a kind and a
    number, ``33cttg`` for a number and its symbol (also ``852015qh13`` with the year)."""
    tokens: list[str] = []
    for match in _references(fold(text)):
        number = match.group("number").lstrip("0") or "0"
        if match.group("kind"):
            tokens.append(f"{_KINDS[match.group('kind')]}{number}")
        if match.group("symbol"):
            symbol = re.sub(r"[./-]", "", match.group("symbol"))
            tokens.append(f"{number}{symbol}")
            if match.group("year"):
                tokens.append(f"{number}{match.group('year')}{symbol}")
    return list(dict.fromkeys(tokens))


def strip_references(text: str) -> str:
    """``text`` folded, without the references ``reference_tokens`` reads."""
    folded = fold(text)
    for match in reversed(list(_references(folded))):
        folded = folded[: match.start()] + " " + folded[match.end() :]
    return folded
