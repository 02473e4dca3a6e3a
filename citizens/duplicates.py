"""Finding repeat and duplicate petitions at intake.

Names and text are folded (``dvcq.text.fold``: no diacritics, "Đ" → "d", lower case, single
spaces) and stripped of punctuation and common filler words, so "Nguyễn Văn Hòa" and
"NGUYEN VAN HOA" are the same name and "đề nghị xem xét cấp GCN QSDĐ cho thửa đất số 123"
is close to "Đề nghị cấp giấy chứng nhận QSDĐ thửa 123". Two petitions are a repeat when a
petitioner's name matches closely (≥ 0.85) and the content is similar (≥ 0.45), or, when
one of the two is anonymous, when the content is nearly the same (≥ 0.8).

Candidates are found by index, not by reading every earlier petition: each petitioner row
holds keyed hashes of its folded name (``name_keys``), so only the few petitions of the same
name (and the most recent anonymous ones) are decrypted and compared.

A match that involves a denunciation is a secret of that denunciation's handlers
(``visible_to``, ``may_link``): the intake service tells no one else, in any form, and
notifies the handlers instead.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Q

from citizens.crypto import keyed_hash
from dvcq.text import fold

NAME_THRESHOLD = 0.85
TEXT_THRESHOLD = 0.45
SAME_TEXT_THRESHOLD = 0.8
NAME_PURPOSE = "petitioner name"
MAX_CANDIDATES = 200  # petitions found by a name's hashes, most recent first
RECENT_WINDOW = 100  # recent (anonymous) petitions compared by content alone
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


def name_keys(name: str) -> tuple[str, str]:
    """The keyed hashes stored for a petitioner: of the whole folded name, and of its first
    and last words ("Nguyễn Hòa" finds "Nguyễn Văn Hòa")."""
    words = normalise_name(name).split()
    if not words:
        return "", ""
    short = f"{words[0]} {words[-1]}"
    return keyed_hash(NAME_PURPOSE, " ".join(words)), keyed_hash(NAME_PURPOSE, short)


def index_fields(name: str) -> dict:
    """The ``Petitioner`` columns that index ``name``."""
    full, short = name_keys(name)
    return {"name_key": full, "name_short_key": short}


def _candidate_ids(unit, names: list[str], exclude_pk) -> set[int]:
    """Earlier petitions worth decrypting: those with a petitioner whose name hashes equal
    one of ``names``' (by index), and the most recent anonymous ones (or, for an anonymous
    petition, the most recent ones of the unit), compared by content alone."""
    from citizens.models import Petition, Petitioner

    keys = {key for name in names for key in name_keys(name) if key}
    ids = set()
    if keys:
        same_name = Petitioner.objects.filter(petition__unit=unit).filter(
            Q(name_key__in=keys) | Q(name_short_key__in=keys)
        )
        ids.update(
            same_name.order_by("-petition__received_on").values_list("petition_id", flat=True)[
                :MAX_CANDIDATES
            ]
        )
    recent = Petition.objects.filter(unit=unit)
    if names:
        recent = recent.filter(anonymous=True)
    ids.update(recent.order_by("-received_on", "-id").values_list("pk", flat=True)[:RECENT_WINDOW])
    ids.discard(exclude_pk)
    return ids


def find_repeats(*, unit, names: list[str], content: str, exclude_pk=None, limit: int = 5):
    """Earlier petitions of ``unit`` that look like the same person or group with the same
    content, best first. Only the candidates found by index are decrypted; names are compared
    in memory, never stored in the clear. Who may learn of a match: ``visible_to``."""
    from citizens.models import Petition

    ids = _candidate_ids(unit, names, exclude_pk)
    candidates = Petition.objects.filter(pk__in=ids).prefetch_related("petitioners", "handlers")
    matches = []
    for other in candidates:
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
    matches.sort(key=lambda m: (m.same_person, m.score, m.petition.received_on), reverse=True)
    return matches[:limit]


def visible_to(actor, match: Match) -> bool:
    """May the clerk receiving the new petition (its handler) learn of ``match``? Not when
    the earlier petition is a denunciation they do not handle: the match would tell them
    who denounced (Luật Tố cáo Art 8(3))."""
    other = match.petition
    if not other.is_secret:
        return True
    return any(user.pk == actor.pk for user in other.handlers.all())


def may_link(new_is_secret: bool, other) -> bool:
    """May the new petition record ``repeat_of`` = ``other``? Only between two petitions
    that are both, or both not, denunciations: a link from a named petition to a
    denunciation (either way round) would tie a readable name to a denouncer for everyone
    who sees the case, its statistics or the API."""
    return new_is_secret == other.is_secret
