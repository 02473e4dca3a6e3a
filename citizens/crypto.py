"""Sealing identity data: Fernet with ``settings.DVCQ_IDENTITY_KEY`` (from the environment).

What is sealed is a JSON object (``{"name": ..., "address": ..., ...}``); the database and its
backups hold only the token, never the plaintext. Attachments are sealed the same way on disk.

A sealed column is named ``sealed`` or ``sealed_<something>``: ``dvcq rotate-identity-key``
finds every such column by that name (and every sealed attachment), so a new sealed field
must follow it.

Key rotation: new tokens are always sealed with ``DVCQ_IDENTITY_KEY``; while the rotation
command re-seals the old ones, the retired keys in ``DVCQ_IDENTITY_KEY_OLD`` still open
them. Which key sealed a token is told by which key authenticates it (Fernet's HMAC), so a
re-sealed value is recognised and skipped when an interrupted rotation runs again.

``index_key`` derives, from the same key and a purpose label, a separate key for keyed hashes
(HMAC-SHA256) that let the database find equal values (a petitioner's folded name) without
holding them: without the identity key a hash cannot be tested against a guessed name.
"""

import hashlib
import hmac
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# The key of the demo and the tests only: it is public (it is in this repository), so the
# system check refuses it whenever DEBUG is off.
DEMO_KEY = "ZGVtby1vbmx5LWtleS1kby1ub3QtdXNlLWluLXByb2Q="
NEW_KEY_COMMAND = (
    'python3 -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


def key_problem(key: str) -> str | None:
    """Why ``key`` cannot seal identities, or ``None``."""
    if not key:
        return "missing"
    try:
        Fernet(key.encode())
    except ValueError:
        return "invalid"
    return None


def fernet_for(key: str) -> Fernet:
    if key_problem(key):
        raise ImproperlyConfigured(
            f"DVCQ_IDENTITY_KEY is {key_problem(key)}; make one with: {NEW_KEY_COMMAND}"
        )
    return Fernet(key.encode())


def _fernet() -> Fernet:
    return fernet_for(settings.DVCQ_IDENTITY_KEY)


def _ring() -> MultiFernet:
    """The current key first (it seals), then the retired ones (they only open)."""
    retired = [fernet_for(k) for k in getattr(settings, "DVCQ_IDENTITY_KEY_OLD", [])]
    return MultiFernet([_fernet(), *retired])


def seal(data: dict) -> str:
    return _fernet().encrypt(json.dumps(data, ensure_ascii=False).encode()).decode()


def unseal(token: str) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_ring().decrypt(token.encode()))
    except InvalidToken:
        return {}


def seal_bytes(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def unseal_bytes(token: bytes) -> bytes:
    return _ring().decrypt(token)


def index_key(purpose: str) -> bytes:
    """A key for keyed hashes, distinct for each ``purpose`` and never the sealing key."""
    label = f"dvcq index key: {purpose}".encode()
    return hmac.new(settings.DVCQ_IDENTITY_KEY.encode(), label, hashlib.sha256).digest()


def keyed_hash(purpose: str, value: str) -> str:
    """HMAC-SHA256 of ``value`` under ``index_key(purpose)``, hex; "" for an empty value."""
    if not value:
        return ""
    return hmac.new(index_key(purpose), value.encode(), hashlib.sha256).hexdigest()
