"""Recovery codes: ten single-use codes shown once at enrolment, for a lost phone.

A code may be typed with or without its dash and in either case; only its digest is kept.
"""

import hashlib
import re
import secrets

from django.db import transaction

from accounts.models import RecoveryCode, RecoveryCodes

COUNT = 10
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from paper
LOOKS_LIKE_CODE = re.compile(r"^[A-Za-z0-9]{4}(-?[A-Za-z0-9]{4}){3}$")


def normalise(token: str) -> str:
    return re.sub(r"[\s-]", "", str(token)).upper()


def digest(token: str) -> str:
    return hashlib.sha256(normalise(token).encode()).hexdigest()


def _new_code() -> str:
    """16 characters of a 32-letter alphabet: 80 random bits, so even the unsalted digest
    cannot be reversed by trying every code."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


@transaction.atomic
def regenerate(user) -> list[str]:
    """A fresh set of codes for ``user``; every earlier code stops working. The plain codes
    are returned once, to be shown to the user, and never stored."""
    device, _created = RecoveryCodes.objects.get_or_create(
        user=user, defaults={"name": "Mã dự phòng", "confirmed": True}
    )
    device.codes.all().delete()
    codes = [_new_code() for _ in range(COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(device=device, digest=digest(c)) for c in codes)
    return codes


def remaining(user) -> int:
    return RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).count()
