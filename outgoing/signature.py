"""The authority line of a signature block (Decree 30/2020, Appendix I, item 7a).

A collective body's document is signed "TM." (on its behalf) by its head and "KT." (for
the head) by a deputy; the signer's capacity decides it:

- head of a steering committee: ``TM. BAN CHỈ ĐẠO`` / ``TRƯỞNG BAN``
- deputy head: ``KT. TRƯỞNG BAN`` / ``PHÓ TRƯỞNG BAN``
- chairman of the People's Committee: ``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH``
- vice-chairman: ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``

Titles that already start with an authority prefix (TM., KT., Q., TL., TUQ.) are kept.
"""

AUTHORITY_PREFIXES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
AUTHORITY_FOR = {
    "TRƯỞNG BAN": "TM. BAN CHỈ ĐẠO",
    "PHÓ TRƯỞNG BAN": "KT. TRƯỞNG BAN",
    "CHỦ TỊCH": "TM. ỦY BAN NHÂN DÂN",
    "PHÓ CHỦ TỊCH": "KT. CHỦ TỊCH",
}


def with_authority(titles: list[str]) -> list[str]:
    """``titles`` with the authority line the first title calls for, when it has none."""
    lines = [t.strip() for t in titles if t.strip()]
    if not lines or lines[0].upper().startswith(AUTHORITY_PREFIXES):
        return lines
    authority = AUTHORITY_FOR.get(" ".join(lines[0].upper().split()))
    return [authority, *lines] if authority else lines
