"""System checks of the deployment's settings (``dvcq check``, and ``--deploy``).

``check_mail_backend``: with ``DEBUG`` off, reminders and digests must really be sent, so a
backend that only prints or keeps mail (console, locmem, dummy, file) is an error.
"""

from django.conf import settings
from django.core.checks import Error, register
from django.utils.translation import gettext as _

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
