"""A backup as an insider who holds a copy would use it, and a crafted backup as an attacker
would hand it to ``dvcq restore``."""

import base64
import hashlib
import json
import os
import shutil
import stat

import pytest

from backups.tests.helpers import Installation

TOTP_KEY = "3132333435363738393031323334353637383930"  # hex, as django-otp stores it
TOTP_BASE32 = base64.b32encode(bytes.fromhex(TOTP_KEY)).decode()

SETUP = f"""
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django_otp.plugins.otp_totp.models import TOTPDevice
from accounts.models import User
user = User.objects.create_user("quantri", password="mat-khau-dai-1", is_staff=True)
TOTPDevice.objects.create(user=user, name="DVCQ", key="{TOTP_KEY}", confirmed=True)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""

# The insider's replay: the copied cookie on a request to the dashboard.
REPLAY = """
from django.test import Client
client = Client()
client.cookies["sessionid"] = "{key}"
response = client.get("/", HTTP_HOST="127.0.0.1")
print(response.status_code, response.get("Location", ""))
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template")
    inst = Installation(folder, f"sqlite:///{folder / 'dvcq.sqlite3'}")
    inst.env["DVCQ_REQUIRE_2FA"] = "false"
    inst.run("migrate", "--noinput", "-v", "0")
    key = inst.shell(SETUP).strip()
    (inst.evidence / "1").mkdir(parents=True)
    (inst.evidence / "1" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 bien ban")
    (inst.evidence / "1" / "bien-ban.pdf").chmod(0o644)
    return folder, key


@pytest.fixture
def site(template, tmp_path):
    source, key = template
    folder = tmp_path / "site"
    shutil.copytree(source, folder)
    inst = Installation(folder, f"sqlite:///{folder / 'dvcq.sqlite3'}")
    inst.env["DVCQ_REQUIRE_2FA"] = "false"
    return inst, key


def _every_byte(folder) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_a_copied_session_cookie_from_a_backup_does_not_log_in(site, tmp_path):
    inst, key = site
    assert inst.shell(REPLAY.format(key=key)).split()[0] == "200"  # the live cookie works
    backup = tmp_path / "backup"
    inst.run("backup", "--output", str(backup))
    assert key.encode() not in _every_byte(backup)  # nowhere, not even in freed pages

    # the insider restores the copy on a machine of their own and replays the cookie
    inst.run("restore", str(backup), "--yes")
    status, location = [*inst.shell(REPLAY.format(key=key)).split(), ""][:2]
    assert status == "302" and "dang-nhap" in location


def test_the_totp_secret_is_not_in_the_backup_in_the_clear_and_comes_back(site, tmp_path):
    inst, _key = site
    backup = tmp_path / "backup"
    inst.run("backup", "--output", str(backup))
    raw = _every_byte(backup)
    assert TOTP_KEY.encode() not in raw and TOTP_BASE32.encode() not in raw
    manifest = json.loads((backup / "manifest.json").read_text("utf-8"))
    assert "credentials.sealed" in manifest["files"]

    inst.shell(
        "from django_otp.plugins.otp_totp.models import TOTPDevice as D; D.objects.all().delete()"
    )
    inst.run("restore", str(backup), "--yes")
    back = inst.shell(
        "from django_otp.plugins.otp_totp.models import TOTPDevice as D; "
        "print(list(D.objects.values_list('key', 'user__username', 'confirmed')))"
    )
    assert TOTP_KEY in back and "quantri" in back and "True" in back


def test_a_backup_is_readable_by_its_owner_only(site, tmp_path):
    inst, _key = site
    backup = tmp_path / "backup"
    inst.run("backup", "--output", str(backup))
    entries = [backup, *backup.rglob("*")]
    assert any(p.name == "bien-ban.pdf" for p in entries)  # copied from a 0644 upload
    for path in entries:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_restore_with_another_identity_key_changes_nothing(site, tmp_path):
    inst, _key = site
    backup = tmp_path / "backup"
    inst.run("backup", "--output", str(backup))
    rows = inst.rows()
    inst.env["DVCQ_IDENTITY_KEY"] = base64.urlsafe_b64encode(os.urandom(32)).decode()
    done = inst.run("restore", str(backup), "--yes", check=False)
    assert done.returncode != 0
    assert "DVCQ_IDENTITY_KEY" in done.stderr and "Chưa thay đổi gì" in done.stderr
    assert inst.rows() == rows


def _relist(backup, name, path):
    """What the attacker does after planting ``path``: list it with its right checksum."""
    manifest = json.loads((backup / "manifest.json").read_text("utf-8"))
    data = path.read_bytes()
    manifest["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    (backup / "manifest.json").write_text(json.dumps(manifest), "utf-8")


def _refused(inst, backup, words: str):
    rows, files = inst.rows(), inst.files()
    done = inst.run("restore", str(backup), "--yes", check=False)
    assert done.returncode != 0
    assert words in done.stderr and "Chưa thay đổi gì" in done.stderr
    assert inst.rows() == rows and inst.files() == files


def test_a_backup_with_a_symlink_is_refused_and_nothing_written(site, tmp_path):
    inst, _key = site
    backup = tmp_path / "backup"
    inst.run("backup", "--output", str(backup))
    secret = tmp_path / "secret-of-the-server.txt"
    secret.write_text("không được đọc", "utf-8")
    link = backup / "files" / "evidence" / "1" / "la.pdf"
    link.symlink_to(secret)
    _relist(backup, "files/evidence/1/la.pdf", link)
    _refused(inst, backup, "symlink")
    assert not (inst.evidence / "1" / "la.pdf").exists()


@pytest.mark.parametrize("name", ["../../outside.txt", "/etc/hostname", "files/../../x"])
def test_a_manifest_path_outside_the_backup_is_refused(site, tmp_path, name):
    inst, _key = site
    backup = tmp_path / "deep" / "backup"
    inst.run("backup", "--output", str(backup))
    planted = tmp_path / "outside.txt"
    planted.write_text("ngoài bản sao lưu", "utf-8")
    _relist(backup, name, planted)
    _refused(inst, backup, "nằm ngoài thư mục sao lưu")


@pytest.mark.postgresql
def test_postgresql_backup_holds_no_session_nor_clear_totp_secret(tmp_path):
    """The same insider on PostgreSQL: pg_dump leaves the tables' data out; restore puts the
    sealed secrets back and the next enrolment still gets a fresh id."""
    from backups.tests.helpers import pg_url, recreate_pg_database

    name = "dvcq_backup_security_test"
    recreate_pg_database(name)
    try:
        inst = Installation(tmp_path / "site", pg_url(name))
        inst.env["DVCQ_REQUIRE_2FA"] = "false"
        inst.run("migrate", "--noinput", "-v", "0")
        key = inst.shell(SETUP).strip()
        backup = tmp_path / "backup"
        inst.run("backup", "--output", str(backup))
        raw = _every_byte(backup)
        assert key.encode() not in raw and TOTP_KEY.encode() not in raw
        recreate_pg_database(name)
        inst.run("restore", str(backup))
        back = inst.shell(
            "from django_otp.plugins.otp_totp.models import TOTPDevice as D; "
            "from django.contrib.sessions.models import Session; "
            "from accounts.models import User; "
            "print(list(D.objects.values_list('key', flat=True)), Session.objects.count()); "
            "print(D.objects.create(user=User.objects.get(), name='x', key='00').pk)"
        )
        assert TOTP_KEY in back and "] 0" in back
        assert back.split()[-1] == "2"
    finally:
        recreate_pg_database(name, drop_only=True)
