"""The public status lookup: receipt code + PIN, rate-limited, revealing nothing else.

Limits (``dvcq.counters``, shared by every app server process): at most ``IP_LIMIT``
failed attempts per client address and ``CODE_LIMIT`` per receipt code within
``WINDOW_SECONDS``; past either, every attempt is refused (even a right PIN) until the window
ends. Each attempt takes its number first (one atomic increment) and a right PIN gives it
back, so concurrent guesses in several processes cannot get past the limit. An unknown code
and a wrong PIN get the same answer, so the page cannot be used to learn which codes exist.
"""

import hashlib

from citizens.models import Petition
from citizens.services import hash_pin, pin_matches
from dvcq import counters

IP_LIMIT = 10
CODE_LIMIT = 5
WINDOW_SECONDS = 15 * 60
_DUMMY_CODE = "DT-XXXX-XXXX"


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _keys(ip: str, code: str) -> tuple[str, str]:
    # Hashed: what a visitor types must not reach the counter key (length, spaces, Unicode).
    digest = hashlib.sha256(code.encode()).hexdigest()
    return f"citizens:lookup:ip:{ip}", f"citizens:lookup:code:{digest}"


def blocked(ip: str, code: str) -> bool:
    ip_key, code_key = _keys(ip, code)
    return counters.current(ip_key) >= IP_LIMIT or counters.current(code_key) >= CODE_LIMIT


def _take_turn(ip: str, code: str) -> bool:
    """Count this attempt against both limits; may it go on?"""
    ip_key, code_key = _keys(ip, code)
    ip_hit = counters.hit(ip_key, WINDOW_SECONDS)
    code_hit = counters.hit(code_key, WINDOW_SECONDS)
    return ip_hit.count <= IP_LIMIT and code_hit.count <= CODE_LIMIT


def _give_back(ip: str, code: str) -> None:
    for key in _keys(ip, code):
        counters.take_back(key)


def lookup(ip: str, code: str, pin: str) -> tuple[str, Petition | None]:
    """(``"ok"`` | ``"wrong"`` | ``"blocked"``, the petition when ok)."""
    code = (code or "").strip().upper()
    pin = (pin or "").strip()
    if blocked(ip, code) or not _take_turn(ip, code):
        return "blocked", None
    petition = Petition.objects.filter(receipt_code=code).first()
    if petition is None:
        hash_pin(_DUMMY_CODE, pin)  # the same work either way
        return "wrong", None
    if not pin_matches(petition, pin):
        return "wrong", None
    _give_back(ip, code)
    return "ok", petition
