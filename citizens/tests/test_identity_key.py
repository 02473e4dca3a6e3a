"""The identity key: production refuses the public demo key, and ``dvcq rotate-identity-key``
moves every sealed value to a new key without losing one, even when killed midway."""

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError

from citizens import rotation, services
from citizens.crypto import DEMO_KEY
from citizens.models import CaseType, Channel, Petition, PetitionAttachment, Petitioner, Visit
from programs.tests.helpers import pdf_bytes, pdf_upload

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_=+",
    "ALLOWED_HOSTS": "dvcq.example.vn",
    "DJANGO_SETTINGS_MODULE": "dvcq.settings",
}


def _python(code: str, env: dict, tmp_path) -> subprocess.CompletedProcess:
    full = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DEBUG", "SECURE_", "SESSION_", "DVCQ_IDENTITY"))
    }
    full.update(env, DVCQ_DATA_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


CHECK = (
    "import django; django.setup(); from django.core.management import call_command;"
    "call_command('check', deploy=True)"
)


@pytest.mark.parametrize("key", [None, DEMO_KEY, "not-a-key"])
def test_production_refuses_to_run_without_its_own_identity_key(tmp_path, key):
    env = dict(PRODUCTION) if key is None else {**PRODUCTION, "DVCQ_IDENTITY_KEY": key}
    result = _python(CHECK, env, tmp_path)
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert "DVCQ_IDENTITY_KEY" in said
    assert "Fernet.generate_key().decode()" in said  # the exact one-liner to make one
    # gunicorn runs no checks: the WSGI application itself refuses to load
    server = _python("import dvcq.wsgi", env, tmp_path)
    assert server.returncode != 0 and "DVCQ_IDENTITY_KEY" in server.stderr


def test_production_with_its_own_key_starts(tmp_path):
    env = {**PRODUCTION, "DVCQ_IDENTITY_KEY": Fernet.generate_key().decode()}
    assert _python("import dvcq.wsgi", env, tmp_path).returncode == 0


# --- rotation --------------------------------------------------------------------------------


NEW = Fernet.generate_key().decode()


@pytest.fixture
def sealed_everywhere(settings, commune, clerk):
    """Petitions with petitioners, a denunciation (sealed content), two reception visits
    (one a denunciation) and attachments, all sealed with the old (demo) key."""
    settings.DVCQ_IDENTITY_KEY = DEMO_KEY
    settings.DVCQ_IDENTITY_KEY_OLD = []
    day = datetime.date(2026, 8, 3)
    for n in range(5):
        services.intake(
            unit=commune,
            actor=clerk,
            data={
                "received_on": day,
                "channel": Channel.POST,
                "case_type": CaseType.DENUNCIATION if n % 2 else CaseType.COMPLAINT,
                "content": f"Nội dung đơn số {n} về đất đai",
                "summary": f"Tóm tắt {n}",
            },
            people=[{"name": f"Người số {n}", "address": f"Xóm {n}"}, {"name": f"Vợ {n}"}],
            files=[pdf_upload(f"don-{n}.pdf")] if n < 3 else [],
        )
    for n, case_type in enumerate([CaseType.DENUNCIATION, CaseType.PETITION]):
        services.record_visit(
            unit=commune,
            actor=clerk,
            data={
                "date": day,
                "name": f"Khách {n}",
                "case_type": case_type,
                "content": f"Trình bày {n}",
            },
        )
    return snapshot()


def snapshot() -> dict:
    """Every plaintext, as the application reads it."""
    return {
        "petitioners": sorted(
            (p.pk, tuple(sorted(p.identity.items()))) for p in Petitioner.objects.all()
        ),
        "contents": sorted((p.pk, p.full_content()) for p in Petition.objects.all()),
        "visits": sorted(
            (v.pk, tuple(sorted(v.identity.items())), v.full_content()) for v in Visit.objects.all()
        ),
        "files": sorted(
            (a.pk, services.read_attachment(a)) for a in PetitionAttachment.objects.all()
        ),
    }


def _switch_to_new_key(settings):
    """What the operator does before rotating: the new key current, the old one retired."""
    settings.DVCQ_IDENTITY_KEY = NEW
    settings.DVCQ_IDENTITY_KEY_OLD = [DEMO_KEY]


def _rotate(**options) -> str:
    out = io.StringIO()
    call_command("rotate_identity_key", stdout=out, **options)
    return out.getvalue()


def _only_new_key(settings):
    settings.DVCQ_IDENTITY_KEY_OLD = []


def test_rotation_reseals_every_value_and_loses_none(settings, sealed_everywhere):
    before = sealed_everywhere
    assert any(a for a in Petition.objects.values_list("sealed_content", flat=True))
    assert Visit.objects.exclude(sealed_content="").exists()
    _switch_to_new_key(settings)
    assert snapshot() == before  # the application reads old values during the rotation

    out = _rotate(batch=3)
    assert "citizens.Petitioner: 10/10" in out  # the progress display
    assert "không còn gì dưới khoá cũ" in out

    _only_new_key(settings)
    assert snapshot() == before
    assert rotation.left_under_old_keys(rotation.Keys.from_strings(NEW, [])) == []
    # the old key opens nothing any more, on disk included
    old = Fernet(DEMO_KEY.encode())
    for token in Petitioner.objects.values_list("sealed", flat=True):
        with pytest.raises(Exception):  # noqa: B017 (InvalidToken)
            old.decrypt(token.encode())
    files = list((settings.EVIDENCE_ROOT / "citizens").iterdir())
    assert len(files) == PetitionAttachment.objects.count() == 3
    for path in files:
        assert pdf_bytes()[:20] not in path.read_bytes()
        with pytest.raises(Exception):  # noqa: B017 (InvalidToken)
            old.decrypt(path.read_bytes())


def test_a_rotation_killed_midway_resumes_and_finishes(settings, monkeypatch, sealed_everywhere):
    before = sealed_everywhere
    _switch_to_new_key(settings)
    real = rotation.Keys.reseal
    calls = {"n": 0}

    def dies_on_the_seventh(self, token):
        calls["n"] += 1
        if calls["n"] == 7:  # in the middle of the third batch of petitioners
            raise KeyboardInterrupt
        return real(self, token)

    monkeypatch.setattr(rotation.Keys, "reseal", dies_on_the_seventh)
    with pytest.raises(KeyboardInterrupt):
        _rotate(batch=3)
    monkeypatch.setattr(rotation.Keys, "reseal", real)
    keys = rotation.Keys.from_strings(NEW, [])
    moved = rotation.left_under_old_keys(rotation.Keys.from_strings(DEMO_KEY, []))
    assert moved and rotation.left_under_old_keys(keys)  # killed halfway through
    assert snapshot() == before  # nothing lost by the kill (the app still has both keys)

    out = _rotate(batch=3)
    assert "không còn gì dưới khoá cũ" in out
    _only_new_key(settings)
    assert snapshot() == before
    assert rotation.left_under_old_keys(keys) == []


def test_a_value_under_an_unknown_key_stops_the_rotation_with_its_row(settings, sealed_everywhere):
    stranger = Fernet(Fernet.generate_key()).encrypt(b'{"name": "?"}').decode()
    odd = Petitioner.objects.order_by("pk").last()
    Petitioner.objects.filter(pk=odd.pk).update(sealed=stranger)
    _switch_to_new_key(settings)
    with pytest.raises(CommandError, match=f"Petitioner #{odd.pk}"):
        _rotate(batch=100)


def test_rotation_needs_an_old_key(settings, sealed_everywhere):
    settings.DVCQ_IDENTITY_KEY = NEW
    with pytest.raises(CommandError, match="khoá cũ"):
        _rotate()


ALLOWED_SEAL_BYTES = (
    "citizens/services.py",  # attachments: re-sealed by reseal_attachments
    "citizens/rotation.py",
    "backups/credentials.py",  # a backup's own file, sealed at backup time
)


def test_every_sealed_value_is_in_a_column_the_rotation_finds():
    """The rotation finds sealed columns by name (``sealed``/``sealed_*``): a value sealed
    into a column named otherwise would stay under the old key for ever."""
    import re

    assignment = re.compile(r"""\bsealed(_\w+)?"?\s*[:=]\s*(crypto\.)?seal\(""")
    offenders = []
    for path in ROOT.rglob("*.py"):
        if any(part in (".venv", "node_modules", "tests", "migrations") for part in path.parts):
            continue
        name = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            code = line.split("#")[0]
            sealed_text = re.search(r"(?<![\w.])(crypto\.)?seal\(", code) and "def " not in code
            if sealed_text and not assignment.search(code):
                offenders.append(f"{name}:{number}: {line.strip()}")
            sealed_bytes = re.search(r"(?<!un)seal_bytes\(", code) and "def " not in code
            if sealed_bytes and name not in ALLOWED_SEAL_BYTES:
                offenders.append(f"{name}:{number}: {line.strip()}")
    assert offenders == []
    labels = {model._meta.label for model, _fields in rotation.sealed_columns()}
    assert {"citizens.Petitioner", "citizens.Petition", "citizens.Visit"} <= labels


def test_rotation_recomputes_the_name_index_so_repeats_are_still_found(settings, sealed_everywhere):
    """The keyed hashes intake finds earlier petitioners by are derived from the identity
    key: after a rotation they are those of the new key, so a repeat is still recognised."""
    from citizens.duplicates import name_keys

    _switch_to_new_key(settings)
    _rotate(batch=4)
    _only_new_key(settings)
    for petitioner in Petitioner.objects.all():
        name = petitioner.identity.get("name", "")
        if name:
            assert petitioner.name_key == name_keys(name)[0], name
