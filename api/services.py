"""Creating, finding and revoking API tokens (every change audited)."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken, TokenScope
from audit.services import record

KEY_PREFIX = "dvcq_"
MAX_ACTIVE_TOKENS = 20
# last_used is written at most this often per token, not on every request.
LAST_USED_RESOLUTION_SECONDS = 60


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def issue_token(user, name: str, scope: str) -> tuple[ApiToken, str]:
    """Create a token; returns it with the plain key, which is not stored anywhere."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            _("Vui lòng đặt tên gợi nhớ cho khoá (ví dụ: Phần mềm quản lý văn bản).")
        )
    if len(name) > 100:
        raise ValidationError(_("Tên gợi nhớ dài quá 100 ký tự."))
    if scope not in TokenScope.values:
        raise ValidationError(_("Quyền của khoá không hợp lệ."))
    if user.unit_id is None:
        raise ValidationError(_("Tài khoản chưa thuộc đơn vị nào nên không tạo được khoá API."))
    if user.api_tokens.filter(revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Đã có %(n)s khoá đang dùng; hãy thu hồi khoá không cần nữa trước khi tạo khoá mới.")
            % {"n": MAX_ACTIVE_TOKENS}
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, scope=scope, key_hash=hash_key(key), prefix=key[:10]
    )
    record(
        actor=user,
        unit=user.unit,
        target=token,
        verb="create",
        summary=_("Tạo khoá API “%(name)s” (%(scope)s)")
        % {"name": name, "scope": token.get_scope_display()},
    )
    return token, key


@transaction.atomic
def revoke_token(token: ApiToken, actor) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    if token.user.unit_id is not None:
        record(
            actor=actor,
            unit=token.user.unit,
            target=token,
            verb="change",
            summary=_("Thu hồi khoá API “%(name)s”") % {"name": token.name},
        )


def active_token(key: str) -> ApiToken | None:
    """The live token for a plain key, or ``None`` (unknown, revoked, inactive user)."""
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user__unit")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active or token.user.unit_id is None:
        return None
    return token


def touch(token: ApiToken) -> None:
    """Remember when the token was last used (at most once a minute)."""
    now = timezone.now()
    if token.last_used and (now - token.last_used).total_seconds() < LAST_USED_RESOLUTION_SECONDS:
        return
    token.last_used = now
    ApiToken.objects.filter(pk=token.pk).update(last_used=now)
