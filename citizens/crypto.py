"""Sealing identity data: Fernet with ``settings.DVCQ_IDENTITY_KEY`` (from the environment).

What is sealed is a JSON object (``{"name": ..., "address": ..., ...}``); the database and its
backups hold only the token, never the plaintext. Attachments are sealed the same way on disk.

``index_key`` derives, from the same key and a purpose label, a separate key for keyed hashes
(HMAC-SHA256) that let the database find equal values (a petitioner's folded name) without
holding them: without the identity key a hash cannot be tested against a guessed name.
"""

import hashlib
import hmac
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    return Fernet(settings.DVCQ_IDENTITY_KEY.encode())


def seal(data: dict) -> str:
    return _fernet().encrypt(json.dumps(data, ensure_ascii=False).encode()).decode()


def unseal(token: str) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken:
        return {}


def seal_bytes(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def unseal_bytes(token: bytes) -> bytes:
    return _fernet().decrypt(token)


def index_key(purpose: str) -> bytes:
    """A key for keyed hashes, distinct for each ``purpose`` and never the sealing key."""
    label = f"dvcq index key: {purpose}".encode()
    return hmac.new(settings.DVCQ_IDENTITY_KEY.encode(), label, hashlib.sha256).digest()


def keyed_hash(purpose: str, value: str) -> str:
    """HMAC-SHA256 of ``value`` under ``index_key(purpose)``, hex; "" for an empty value."""
    if not value:
        return ""
    return hmac.new(index_key(purpose), value.encode(), hashlib.sha256).hexdigest()
