"""The public status lookup: receipt code + PIN, rate-limited, revealing nothing else.

Limits (Django's cache): at most ``IP_LIMIT`` failed attempts per client address and
``CODE_LIMIT`` per receipt code within ``WINDOW_SECONDS``; past either, every attempt is
refused (even a right PIN) until the window ends. An unknown code and a wrong PIN get the same
answer, so the page cannot be used to learn which codes exist.
"""

import hashlib

from django.core.cache import cache

from citizens.models import Petition
from citizens.services import hash_pin, pin_matches

IP_LIMIT = 10
CODE_LIMIT = 5
WINDOW_SECONDS = 15 * 60
_DUMMY_CODE = "DT-XXXX-XXXX"


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _keys(ip: str, code: str) -> tuple[str, str]:
    # Hashed: what a visitor types must not reach the cache key (length, spaces, Unicode).
    digest = hashlib.sha256(code.encode()).hexdigest()
    return f"citizens:lookup:ip:{ip}", f"citizens:lookup:code:{digest}"


def blocked(ip: str, code: str) -> bool:
    ip_key, code_key = _keys(ip, code)
    return cache.get(ip_key, 0) >= IP_LIMIT or cache.get(code_key, 0) >= CODE_LIMIT


def _fail(ip: str, code: str) -> None:
    for key in _keys(ip, code):
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)


def lookup(ip: str, code: str, pin: str) -> tuple[str, Petition | None]:
    """(``"ok"`` | ``"wrong"`` | ``"blocked"``, the petition when ok)."""
    code = (code or "").strip().upper()
    pin = (pin or "").strip()
    if blocked(ip, code):
        return "blocked", None
    petition = Petition.objects.filter(receipt_code=code).first()
    if petition is None:
        hash_pin(_DUMMY_CODE, pin)  # the same work either way
        _fail(ip, code)
        return "wrong", None
    if not pin_matches(petition, pin):
        _fail(ip, code)
        return "wrong", None
    return "ok", petition
