"""Text clean-up and small predicates on Vietnamese lines, shared by the readers."""

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Old tone placement ("hoà", "uỷ") folded onto the new one ("hòa", "ủy") for comparisons.
_OLD_TONES = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
# Only an open syllable has two spellings ("hoà"/"hòa", but always "hoàn"), and after "q"
# the "u" belongs to the consonant ("quý").
_OLD_TONE_RE = re.compile("(?<!q)(?:" + "|".join(_OLD_TONES) + r")(?!\w)")

_VOWELS = "aăâeêioôơuưy"
_SYLLABLE_RE = re.compile(
    rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[{_VOWELS}]+(?:ng|nh|ch|[cmnpt])?"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def normalize_text(text: str) -> str:
    """NFC, no invisible characters, ``\\n`` line ends."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_line(line: str) -> str:
    """One line with runs of spaces collapsed; separator lines (``-----``, ``|``) become empty."""
    line = _SPACES.sub(" ", line).strip()
    if not any(char.isalnum() for char in line):
        return ""
    return line


def split_lines(text: str) -> list[str]:
    return [clean_line(line) for line in normalize_text(text).split("\n")]


def fold(text: str) -> str:
    """Lower case with the old tone placement unified, for comparing words."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return _OLD_TONE_RE.sub(lambda match: _OLD_TONES[match.group(0)], folded)


def is_upper_line(text: str) -> bool:
    """True for a line written in capitals, such as ``UBND XÃ HƯNG CHÍNH``."""
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def starts_lower(text: str) -> bool:
    return bool(text) and text[0].isalpha() and text[0].islower()


def is_name_line(text: str) -> bool:
    """True for a person's name such as ``Nguyễn Hồng Quang``."""
    words = text.split()
    if not 2 <= len(words) <= 6:
        return False
    return all(
        word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower())
        for word in words
    )


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral written in capitals, or None if it is not one."""
    if not numeral or any(char not in _ROMAN for char in numeral):
        return None
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN[char]
        following = _ROMAN[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if to_roman(total) == numeral else None


def to_roman(value: int) -> str:
    parts = []
    for number, numeral in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            parts.append(numeral)
            value -= number
    return "".join(parts)


def sentence_case(text: str) -> str:
    """``NHIỆM VỤ CỤ THỂ`` → ``Nhiệm vụ cụ thể``; acronyms (UBND, HĐND) and Roman numerals
    stay in capitals."""
    words: list[str] = []
    for word in text.split(" "):
        bare = "".join(char for char in word if char.isalpha())
        # "PHẠM VI" is a word, "KHÓA VI" a numeral: a Roman numeral that is also a syllable
        # stays in capitals only after a word that numbers ("khóa", "lần", "quý", …)
        numbered = not _is_syllable(bare) or _numbers_next(words)
        if bare and ((roman_value(bare) and numbered) or not _is_syllable(bare)):
            words.append(word)
        else:
            words.append(word.lower())
    result = " ".join(words)
    return result[:1].upper() + result[1:]


_NUMBERING_WORDS = {"khóa", "khoá", "lần", "quý", "thứ", "phần", "chương", "mục", "đợt", "kỳ"}


def _numbers_next(words: list[str]) -> bool:
    return bool(words) and words[-1].lower().strip(",.:;(") in _NUMBERING_WORDS


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bool(_SYLLABLE_RE.fullmatch(base))


def shorten(text: str, limit: int = 60) -> str:
    """The beginning of a text, for warnings."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
