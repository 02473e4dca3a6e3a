"""Backup and restore of a whole installation: the database and the stored files.

A backup is a folder::

    manifest.json            format, engine, time, record counts per model, SHA-256 of files,
                             where the uploads came from (``evidence_storage``)
    database.sqlite3         SQLite: a copy made with the online backup API
    database.dump            PostgreSQL: ``pg_dump --format=custom``
    files/<root>/...         every stored-file root (evidence, pending imports)
    credentials.sealed       TOTP secrets and recovery-code digests, sealed with the
                             identity key (``backups.credentials``); sessions are left out

Every folder is created 0700 and every file 0600: a backup holds denouncers' sealed
identities and every user's password hash.

The uploads (``files/evidence``) are every file of the storage ``STORAGES["evidence"]``:
the folder ``EVIDENCE_ROOT`` (``"evidence_storage": "local"``, also assumed when a manifest
says nothing), or every object of the S3-compatible bucket under its key prefix
(``"s3"``), downloaded with the storage's own boto3 bucket. The layout is the same either
way, so checksums cover both and a backup of one kind restores into the other.

``restore`` refuses a backup holding a symbolic link, a special file, or a manifest path
outside its folder (absolute, ``..``), and checks every checksum and opens the sealed
credentials before it changes anything; puts the database back
(``Connection.backup`` for SQLite, ``pg_restore --clean --single-transaction`` then
``VACUUM (ANALYZE)`` for PostgreSQL), swaps the file folders in (with S3: uploads every file
of the backup under its exact name, then deletes the objects under the prefix that the
backup does not hold, so the bucket ends up identical to the backup), then compares the
record counts with the manifest.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, connections, transaction
from django.utils.translation import gettext as _

from backups import credentials
from dvcq.planner import refresh_planner_statistics
from dvcq.storage import ALIAS as EVIDENCE_ALIAS

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


def evidence_storage():
    """The storage every upload goes through (``STORAGES["evidence"]``)."""
    return storages[EVIDENCE_ALIAS]


def evidence_is_local() -> bool:
    """Whether the uploads are the folder ``EVIDENCE_ROOT`` (else a bucket)."""
    return isinstance(evidence_storage(), FileSystemStorage)


def file_roots() -> dict[str, Path]:
    """Every local folder whose files belong to the data: uploads kept by the app (the
    evidence folder only while it is where the uploads are stored)."""
    roots = {"imports": Path(settings.DATA_DIR) / "imports"}
    if evidence_is_local():
        roots["evidence"] = Path(settings.EVIDENCE_ROOT)
    return dict(sorted(roots.items()))


class _Bucket:
    """The evidence bucket under its key prefix, read and written with the storage's own
    boto3 resource; every failure of the object store becomes a :class:`BackupError`."""

    def __init__(self):
        self.storage = evidence_storage()
        location = str(self.storage.location or "").strip("/")
        self.prefix = f"{location}/" if location else ""

    def _failed(self, exc: Exception) -> BackupError:
        return BackupError(
            _("Không làm việc được với kho S3 %(bucket)s: %(err)s")
            % {"bucket": self.storage.bucket_name, "err": exc}
        )

    def _errors(self):
        from boto3.exceptions import Boto3Error
        from botocore.exceptions import BotoCoreError, ClientError

        return (Boto3Error, BotoCoreError, ClientError)

    def keys(self, limit: int | None = None) -> list[str]:
        """Every object key under the prefix (at most ``limit``)."""
        try:
            found = self.storage.bucket.objects.filter(Prefix=self.prefix)
            if limit is not None:
                found = found.limit(limit)
            return [item.key for item in found]
        except self._errors() as exc:
            raise self._failed(exc) from exc

    def name(self, key: str) -> str:
        """The storage name of ``key``; refuses one that is not a plain relative path."""
        name = key[len(self.prefix) :]
        parts = name.split("/")
        if not name or any(part in ("", ".", "..") for part in parts) or "\\" in name:
            raise BackupError(
                _("Kho S3 có đối tượng tên lạ %s, không sao lưu được thành tệp.") % key
            )
        return name

    def download(self, target: Path) -> None:
        """Every object under the prefix into ``target``/<name> (a folder marker, a key
        ending in ``/``, holds no data and is skipped)."""
        target.mkdir(parents=True, exist_ok=True)
        for key in self.keys():
            if key.endswith("/"):
                continue
            path = target / self.name(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self.storage.bucket.download_file(key, str(path))
            except self._errors() as exc:
                raise self._failed(exc) from exc
            except OSError as exc:  # e.g. both "a" and "a/b" exist as keys
                raise BackupError(
                    _("Không ghi được đối tượng %(key)s của kho S3 thành tệp: %(err)s")
                    % {"key": key, "err": exc}
                ) from exc

    def replace_with(self, source: Path | None) -> None:
        """Make the prefix hold exactly the files of ``source``: each uploaded under its
        exact name (an object of that name is overwritten, never renamed), then every other
        object under the prefix deleted."""
        wanted = set()
        files = sorted(p for p in source.rglob("*") if p.is_file()) if source else []
        try:
            for path in files:
                name = path.relative_to(source).as_posix()
                with path.open("rb") as handle:
                    # ``_save``, not ``save``: no free-name search, the name stays as it is.
                    saved = self.storage._save(name, File(handle, name=path.name))
                wanted.add(self.storage._normalize_name(saved))
            stray = [key for key in self.keys() if key not in wanted]
            for start in range(0, len(stray), 1000):
                answer = self.storage.bucket.delete_objects(
                    Delete={"Objects": [{"Key": key} for key in stray[start : start + 1000]]}
                )
                if answer.get("Errors"):
                    error = answer["Errors"][0]
                    raise BackupError(
                        _("Không xoá được đối tượng %(key)s khỏi kho S3: %(err)s")
                        % {"key": error.get("Key"), "err": error.get("Message")}
                    )
        except self._errors() as exc:
            raise self._failed(exc) from exc


def engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(_("Không hỗ trợ sao lưu cơ sở dữ liệu loại %s.") % vendor)
    return vendor


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _models(tables: set[str] | None = None):
    """Django's managed models; with ``tables``, only those whose table exists there."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.swapped
        and (tables is None or model._meta.db_table in tables)
    ]


def count_records(using: str = "default") -> dict[str, int]:
    """``{"app_label.Model": rows}`` for every table Django manages."""
    tables = set(connections[using].introspection.table_names())
    return {
        model._meta.label: model._base_manager.using(using).count() for model in _models(tables)
    }


def _sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {
            model._meta.label: db.execute(
                f'SELECT COUNT(*) FROM "{model._meta.db_table}"'  # noqa: S608 -- names from models
            ).fetchone()[0]
            for model in _models(tables)
        }


def _pg_env() -> dict[str, str]:
    params = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if params.get(key):
            env[var] = str(params[key])
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    env["PGDATABASE"] = params["NAME"]
    return env


def _run(command: list[str]) -> None:
    binary = shutil.which(command[0])
    if binary is None:
        raise BackupError(
            _("Không tìm thấy chương trình %s (cài gói postgresql-client).") % command[0]
        )
    done = subprocess.run(  # noqa: S603 -- fixed program, arguments from settings
        [binary, *command[1:]], env=_pg_env(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(
            _("%(cmd)s thất bại: %(err)s") % {"cmd": command[0], "err": done.stderr.strip()}
        )


def _dump_database(folder: Path) -> tuple[str, dict[str, int]]:
    """Copy the database into ``folder``; the record counts of exactly what was copied."""
    if engine() == "sqlite":
        target = folder / SQLITE_FILE
        source = sqlite3.connect(connection.settings_dict["NAME"])
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
            # A self-contained file: no -wal/-shm companions appear when it is opened.
            destination.execute("PRAGMA journal_mode=DELETE")
        finally:
            destination.close()
            source.close()
        sealed = credentials.take_from_sqlite(target, folder)
        return SQLITE_FILE, {**_sqlite_counts(target), **sealed}
    # PostgreSQL: count inside a repeatable-read snapshot and let pg_dump read that snapshot.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = count_records()
        counts.update(credentials.take_from_postgresql(folder))
        for model in credentials.LEFT_OUT:
            counts[model._meta.label] = 0
        left_out = [f"--exclude-table-data={t}" for t in credentials.tables_without_data()]
        _run(
            [
                "pg_dump",
                "--format=custom",
                f"--snapshot={snapshot}",
                *left_out,
                f"--file={folder / PG_FILE}",
            ]
        )
    return PG_FILE, counts


def _copy_files(folder: Path) -> None:
    for name, root in file_roots().items():
        if root.is_dir():
            shutil.copytree(root, folder / "files" / name, symlinks=False)
    if not evidence_is_local():
        _Bucket().download(folder / "files" / "evidence")


def create_backup(output: Path) -> dict:
    """Write a backup of the database and the stored files into ``output`` (new or empty)."""
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise BackupError(
            _("Thư mục %s đã có dữ liệu; hãy chọn một thư mục mới hoặc trống.") % output
        )
    output.mkdir(parents=True, exist_ok=True)
    output.chmod(0o700)
    umask = os.umask(0o077)  # pg_dump and every file written here: owner only
    try:
        database_file, counts = _dump_database(output)
        _copy_files(output)
    except BaseException:
        shutil.rmtree(output, ignore_errors=True)
        raise
    finally:
        os.umask(umask)
    _owner_only(output)
    files = {
        path.relative_to(output).as_posix(): {"sha256": sha256(path), "size": path.stat().st_size}
        for path in sorted(output.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    manifest = {
        "format": FORMAT,
        "engine": engine(),
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database_file": database_file,
        "roots": sorted(
            name for name in ("evidence", "imports") if (output / "files" / name).is_dir()
        ),
        "evidence_storage": "local" if evidence_is_local() else "s3",
        "credentials": credentials.FILE,
        "counts": counts,
        "files": files,
    }
    (output / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    (output / MANIFEST).chmod(0o600)
    return manifest


def _owner_only(folder: Path) -> None:
    """Folders 0700, files 0600 (copied uploads keep their source's mode otherwise)."""
    for root, dirs, files in os.walk(folder):
        Path(root).chmod(0o700)
        for name in dirs:
            (Path(root) / name).chmod(0o700)
        for name in files:
            (Path(root) / name).chmod(0o600)


def verify_backup(folder: Path) -> dict:
    """The manifest, once every file it lists is present and unchanged."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        listed = manifest["files"]
        manifest["database_file"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(
            _("Không đọc được %(file)s trong %(folder)s: đây không phải bản sao lưu hợp lệ.")
            % {"file": MANIFEST, "folder": folder}
        ) from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Bản sao lưu có định dạng %s, phiên bản này không đọc được.") % manifest.get("format")
        )
    _refuse_unsafe_entries(folder, manifest)
    bad = []
    for name, meta in listed.items():
        path = folder / name
        if (
            not path.is_file()
            or path.stat().st_size != meta["size"]
            or sha256(path) != meta["sha256"]
        ):
            bad.append(name)
    actual = {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name != MANIFEST
    }
    bad.extend(sorted(actual - set(listed)))
    if bad:
        raise BackupError(
            _(
                "Bản sao lưu bị hỏng hoặc đã bị sửa (%(n)d tệp không khớp mã kiểm tra, "
                "ví dụ: %(first)s). Chưa thay đổi gì."
            )
            % {"n": len(bad), "first": bad[0]}
        )
    return manifest


def _unsafe_name(name) -> bool:
    """Whether a manifest path could point outside the backup folder."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        return True
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return True
    return any(part in ("", ".", "..") for part in name.split("/"))


def _refuse_unsafe_entries(folder: Path, manifest: dict) -> None:
    """A crafted backup must not make restore read or write outside its folder: refuse any
    symbolic link or special file inside it, and any manifest path that is absolute or
    climbs out (``..``), before any checksum is even computed."""
    listed = manifest["files"]
    if not isinstance(listed, dict) or not all(
        isinstance(meta, dict)
        and isinstance(meta.get("size"), int)
        and isinstance(meta.get("sha256"), str)
        for meta in listed.values()
    ):
        raise BackupError(
            _("Tệp kê khai %s không đúng định dạng: đây không phải bản sao lưu hợp lệ.") % MANIFEST
        )
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(root) / name
            if path.is_symlink():
                raise BackupError(
                    _(
                        "Bản sao lưu chứa liên kết tượng trưng (symlink) %s: có thể trỏ ra ngoài "
                        "bản sao lưu nên không khôi phục. Chưa thay đổi gì."
                    )
                    % path.relative_to(folder).as_posix()
                )
            if not (path.is_dir() or path.is_file()):
                raise BackupError(
                    _("Bản sao lưu chứa %s không phải tệp thường. Chưa thay đổi gì.")
                    % path.relative_to(folder).as_posix()
                )
    names = [*manifest["files"], manifest["database_file"], *manifest.get("roots", [])]
    unsafe = [str(name) for name in names if _unsafe_name(name)]
    if manifest["database_file"] not in (SQLITE_FILE, PG_FILE):
        unsafe.append(str(manifest["database_file"]))
    unsafe += [str(r) for r in manifest.get("roots", []) if r not in ("evidence", "imports")]
    if unsafe:
        raise BackupError(
            _(
                "Tệp kê khai của bản sao lưu có đường dẫn nằm ngoài thư mục sao lưu hoặc không "
                "hợp lệ (%s): bản sao lưu đã bị sửa, không khôi phục. Chưa thay đổi gì."
            )
            % unsafe[0]
        )


def holds_data() -> bool:
    """Whether restoring would overwrite something: rows besides Django's own, or files."""
    skip = {"contenttypes", "auth", "sessions", "admin"}
    try:
        tables = set(connection.introspection.table_names())
        rows = any(
            model._base_manager.exists()
            for model in _models(tables)
            if model._meta.app_label not in skip
        )
    except Exception:
        rows = False
    files = any(root.is_dir() and any(root.iterdir()) for root in file_roots().values())
    return rows or files or (not evidence_is_local() and bool(_Bucket().keys(limit=1)))


def _restore_database(folder: Path, manifest: dict) -> None:
    if manifest["engine"] != engine():
        raise BackupError(
            _("Bản sao lưu là của %(backup)s, cơ sở dữ liệu đang dùng là %(current)s.")
            % {"backup": manifest["engine"], "current": engine()}
        )
    connections.close_all()
    if engine() == "sqlite":
        source = sqlite3.connect(f"file:{folder / manifest['database_file']}?mode=ro", uri=True)
        destination = sqlite3.connect(connection.settings_dict["NAME"], timeout=30)
        try:
            source.backup(destination)
        finally:
            destination.close()
            source.close()
        return
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(folder / manifest["database_file"]),
        ]
    )
    # pg_restore brings rows, not statistics nor the visibility map.
    refresh_planner_statistics()


def _restore_files(folder: Path, manifest: dict) -> None:
    """Replace each root by the backup's copy (a root absent from the backup is emptied);
    with the uploads in a bucket, make the bucket's prefix identical to ``files/evidence``."""
    if not evidence_is_local():
        source = folder / "files" / "evidence"
        _Bucket().replace_with(
            source if "evidence" in manifest["roots"] and source.is_dir() else None
        )
    for name, root in file_roots().items():
        root.parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{root.name}-restore-", dir=root.parent))
        source = folder / "files" / name
        if name in manifest["roots"] and source.is_dir():
            shutil.copytree(source, staged, dirs_exist_ok=True)
        old = root.with_name(f".{root.name}-old-{os.getpid()}")
        if root.exists():
            root.rename(old)
        staged.rename(root)
        shutil.rmtree(old, ignore_errors=True)


def restore_backup(folder: Path) -> dict:
    """Put a verified backup back; returns the manifest. Raises BackupError before changing
    anything when the backup is damaged or of another engine."""
    folder = Path(folder)
    manifest = verify_backup(folder)
    if manifest["engine"] != engine():
        raise BackupError(
            _("Bản sao lưu là của %(backup)s, cơ sở dữ liệu đang dùng là %(current)s.")
            % {"backup": manifest["engine"], "current": engine()}
        )
    sealed = credentials.read(folder)
    _restore_database(folder, manifest)
    credentials.put_back(sealed)
    _restore_files(folder, manifest)
    counts = count_records()
    different = sorted(label for label, n in manifest["counts"].items() if counts.get(label) != n)
    if different:
        raise BackupError(
            _("Đã khôi phục nhưng số bản ghi không khớp bản sao lưu ở: %s.") % ", ".join(different)
        )
    return manifest
