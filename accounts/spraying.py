"""Holding an account that is attacked from many addresses (password spraying).

django-axes locks one username *from one address* (``AXES_LOCKOUT_PARAMETERS``; its
attempts are rows in the database, so every process sees them). An attacker with many
addresses gets 5 tries from each. Here every failed login of a username, from anywhere,
counts in the shared counters (``dvcq.counters``); after ``DVCQ_LOGIN_ACCOUNT_LIMIT``
failures within ``DVCQ_LOGIN_ACCOUNT_WINDOW_MINUTES`` the account is held until the window
ends: no password is checked for it, from any address, and the login page says so. The
office of the user's unit (or an administrator, in the back office) can release it; each
release is in the audit log.
"""

import hashlib

from django.conf import settings
from django.utils.translation import gettext as _

from audit.services import record
from dvcq import counters


def _key(username: str) -> str:
    digest = hashlib.sha256((username or "").strip().lower().encode()).hexdigest()
    return f"login:account:{digest}"


def limit() -> int:
    return settings.DVCQ_LOGIN_ACCOUNT_LIMIT


def window_minutes() -> int:
    return settings.DVCQ_LOGIN_ACCOUNT_WINDOW_MINUTES


def record_failure(username: str) -> None:
    if username:
        counters.hit(_key(username), window_minutes() * 60)


def is_held(username: str) -> bool:
    return bool(username) and counters.current(_key(username)) >= limit()


def held_message() -> str:
    return _(
        "Tài khoản này tạm thời bị khóa đăng nhập vì đã có quá nhiều lần nhập sai mật khẩu "
        "từ nhiều nơi (có thể có người đang dò mật khẩu). Hãy thử lại sau tối đa %(minutes)s "
        "phút, hoặc nhờ văn phòng đơn vị hay quản trị viên mở khóa."
    ) % {"minutes": window_minutes()}


def may_release(actor, user) -> bool:
    """The office of the user's unit, or an administrator."""
    from accounts.models import Role

    if not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    return actor.role == Role.OFFICE and actor.unit_id is not None and actor.unit_id == user.unit_id


def release(*, actor, user) -> None:
    """Lift the hold on ``user`` (and axes' per-address lockouts of that username)."""
    from axes.handlers.proxy import AxesProxyHandler

    counters.clear(_key(user.username))
    AxesProxyHandler.reset_attempts(username=user.username)
    if user.unit_id is not None:
        record(
            actor=actor,
            unit=user.unit,
            target=user,
            verb="unlock_login",
            summary=_("Mở khóa đăng nhập cho tài khoản %(username)s") % {"username": user.username},
        )


def on_login_failed(sender, credentials, request=None, **kwargs):
    record_failure(credentials.get("username", ""))
