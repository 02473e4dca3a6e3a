"""``dvcq backup`` / ``dvcq restore`` on real installations: back up, wipe, restore, and
every record and every file is back, identical; a damaged backup changes nothing."""

import json
import os
import shutil

import psycopg
import pytest

from backups.tests.helpers import Installation, pg_url, recreate_pg_database

PG_DB = "dvcq_backup_test"


def _seed(inst: Installation) -> None:
    inst.migrate()
    inst.run("load-demo")
    # Files the demo does not make: a pending import and an odd binary evidence file.
    (inst.data_dir / "imports" / "job-1").mkdir(parents=True)
    (inst.data_dir / "imports" / "job-1" / "ke-hoach.txt").write_text("Kế hoạch số 1", "utf-8")
    (inst.evidence / "9" / "2024").mkdir(parents=True)
    (inst.evidence / "9" / "2024" / "anh.bin").write_bytes(os.urandom(70_000))


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory):
    """One seeded SQLite installation, copied for each test (seeding takes seconds)."""
    folder = tmp_path_factory.mktemp("template")
    _seed(Installation(folder, f"sqlite:///{folder / 'dvcq.sqlite3'}"))
    return folder


@pytest.fixture
def sqlite_inst(sqlite_template, tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(sqlite_template, folder)
    return Installation(folder, f"sqlite:///{folder / 'dvcq.sqlite3'}")


@pytest.fixture
def pg_inst(tmp_path):
    recreate_pg_database(PG_DB)
    inst = Installation(tmp_path / "site", pg_url(PG_DB))
    _seed(inst)
    yield inst
    recreate_pg_database(PG_DB, drop_only=True)


def _round_trip(inst: Installation, backup) -> None:
    rows, files = inst.rows(), inst.files()
    assert len(files) >= 3
    counts = {label: len(items) for label, items in json.loads(rows).items()}
    assert counts["programs.Task"] > 0 and counts["accounts.User"] > 0

    out = inst.run("backup", "--output", str(backup)).stdout
    assert "Đã sao lưu" in out
    manifest = json.loads((backup / "manifest.json").read_text("utf-8"))
    assert {k: v for k, v in manifest["counts"].items() if k in counts} == counts
    assert len([f for f in manifest["files"] if f.startswith("files/")]) == len(files)

    # Wipe: every row and every file gone.
    inst.run("flush", "--noinput")
    shutil.rmtree(inst.evidence)
    shutil.rmtree(inst.data_dir / "imports")
    assert inst.files() == {}
    assert json.loads(inst.rows())["programs.Task"] == []

    out = inst.run("restore", str(backup), "--yes").stdout
    assert "số bản ghi khớp" in out
    assert inst.rows() == rows
    assert inst.files() == files


def test_sqlite_backup_wipe_restore_brings_back_every_record_and_file(sqlite_inst, tmp_path):
    _round_trip(sqlite_inst, tmp_path / "backup")


@pytest.mark.postgresql
def test_postgresql_backup_wipe_restore_brings_back_every_record_and_file(pg_inst, tmp_path):
    _round_trip(pg_inst, tmp_path / "backup")
    # The restore ends with VACUUM (ANALYZE): the planner knows the restored rows.
    with psycopg.connect(pg_url(PG_DB).replace("postgres://", "postgresql://", 1)) as conn:
        vacuumed, rows = conn.execute(
            "SELECT last_vacuum IS NOT NULL, n_live_tup FROM pg_stat_user_tables"
            " WHERE relname = 'programs_task'"
        ).fetchone()
    assert vacuumed and rows > 0


@pytest.mark.postgresql
def test_postgresql_restore_into_an_empty_database(pg_inst, tmp_path):
    """A new server: restore into a database that has never been migrated."""
    rows, files = pg_inst.rows(), pg_inst.files()
    pg_inst.run("backup", "--output", str(tmp_path / "backup"))
    recreate_pg_database(PG_DB)
    # A new server: no database tables and no stored files at all.
    shutil.rmtree(pg_inst.evidence)
    shutil.rmtree(pg_inst.data_dir / "imports")
    pg_inst.run("restore", str(tmp_path / "backup"))
    assert pg_inst.rows() == rows
    assert pg_inst.files() == files


def test_damaged_backup_is_refused_before_anything_changes(sqlite_inst, tmp_path):
    backup = tmp_path / "backup"
    sqlite_inst.run("backup", "--output", str(backup))
    # Change the data after the backup, then damage one evidence file of the backup.
    sqlite_inst.shell(
        "from accounts.models import User; "
        "User.objects.filter(pk=User.objects.order_by('pk').first().pk).update(first_name='Sau')"
    )
    rows, files = sqlite_inst.rows(), sqlite_inst.files()
    victim = next((backup / "files" / "evidence").rglob("*.pdf"))
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))

    done = sqlite_inst.run("restore", str(backup), "--yes", check=False)
    assert done.returncode != 0
    assert "Bản sao lưu bị hỏng hoặc đã bị sửa" in done.stderr
    assert "Chưa thay đổi gì" in done.stderr
    assert sqlite_inst.rows() == rows
    assert sqlite_inst.files() == files


def test_missing_manifest_and_extra_files_are_refused(sqlite_inst, tmp_path):
    backup = tmp_path / "backup"
    sqlite_inst.run("backup", "--output", str(backup))
    (backup / "files" / "evidence" / "la.pdf").write_bytes(b"%PDF-1.4 injected")
    done = sqlite_inst.run("restore", str(backup), "--yes", check=False)
    assert done.returncode != 0 and "la.pdf" in done.stderr
    (backup / "manifest.json").unlink()
    done = sqlite_inst.run("restore", str(backup), "--yes", check=False)
    assert done.returncode != 0 and "không phải bản sao lưu hợp lệ" in done.stderr


def test_restore_over_data_needs_yes_and_backup_needs_an_empty_folder(sqlite_inst, tmp_path):
    backup = tmp_path / "backup"
    sqlite_inst.run("backup", "--output", str(backup))
    rows = sqlite_inst.rows()
    done = sqlite_inst.run("restore", str(backup), check=False)
    assert done.returncode != 0 and "--yes" in done.stderr
    assert sqlite_inst.rows() == rows
    done = sqlite_inst.run("backup", "--output", str(backup), check=False)
    assert done.returncode != 0 and "đã có dữ liệu" in done.stderr
