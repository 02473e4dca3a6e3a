"""Numbered documents that a text cites, such as "Chỉ thị số 33/CT-TTg ngày 26/11/2021 của
Thủ tướng Chính phủ", read however they are written ("Kế hoạch 209 KH/TU",
"Quyết định số 23-QĐ/TW", "Luật ... số 85/2015/QH13")."""

import re
from datetime import date

from .reading import Citation
from .textnorm import fold

# Canonical kind names; the text may write them in any case ("chỉ thị", "CHỈ THỊ").
KINDS = [
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Thông tư",
    "Kế hoạch",
    "Kết luận",
    "Quy chế",
    "Quy định",
    "Đề án",
    "Hướng dẫn",
    "Công văn",
    "Công điện",
    "Văn bản",
    "Thông báo",
    "Thông tri",
    "Chương trình",
    "Báo cáo",
    "Tờ trình",
    "Điều lệ",
]
_KIND_BY_FOLD = {fold(kind): kind for kind in KINDS}
_KIND_ALT = "|".join(re.escape(kind) for kind in sorted(KINDS, key=len, reverse=True))
_KIND = rf"(?i:{_KIND_ALT})(?!\w)"

# kind, then either the identifier right away ("Nghị quyết 25/NQ-TW") or a few words
# ending in "số" ("Quy chế phối hợp số 01-QCPH/...", "Luật Bầu cử ... số 85/2015/QH13").
# The word "số" may carry a colon ("Kế hoạch số: 58/KH-HĐND") or lose its accent in a typo
# ("Kết luận so 80-KL/TW"); a symbol may join its parts with "&" ("PTTH&TTĐT") or keep a
# stray space after a dash ("118/TTr- STTTT").
_SO = r"(?:(?i:số)\s*:?\s*|(?i:so)\s+|(?i:số):?\s*)"
_IDENTIFIER = (
    r"(?P<number>\d{1,5}[a-zđ]?)(?:/(?P<year>(?:19|20)\d{2}))?"
    r"(?P<sep>\s*[-/]\s*|\s+)"
    r"(?P<symbol>[^\W\d_]\w*(?:(?:[./&]|-\s?)\w+)*)"
)
_CITATION_RE = re.compile(
    rf"(?<!\w)(?P<kind>(?i:{_KIND_ALT}))(?:(?!\w)|(?=(?i:số|so)[\s:]))"
    rf"(?P<gap>(?:\s+(?!{_KIND})[^\s\d;:,.()“”\"/]+){{0,16}}?\s*{_SO}+|\s+)" + _IDENTIFIER
)
# "các Quyết định … số: 1521/QĐ-TTg ngày …; 21/2021/QĐ-TTg ngày …": one kind word shared by
# the identifiers listed after the first
_LISTED_RE = re.compile(
    r"\s*(?:[;,]\s*(?:(?i:và)\s+)?|\s+(?i:và)\s+)(?:(?i:số)\s*:?\s*)?" + _IDENTIFIER
)
# "Quyết định số 217, số 218-QĐ/TW", "Quyết định số 217 và 218-QĐ/TW": a bare number shares
# the symbol of the identifier after it
_SHARED_SYMBOL_RE = re.compile(
    rf"(?<!\w)(?P<kind>(?i:{_KIND_ALT}))\s+(?:(?i:số)\s*:?\s*)?(?P<bare>\d{{1,5}}[a-zđ]?)"
    r"\s*(?:,|(?i:và))\s*(?:(?i:số)\s*:?\s*)?(?=\d{1,5}[a-zđ]?\s*[-/]\s*[^\W\d_])"
)
_IDENTIFIER_RE = re.compile(_IDENTIFIER)
_STRAY_SPACE_RE = re.compile(r"-\s(?P<after>\w+)")
_DATE_RE = re.compile(
    r"(?P<pre>[^\n]{0,40}?)(?i:ngày)\s*(?P<d>\d{1,2})\s*(?:[/.-]|\s+(?i:tháng)\s+)\s*"
    r"(?P<m>\d{1,2})\s*(?:[/.-]|\s+(?i:năm)\s+)\s*(?P<y>\d{4})"
)
_ISSUER_START_RE = re.compile(r"[\s,]*(?:của|giữa)\s+")
_ISSUER_END_RE = re.compile(r"[\n;:()“”\"!?,|]|\.(?:\s|$)")
_NOT_BEFORE_DATE = {"về", "của", "và", "giữa", "theo", "tại", "với", "để", "nhằm", "trong"}
_ISSUER_STOPS = [
    ("về",),
    ("ban", "hành"),
    ("phê", "duyệt"),
    ("quy", "định"),
    ("hướng", "dẫn"),
    ("triển", "khai"),
    ("kèm", "theo"),
    ("nhằm",),
    ("tại",),
    ("đối", "với"),
    ("trong",),
    ("theo",),
    ("đã",),
    ("được",),
    ("gửi",),
]
_MAX_ISSUER_WORDS = 15
_ISSUER_WINDOW = 300  # characters; an issuer is a few words


def citation_key(kind: str, number: str, symbol: str, number_year: int | None) -> tuple:
    """Two citations name the same document when their keys are equal: kind and number match,
    and the symbols match after folding case and removing ``-``, ``/``, ``.`` and spaces."""
    folded_symbol = re.sub(r"[-/.\s]", "", fold(symbol))
    folded_number = number.lstrip("0") or "0"
    return (fold(kind), folded_number.casefold(), folded_symbol, number_year)


def extract_citations(text: str) -> list[Citation]:
    """Every distinct cited document, in order of first appearance.  Mentions of one document
    under two spellings (symbol parts in another order, a joint symbol shortened on second
    mention) are one citation; the other spellings are kept as its aliases."""
    mentions: list[tuple[Citation, int, int]] = []
    for match in _CITATION_RE.finditer(text):
        mentions.extend(_read_listed(match, text))
    mentions.extend(_shared_symbols(text))
    mentions.sort(key=lambda mention: mention[1])
    _share_trailers(mentions, text)
    distinct: list[Citation] = []
    by_number: dict[tuple[str, str], list[Citation]] = {}
    for citation, _start, _end in mentions:
        group = by_number.setdefault((fold(citation.kind), _number(citation)), [])
        known = next((seen for seen in group if same_document(seen, citation)), None)
        if known is None:
            distinct.append(citation)
            group.append(citation)
            continue
        known.date = known.date or citation.date
        known.issuer = known.issuer or citation.issuer
        spelling = citation.identifier()
        if _folded(spelling) != _folded(known.identifier()) and spelling not in known.aliases:
            known.aliases.append(spelling)
    return distinct


def _shared_symbols(text: str) -> list[tuple[Citation, int, int]]:
    """The bare numbers that borrow the symbol of the identifier listed after them."""
    found = []
    for match in _SHARED_SYMBOL_RE.finditer(text):
        following = _IDENTIFIER_RE.match(text, match.end())
        if following is None:
            continue
        lender = _read_one(match, following, text)
        if lender is None:
            continue
        citation, _start, _end = lender
        borrowed = Citation(
            kind=citation.kind,
            number=match.group("bare"),
            number_year=citation.number_year,
            symbol=citation.symbol,
            date=citation.date,
            issuer=citation.issuer,
        )
        found.append((borrowed, match.start(), match.end()))
        found.append(lender)  # found again by the list reader when a kind precedes it
    return found


def same_document(first: Citation, second: Citation) -> bool:
    """Same kind and number, and compatible symbols: equal after folding, the same parts in
    another order ("KH-MTTQ-BTT" and "KH-BTT-MTTQ"), or one the start of the other
    ("NQLT" and "NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN")."""
    if citation_key(first.kind, first.number, first.symbol, first.number_year) == citation_key(
        second.kind, second.number, second.symbol, second.number_year
    ):
        return True
    if fold(first.kind) != fold(second.kind):
        return False
    if _number(first) != _number(second):
        return False
    if first.number_year and second.number_year and first.number_year != second.number_year:
        return False
    one, other = _symbol_parts(first.symbol), _symbol_parts(second.symbol)
    if sorted(one) == sorted(other):
        return True
    shorter, longer = sorted((one, other), key=len)
    return bool(shorter) and longer[: len(shorter)] == shorter


def _number(citation: Citation) -> str:
    return (citation.number.lstrip("0") or "0").casefold()


def _symbol_parts(symbol: str) -> list[str]:
    return [part for part in re.split(r"[-/.&\s]+", fold(symbol)) if part]


def _folded(identifier: str) -> str:
    return re.sub(r"[-/.\s]", "", fold(identifier))


def _read_listed(match: re.Match, text: str) -> list[tuple[Citation, int, int]]:
    """The mention ``match`` found, then the identifiers listed after it under its kind."""
    found = _read_one(match, match, text)
    if found is None:
        return []
    mentions = [found]
    while True:
        citation, _start, end = mentions[-1]
        listed = _LISTED_RE.match(text, max(citation.trailer_end, end))
        if listed is None or (following := _read_one(match, listed, text)) is None:
            return mentions
        mentions.append(following)


def _read_one(kind: re.Match, match: re.Match, text: str) -> tuple[Citation, int, int] | None:
    symbol = _STRAY_SPACE_RE.sub(_join_stray, match.group("symbol"))
    symbol = re.split(r"-\s", symbol, maxsplit=1)[0].rstrip(".-/&")
    if not symbol or not symbol[0].isupper():
        return None
    if not match.group("sep").strip() and not re.search(r"[-/]", symbol):
        return None
    citation = Citation(
        kind=_KIND_BY_FOLD[fold(kind.group("kind"))],
        number=match.group("number"),
        number_year=int(match.group("year")) if match.group("year") else None,
        symbol=symbol,
    )
    end = match.start("symbol") + _written_length(match.group("symbol"), symbol)
    citation.date, citation.issuer, citation.trailer_end = _read_trailer(text, end)
    return citation, match.start(), end


def _join_stray(match: re.Match) -> str:
    """ "TTr- STTTT": a space after a dash, before a symbol part in capitals, is a typo."""
    after = match.group("after")
    return f"-{after}" if after.isupper() else match.group(0)


def _written_length(written: str, symbol: str) -> int:
    """How many characters of the text the (mended) symbol covers."""
    length, kept = 0, 0
    while kept < len(symbol) and length < len(written):
        if written[length] == symbol[kept]:
            kept += 1
        length += 1
    return length


def _read_trailer(text: str, position: int) -> tuple[date | None, str | None, int]:
    """The date and issuer written after an identifier: "ngày 8/12/2021 của UBND tỉnh";
    and where they end."""
    found_date, position = _read_date(text, position)
    issuer, after_issuer = _read_issuer(text, position)
    end = after_issuer if issuer is not None else position
    if found_date is None and issuer is not None:
        found_date, end = _read_date(text, after_issuer)
    return found_date, issuer, end


def _read_date(text: str, position: int) -> tuple[date | None, int]:
    match = _DATE_RE.match(text, position)
    if not match:
        return None, position
    pre = match.group("pre").strip(" ,")
    words = pre.split()
    if len(words) > 3 or any(fold(word) in _NOT_BEFORE_DATE for word in words):
        return None, position
    if re.search(r"[;:()“”\"]", pre) or re.search(_KIND, pre):
        return None, position
    try:
        found = date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None, position
    return found, match.end()


def _read_issuer(text: str, position: int) -> tuple[str | None, int]:
    start = _ISSUER_START_RE.match(text, position)
    if not start:
        return None, position
    rest = text[start.end() : start.end() + _ISSUER_WINDOW]
    stop = _ISSUER_END_RE.search(rest)
    words = (rest[: stop.start()] if stop else rest).split()
    kept: list[str] = []
    for index, word in enumerate(words):
        if _stops_issuer(words, index, kept):
            break
        kept.append(word)
    if not kept or not kept[0][0].isupper() or len(kept) > _MAX_ISSUER_WORDS:
        return None, position
    last_word = list(re.finditer(r"\S+", rest))[len(kept) - 1]
    return " ".join(kept), start.end() + last_word.end()


def _stops_issuer(words: list[str], index: int, kept: list[str]) -> bool:
    folded = [fold(word) for word in words[index : index + 2]]
    for stop in _ISSUER_STOPS:
        if tuple(folded[: len(stop)]) == stop:
            return True
    if folded[0] == "thực" and folded[1:] == ["hiện"]:
        return not kept or fold(kept[-1]) not in {"ban", "đạo"}
    if folded[0] in {"ngày", "năm"} and index + 1 < len(words) and words[index + 1][0].isdigit():
        return True
    if folded[0] == "và":
        rest = " ".join(words[index + 1 :])
        return not rest[:1].isupper() or bool(re.match(_KIND, rest))
    return bool(re.match(_KIND, " ".join(words[index:])))


def _share_trailers(mentions: list[tuple[Citation, int, int]], text: str) -> None:
    """ "Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị":
    a citation with no date or issuer of its own, followed at once by another one of the same
    kind, shares them.
    """
    for index in range(len(mentions) - 2, -1, -1):
        citation, _start, end = mentions[index]
        following, next_start, _end = mentions[index + 1]
        if citation.date or citation.issuer or citation.kind != following.kind:
            continue
        between = text[end:next_start]
        if re.fullmatch(r"[\s,]*(?:và|,|;)?\s*", between):
            citation.date, citation.issuer = following.date, following.issuer
