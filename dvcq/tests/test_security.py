"""Logins, second factor, headers and production settings, as an attacker would probe them."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from citizens import services
from citizens.models import CaseType, Channel
from conftest import make_user

ROOT = Path(__file__).resolve().parents[2]


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def test_five_failures_lock_the_username_from_that_address(client, clerk, lockout):
    for _ in range(5):
        assert _login(client, "clerk", "sai-mat-khau").status_code in (200, 429)
    locked = _login(client, "clerk", "pw-for-tests-1")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert client.get(reverse("programs:dashboard")).status_code == 302  # not logged in
    # the same account from another address, and another account, still log in
    assert _login(client, "clerk", "pw-for-tests-1", ip="10.0.0.2").status_code == 302


def test_four_failures_then_the_right_password_logs_in(client, clerk, lockout):
    for _ in range(4):
        _login(client, "clerk", "sai")
    assert _login(client, "clerk", "pw-for-tests-1").status_code == 302


def test_production_settings_hash_passwords_with_a_slow_hasher():
    """The suite runs with MD5 for speed (``dvcq.settings_test``); production must not."""
    import importlib

    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    production = importlib.import_module("dvcq.settings")
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    assert not any("MD5" in h or "Unsalted" in h for h in production.PASSWORD_HASHERS)
    assert PBKDF2PasswordHasher.iterations >= 1_000_000


def test_the_test_settings_change_only_the_hasher():
    import importlib

    production = vars(importlib.import_module("dvcq.settings"))
    test = vars(importlib.import_module("dvcq.settings_test"))
    differing = {k for k in production if k.isupper() and k in test and test[k] != production[k]}
    assert differing == {"PASSWORD_HASHERS"}


# --- second factor -----------------------------------------------------------------------


@pytest.fixture
def gate(settings):
    settings.DVCQ_REQUIRE_2FA = True


def _code(device, offset=0):
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{code:06d}"


def test_an_administrator_must_enrol_then_verify_before_any_page(client, gate, commune):
    admin = make_user("quantri", commune, Role.OFFICE)
    admin.is_staff = True
    admin.save()
    assert _login(client, "quantri", "pw-for-tests-1").status_code == 302
    page = client.get(reverse("programs:dashboard"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:otp_enrol"))
    enrol = client.get(page["Location"])
    body = enrol.content.decode()
    assert "<svg" in body and "<img" not in body  # the QR code is inline, no external image
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    response = client.post(
        reverse("accounts:otp_enrol"), {"token": _code(device), "next": "/chuong-trinh/"}
    )
    assert response.status_code == 200 and len(response.context["codes"]) == 10
    assert 'href="/chuong-trinh/"' in response.content.decode()  # after the codes are noted
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("programs:dashboard")).status_code == 200

    # next time: password, then a code
    client.logout()
    _login(client, "quantri", "pw-for-tests-1")
    page = client.get(reverse("programs:dashboard"))
    assert page["Location"].startswith(reverse("accounts:otp_verify"))
    wrong = client.post(reverse("accounts:otp_verify"), {"token": "123456"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert client.get(reverse("programs:dashboard")).status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(reverse("accounts:otp_verify"), {"token": _code(device, 1)})
    assert ok.status_code == 302
    assert client.get(reverse("programs:dashboard")).status_code == 200


def test_a_petition_handler_needs_the_second_factor_others_do_not(client, gate, clerk, viewer):
    petition = services.intake(
        unit=clerk.unit,
        actor=clerk,
        data={
            "received_on": datetime.date(2026, 8, 3),
            "channel": Channel.POST,
            "case_type": CaseType.COMPLAINT,
            "content": "Khiếu nại",
        },
        people=[{"name": "Nguyễn Văn An", "address": "Xóm 1"}],
    ).petition
    services.assign_handlers(petition=petition, actor=clerk, users=[clerk])
    client.force_login(clerk)
    assert client.get(reverse("citizens:board")).status_code == 302
    client.force_login(viewer)
    assert client.get(reverse("citizens:board")).status_code == 200


def test_a_code_is_six_digits_and_wrong_input_never_crashes(client, gate, commune):
    admin = make_user("quantri", commune, Role.OFFICE)
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    for token in ("", "abc", "1" * 10000, "' OR 1=1 --", "<script>alert(1)</script>"):
        response = client.post(reverse("accounts:otp_enrol"), {"token": token})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


# --- headers, CSP, templates ---------------------------------------------------------------


def test_pages_carry_a_content_security_policy_without_inline_script(client, clerk, program):
    client.force_login(clerk)
    response = client.get(reverse("programs:dashboard"))
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def test_no_template_holds_inline_script():
    offenders = []
    for template in ROOT.glob("*/templates/**/*.html"):
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        text = template.read_text(encoding="utf-8")
        if INLINE_SCRIPT.search(text) or EVENT_HANDLER.search(text):
            offenders.append(str(template.relative_to(ROOT)))
    assert not offenders, f"inline script (use a static file): {offenders}"


def test_session_and_csrf_cookies_are_strict(settings):
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax" == settings.CSRF_COOKIE_SAMESITE
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600


PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_=+",
    "ALLOWED_HOSTS": "dvcq.example.vn",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "DVCQ_IDENTITY_KEY": "sf8NcGZ0rJ0mI0V6Pq2Xb2k3o1oY0oFJxk2bR3Yc8l4=",
}


def _run(code: str, env: dict) -> subprocess.CompletedProcess:
    full = {
        k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "SECURE_", "SESSION_"))
    }
    full.update(env, DJANGO_SETTINGS_MODULE="dvcq.settings")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    code = (
        "import django; django.setup(); from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = _run(code, {**PRODUCTION_ENV, "DVCQ_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr


CHECK = (
    "import django; django.setup(); from django.core.management import call_command;"
    "call_command('check', fail_level='ERROR')"
)


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
    ],
)
def test_production_without_smtp_fails_the_check(tmp_path, backend):
    """Reminders that silently go to the console: the operator learns it at start-up."""
    env = {**PRODUCTION_ENV, "DVCQ_DATA_DIR": str(tmp_path), "EMAIL_BACKEND": backend}
    result = _run(CHECK, env)
    assert result.returncode != 0
    assert "dvcq.E010" in result.stderr and backend in result.stderr
    assert "EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend" in result.stderr


def test_the_console_backend_is_fine_while_debugging(tmp_path):
    env = {
        **PRODUCTION_ENV,
        "DVCQ_DATA_DIR": str(tmp_path),
        "DEBUG": "true",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    result = _run(CHECK, env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_secure_the_cookies_and_redirect_to_https(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS >= 31536000, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    result = _run(code, {**PRODUCTION_ENV, "DVCQ_DATA_DIR": str(tmp_path)})
    assert result.stdout.split() == ["True", "True", "True", "True", "None"], result.stderr
    behind_proxy = _run(
        code, {**PRODUCTION_ENV, "DVCQ_DATA_DIR": str(tmp_path), "SECURE_PROXY_SSL": "true"}
    )
    assert "HTTP_X_FORWARDED_PROTO" in behind_proxy.stdout


def test_uploaded_files_are_readable_by_the_service_account_only(settings, clerk):
    """Another local account on the server (a curious clerk with a shell) reads no upload,
    whatever the umask of the process that stored it."""
    import stat

    from programs.tests.helpers import pdf_upload

    old_umask = os.umask(0o022)
    try:
        services.intake(
            unit=clerk.unit,
            actor=clerk,
            data={
                "received_on": datetime.date(2026, 8, 3),
                "channel": Channel.POST,
                "case_type": CaseType.DENUNCIATION,
                "content": "Tố cáo",
                "summary": "Tố cáo cán bộ",
            },
            people=[{"name": "Người Tố Cáo"}],
            files=[pdf_upload("don.pdf")],
        )
    finally:
        os.umask(old_umask)
    stored = list((settings.EVIDENCE_ROOT / "citizens").iterdir())
    assert len(stored) == 1
    assert stat.S_IMODE(stored[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(stored[0].parent.stat().st_mode) == 0o700


def test_production_refuses_the_published_development_secret_key(tmp_path):
    """An operator who copies .env.example and only turns DEBUG off."""
    code = (
        "import django; django.setup(); from django.core.management import call_command;"
        "call_command('check')"
    )
    env = {
        **PRODUCTION_ENV,
        "DVCQ_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "dev-only-insecure-key-change-me",
    }
    result = _run(code, env)
    assert result.returncode != 0 and "dvcq.E004" in result.stderr + result.stdout
    assert _run("import dvcq.wsgi", env).returncode != 0


def test_the_sqlite_database_is_readable_by_the_service_account_only(tmp_path):
    """Another local account reads no live session from the embedded database: the file
    is made 0600 whatever the umask, and a file left readable by an older version is closed."""
    import stat

    fresh = tmp_path / "moi" / "dvcq.sqlite3"
    old = tmp_path / "cu" / "dvcq.sqlite3"
    old.parent.mkdir()
    old.write_bytes(b"")
    old.chmod(0o644)
    for database in (fresh, old):
        done = subprocess.run(
            [sys.executable, "-c", "import os; os.umask(0o022); import dvcq.settings"],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert stat.S_IMODE(database.stat().st_mode) == 0o600, database
