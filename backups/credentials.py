"""Live credentials kept out of a backup's database.

Whoever holds a copy of a backup must not be able to log in with it:

- sessions (``django_session``) are left out: a copied session cookie would be a login;
- the TOTP secrets and the recovery codes' digests are taken out of the database copy and
  written to ``credentials.sealed``, sealed with the identity key (``DVCQ_IDENTITY_KEY``,
  kept apart from the backups), so a restore still lets users in with their phones;
- API token secrets and passwords are only stored hashed, and stay so.
"""

import json
import sqlite3
from pathlib import Path

from cryptography.fernet import InvalidToken
from django.contrib.sessions.models import Session
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RecoveryCode
from citizens import crypto

FILE = "credentials.sealed"
LEFT_OUT = [Session]  # no rows at all in a backup
SEALED = [TOTPDevice, RecoveryCode]  # rows only in ``credentials.sealed``


def tables_without_data() -> list[str]:
    return [model._meta.db_table for model in [*LEFT_OUT, *SEALED]]


def _rows(cursor, model) -> list[dict]:
    table = connection.ops.quote_name(model._meta.db_table)
    cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 -- the name is a model's table
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _sealed(rows: dict) -> bytes:
    text = json.dumps(rows, default=str, ensure_ascii=False, sort_keys=True)
    return crypto.seal_bytes(text.encode())


def take_from_sqlite(path: Path, folder: Path) -> dict[str, int]:
    """Move the credentials out of the SQLite copy at ``path`` (rows deleted, the file
    vacuumed so no freed page keeps them) into ``folder/credentials.sealed``; the number
    of rows sealed per model."""
    db = sqlite3.connect(path)
    try:
        cursor = db.cursor()
        tables = {r[0] for r in cursor.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rows = {m._meta.label: _rows(cursor, m) for m in SEALED if m._meta.db_table in tables}
        for model in [*LEFT_OUT, *SEALED]:
            if model._meta.db_table in tables:
                cursor.execute(f'DELETE FROM "{model._meta.db_table}"')  # noqa: S608
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    (folder / FILE).write_bytes(_sealed(rows))
    return {label: len(items) for label, items in rows.items()}


def take_from_postgresql(folder: Path) -> dict[str, int]:
    """Read the credentials in the current (snapshot) transaction into
    ``folder/credentials.sealed``; pg_dump is told to leave their tables' data out."""
    with connection.cursor() as cursor:
        rows = {m._meta.label: _rows(cursor, m) for m in SEALED}
    (folder / FILE).write_bytes(_sealed(rows))
    return {label: len(items) for label, items in rows.items()}


def read(folder: Path) -> dict | None:
    """The sealed credentials of a backup (``None`` for a backup made before they were
    sealed); refuses, before anything is restored, when the identity key cannot open them."""
    path = folder / FILE
    if not path.is_file():
        return None
    try:
        return json.loads(crypto.unseal_bytes(path.read_bytes()))
    except (InvalidToken, ValueError) as exc:
        from backups.archive import BackupError

        raise BackupError(
            _(
                "Không mở được %(file)s: DVCQ_IDENTITY_KEY hiện tại không phải khoá đã dùng khi "
                "sao lưu (đặt khoá cũ vào DVCQ_IDENTITY_KEY_OLD). Chưa thay đổi gì."
            )
            % {"file": FILE}
        ) from exc


@transaction.atomic
def put_back(rows: dict | None) -> None:
    """Insert the unsealed rows into the restored database (their tables are empty)."""
    if not rows:
        return
    for model in SEALED:
        items = rows.get(model._meta.label, [])
        model._base_manager.all().delete()
        model._base_manager.bulk_create(model(**item) for item in items)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), SEALED):
            cursor.execute(sql)
