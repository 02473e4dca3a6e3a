"""The 8-bit Vietnamese encodings of the font era, decoded to Unicode, and a score of how
much a text looks like Vietnamese, to tell which decoding of a file is the right one.

TCVN3 (ABC, the ".Vn…" fonts) gives each lower-case letter with its marks one byte and the
capitals Ă Â Ê Ô Ơ Ư Đ one byte each; capitals with a tone only exist in the heading fonts
(".VnTimeH"), which draw the lower-case codes as capitals.  VNI (the "VNI-…" fonts for
Windows) writes a vowel as its ASCII letter followed by a byte for the marks ("oä" is "ộ");
ơ, ư, đ and the i's with a tone have bytes of their own.  Both are read here through the
Windows-1252 code page, since that is how the bytes appear when the font is lost.
"""

import re
import unicodedata

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"

_TCVN3 = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
    **dict(zip(range(0xB5, 0xBA), "àảãáạ", strict=True)),
    **dict(zip(range(0xBB, 0xBF), "ằẳẵắ", strict=True)),
    0xC6: "ặ",
    **dict(zip(range(0xC7, 0xCC), "ầẩẫấậ", strict=True)),
    0xCC: "è",
    0xCE: "ẻ",
    0xCF: "ẽ",
    0xD0: "é",
    0xD1: "ẹ",
    **dict(zip(range(0xD2, 0xD7), "ềểễếệ", strict=True)),
    0xD7: "ì",
    0xD8: "ỉ",
    0xDC: "ĩ",
    0xDD: "í",
    0xDE: "ị",
    0xDF: "ò",
    0xE1: "ỏ",
    0xE2: "õ",
    0xE3: "ó",
    0xE4: "ọ",
    **dict(zip(range(0xE5, 0xEA), "ồổỗốộ", strict=True)),
    **dict(zip(range(0xEA, 0xEF), "ờởỡớợ", strict=True)),
    0xEF: "ù",
    0xF1: "ủ",
    0xF2: "ũ",
    0xF3: "ú",
    0xF4: "ụ",
    **dict(zip(range(0xF5, 0xFA), "ừửữứự", strict=True)),
    **dict(zip(range(0xFA, 0xFF), "ỳỷỹýỵ", strict=True)),
}

# VNI: characters that stand alone, and the mark bytes that follow a vowel.
_VNI_LETTERS = {
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "ñ": "đ",
    "Ñ": "Đ",
    "ì": "ì",
    "Ì": "Ì",
    "í": "í",
    "Í": "Í",
    "æ": "ỉ",
    "Æ": "Ỉ",
    "ó": "ĩ",
    "Ó": "Ĩ",
    "ò": "ị",
    "Ò": "Ị",
    "î": "ỵ",
    "Î": "Ỵ",
}
_VNI_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX = {
    "â": "",
    "á": _ACUTE,
    "à": _GRAVE,
    "å": _HOOK,
    "ã": _TILDE,
    "ä": _DOT,
}
_VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_CIRCUMFLEX_RE = re.compile(r"([aeoAEO])([âáàåãäÂÁÀÅÃÄ])")
_VNI_BREVE_RE = re.compile(r"([aA])([êéèúüëÊÉÈÚÜË])")
_VNI_TONE_RE = re.compile("([aeouyAEOUYơƠưƯ][\u0302\u0306]?)([ùøûõïÙØÛÕÏ])")
_VNI_LETTER_TABLE = str.maketrans(_VNI_LETTERS)

_CP1252_UNASSIGNED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_CP1252_TABLE = {
    byte: bytes([byte]).decode("cp1252")
    for byte in range(0x80, 0xA0)
    if byte not in _CP1252_UNASSIGNED
}
_TCVN3_TABLE = {**_CP1252_TABLE, **_TCVN3}

# A token is what lies between spaces and punctuation; in a wrong decoding it holds
# symbols such as "¸" or "§", which make it no word at all.
_TOKEN_RE = re.compile(r"[^\s\d.,;:!?()\[\]{}\"'“”‘’/\\|<>=+*&%#@_…–—-]+")
# The vowel groups of Vietnamese syllables, written without tone.
_NUCLEI = re.split(
    r"\s+",
    "iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ ươ ưa ưi ưu uy yê "
    "a ă â e ê i o ô ơ u ư y",
)
_SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    rf"(?:{'|'.join(_NUCLEI)})(?:ng|nh|ch|[cmnpt])?"
)
_BASE_MARKS = {_CIRCUMFLEX, _BREVE, "\u031b"}  # circumflex, breve, horn
_TONE_MARKS = {_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT}
_LETTERS = set("abcdefghijklmnopqrstuvwxyzăâêôơưđ")
_ABBREVIATION_LETTERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 bytes as Unicode.  Lines set in a heading font come out in capitals."""
    text = data.decode("latin-1").translate(_TCVN3_TABLE)
    return "\n".join(_heading_case(line) for line in text.split("\n"))


def decode_vni(data: bytes) -> str:
    """VNI bytes as Unicode (NFC)."""
    return compose_vni(data.decode("latin-1").translate(_CP1252_TABLE))


def compose_vni(text: str) -> str:
    """VNI text read as Windows-1252 characters ("Coäng hoøa") turned into Unicode."""
    text = _VNI_CIRCUMFLEX_RE.sub(
        lambda match: match[1] + _CIRCUMFLEX + _VNI_CIRCUMFLEX[match[2].lower()], text
    )
    text = _VNI_BREVE_RE.sub(lambda match: match[1] + _BREVE + _VNI_BREVE[match[2].lower()], text)
    text = text.translate(_VNI_LETTER_TABLE)
    text = _VNI_TONE_RE.sub(lambda match: match[1] + _VNI_TONES[match[2].lower()], text)
    return unicodedata.normalize("NFC", text)


def decode_cp1258(data: bytes) -> str:
    """Windows-1258: letters with the tone written as a separate combining mark."""
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


def vietnamese_score(text: str) -> float:
    """The share of the tokens of ``text`` that are Vietnamese syllables or plain ASCII
    words (abbreviations such as UBND); 0 when the text has no tokens."""
    tokens = _TOKEN_RE.findall(text)
    if not tokens:
        return 0.0
    good = sum(1 for token in tokens if _is_plain_word(token) or is_vietnamese_syllable(token))
    return good / len(tokens)


def is_vietnamese_syllable(word: str) -> bool:
    """True for one Vietnamese syllable ("nghiệp", "Đảng", "QUỐC"): Vietnamese letters,
    at most one tone mark, and the shape consonant + vowels + final."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [char for char in decomposed if char in _TONE_MARKS]
    if len(tones) > 1:
        return False
    if any(
        unicodedata.combining(char) and char not in _BASE_MARKS | _TONE_MARKS for char in decomposed
    ):
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return set(base) <= _LETTERS and bool(_SYLLABLE_RE.fullmatch(base))


def _is_plain_word(token: str) -> bool:
    """An ASCII word, or an abbreviation in capitals such as HĐND or QĐ."""
    return token.isalpha() and (token.isascii() or set(token) <= _ABBREVIATION_LETTERS)


def _heading_case(line: str) -> str:
    """Capitals set in a heading font come out as lower-case letters with their marks: a word
    mixing capitals with them ("TRìNH", "HO¹CH" → "HOạCH") is put in capitals, and so is a
    whole line whose ASCII letters are all capitals and that holds such a word."""
    words = re.split(r"(\s+)", line)
    mixed = [_is_mixed_capitals(word) for word in words]
    if not any(mixed):
        return line
    ascii_letters = [char for char in line if char.isascii() and char.isalpha()]
    if not any(char.islower() for char in ascii_letters):
        return line.upper()
    return "".join(
        word.upper() if found else word for word, found in zip(words, mixed, strict=True)
    )


def _is_mixed_capitals(word: str) -> bool:
    capitals = sum(1 for char in word if char.isascii() and char.isupper())
    if capitals < 2 or any(char.isascii() and char.islower() for char in word):
        return False
    return any(not char.isascii() and char.islower() for char in word)
