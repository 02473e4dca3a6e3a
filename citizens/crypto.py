"""Sealing identity data: Fernet with ``settings.DVCQ_IDENTITY_KEY`` (from the environment).

What is sealed is a JSON object (``{"name": ..., "address": ..., ...}``); the database and its
backups hold only the token, never the plaintext. Attachments are sealed the same way on disk.
"""

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
