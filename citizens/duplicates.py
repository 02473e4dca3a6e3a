"""Finding repeat and duplicate petitions at intake.

Names and text are folded (``dvcq.text.fold``: no diacritics, "Đ" → "d", lower case, single
spaces) and stripped of punctuation and common filler words, so "Nguyễn Văn Hòa" and
"NGUYEN VAN HOA" are the same name and "đề nghị xem xét cấp GCN QSDĐ cho thửa đất số 123"
is close to "Đề nghị cấp giấy chứng nhận QSDĐ thửa 123". Two petitions are a repeat when a
petitioner's name matches closely (≥ 0.85) and the content is similar (≥ 0.45), or, when
one of the two is anonymous, when the content is nearly the same (≥ 0.8).
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from dvcq.text import fold

NAME_THRESHOLD = 0.85
TEXT_THRESHOLD = 0.45
SAME_TEXT_THRESHOLD = 0.8
_WORD = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    [
        "va",
        "la",
        "cua",
        "cho",
        "cac",
        "nhung",
        "duoc",
        "de",
        "nghi",
        "xem",
        "xet",
        "ve",
        "viec",
        "toi",
        "ong",
        "ba",
        "anh",
        "chi",
        "em",
        "nay",
        "do",
        "thi",
        "voi",
        "tai",
        "o",
        "trong",
        "khi",
        "da",
        "se",
        "bi",
        "con",
        "co",
        "khong",
        "mot",
        "theo",
        "khieu",
        "nai",
        "cao",
        "kien",
        "phan",
    ]
)


def normalise_name(name: str) -> str:
    return " ".join(_WORD.findall(fold(name)))


def tokens(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if w not in STOPWORDS and len(w) > 1}


def name_similarity(a: str, b: str) -> float:
    a, b = normalise_name(a), normalise_name(b)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b).ratio()


def text_similarity(a: str, b: str) -> float:
    """Overlap of the folded content words: the larger of Jaccard and 0.8 × containment
    (a short petition repeating part of a longer one)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    jaccard = len(ta & tb) / len(ta | tb)
    containment = len(ta & tb) / min(len(ta), len(tb))
    return max(jaccard, containment * 0.8)


@dataclass
class Match:
    petition: object
    score: float
    same_person: bool


def find_repeats(*, unit, names: list[str], content: str, exclude_pk=None, limit: int = 5):
    """Earlier petitions of ``unit`` that look like the same person or group with the same
    content, best first. Denouncers' sealed names are compared in memory, never stored in
    the clear."""
    from citizens.models import Petition

    candidates = Petition.objects.filter(unit=unit).prefetch_related("petitioners")
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    matches = []
    for other in candidates.order_by("-received_on")[:2000]:
        text_score = text_similarity(content, other.full_content())
        if text_score < TEXT_THRESHOLD:
            continue
        other_names = [p.identity.get("name", "") for p in other.petitioners.all()]
        same_person = any(
            name_similarity(a, b) >= NAME_THRESHOLD for a in names for b in other_names
        )
        anonymous = not names or not any(other_names)
        if same_person or (anonymous and text_score >= SAME_TEXT_THRESHOLD):
            matches.append(Match(other, round(text_score, 2), same_person))
    matches.sort(key=lambda m: (m.same_person, m.score), reverse=True)
    return matches[:limit]
