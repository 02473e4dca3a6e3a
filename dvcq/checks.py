"""System checks of the deployment's secrets: with DEBUG off, DVCQ refuses to run without
an identity key of its own (the demo key is public: it is in the source code), or with the
development SECRET_KEY of ``.env.example``.

With DEBUG off, reminders and digests must really be sent: a mail backend that only prints
or keeps mail (console, locmem, dummy, file) is an error too (``check_mail_backend``).

The checks run before ``migrate``, ``runserver``, ``check --deploy`` and most commands;
``dvcq.wsgi`` runs them too, since gunicorn does not.
"""

from django.conf import settings
from django.core import checks
from django.core.checks import Error, register
from django.utils.translation import gettext as _

from citizens.crypto import DEMO_KEY, NEW_KEY_COMMAND, key_problem

HOW = (
    "Tạo khoá riêng bằng lệnh: {command} rồi đặt vào biến môi trường DVCQ_IDENTITY_KEY "
    "(giữ khoá tách khỏi bản sao lưu; xem docs/operations.md)."
)


@checks.register(checks.Tags.security)
def identity_key(app_configs=None, **kwargs):
    hint = HOW.format(command=NEW_KEY_COMMAND)
    errors = []
    key = settings.DVCQ_IDENTITY_KEY
    problem = key_problem(key)
    if problem == "invalid":
        errors.append(
            checks.Error(
                "DVCQ_IDENTITY_KEY không phải khoá Fernet hợp lệ (32 byte, base64 URL-safe).",
                hint=hint,
                id="dvcq.E001",
            )
        )
    elif not settings.DEBUG and (problem == "missing" or key == DEMO_KEY):
        errors.append(
            checks.Error(
                "DVCQ_IDENTITY_KEY chưa được đặt (hoặc là khoá demo công khai) khi DEBUG tắt: "
                "danh tính người tố cáo sẽ không được bảo vệ.",
                hint=hint,
                id="dvcq.E002",
            )
        )
    for old in settings.DVCQ_IDENTITY_KEY_OLD:
        if key_problem(old):
            errors.append(
                checks.Error(
                    "Một khoá trong DVCQ_IDENTITY_KEY_OLD không phải khoá Fernet hợp lệ.",
                    hint="Mỗi khoá cũ cách nhau bằng dấu phẩy.",
                    id="dvcq.E003",
                )
            )
    return errors


# The default of settings.py and .env.example (public, so refused in production).
DEV_SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105


@checks.register(checks.Tags.security)
def published_secret_key(app_configs=None, **kwargs):
    """The development SECRET_KEY is in the source code: with it, anyone could forge what
    Django signs (messages, PIN digests of petition receipts)."""
    if settings.DEBUG or settings.SECRET_KEY != DEV_SECRET_KEY:
        return []
    return [
        checks.Error(
            "SECRET_KEY là khoá phát triển công khai trong mã nguồn khi DEBUG tắt.",
            hint='Tạo khoá riêng: python3 -c "import secrets; print(secrets.token_urlsafe(50))"',
            id="dvcq.E004",
        )
    ]


def refuse_without_identity_key() -> None:
    """Stop a server process (gunicorn, uvicorn) that would run without its own key."""
    from django.core.exceptions import ImproperlyConfigured

    errors = identity_key() + published_secret_key()
    if errors:
        raise ImproperlyConfigured("\n".join(f"{e.msg} {e.hint}" for e in errors))


NON_SENDING_BACKENDS = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
)


def mail_backend() -> str:
    mailers = getattr(settings, "MAILERS", None) or {}
    return mailers.get("default", {}).get("BACKEND") or settings.EMAIL_BACKEND


@register()
def check_mail_backend(app_configs=None, **kwargs):
    if settings.DEBUG or mail_backend() not in NON_SENDING_BACKENDS:
        return []
    return [
        Error(
            _("Khi DEBUG tắt, thư nhắc việc phải được gửi thật: backend %(backend)s không gửi thư.")
            % {"backend": mail_backend()},
            hint=_(
                "Đặt EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend và EMAIL_HOST, "
                "EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS."
            ),
            id="dvcq.E010",
        )
    ]
