"""One JSON shape for every API error::

    {"error": {"code": "not_found", "message": "<Vietnamese>", "details": ...}}

``details`` carries field errors for a 400 and is ``null`` otherwise. Unexpected exceptions
are logged and answered with a 500 in the same shape, never with Django's HTML page.
"""

import logging
import math

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

logger = logging.getLogger(__name__)


def _messages():
    return {
        exceptions.ParseError: ("malformed", _("Nội dung gửi lên không đúng cú pháp JSON.")),
        exceptions.ValidationError: ("invalid", _("Dữ liệu gửi lên không hợp lệ.")),
        exceptions.NotAuthenticated: (
            "unauthenticated",
            _("Cần khoá API: gửi tiêu đề “Authorization: Bearer <khoá>”."),
        ),
        exceptions.AuthenticationFailed: (
            "unauthenticated",
            _("Khoá API không đúng hoặc đã bị thu hồi."),
        ),
        exceptions.PermissionDenied: ("forbidden", _("Bạn không có quyền thực hiện thao tác này.")),
        exceptions.NotFound: ("not_found", _("Không tìm thấy.")),
        exceptions.MethodNotAllowed: (
            "method_not_allowed",
            _("Phương thức này không được hỗ trợ ở địa chỉ này."),
        ),
        exceptions.NotAcceptable: (
            "not_acceptable",
            _("API chỉ trả về JSON (Accept: application/json)."),
        ),
        exceptions.UnsupportedMediaType: (
            "unsupported_media_type",
            _("Kiểu nội dung không được hỗ trợ: dùng application/json hoặc multipart/form-data."),
        ),
        exceptions.Throttled: ("rate_limited", _("Quá nhiều yêu cầu.")),
    }


def error_body(code: str, message: str, details=None) -> dict:
    return {"error": {"code": code, "message": message, "details": details}}


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        view = context.get("view")
        logger.exception("API error in %s", type(view).__name__ if view else "?", exc_info=exc)
        set_rollback()
        return Response(
            error_body("server_error", _("Lỗi hệ thống; yêu cầu chưa được thực hiện.")),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    code, message = "error", _("Yêu cầu không thực hiện được.")
    for cls in type(exc).__mro__:
        found = _messages().get(cls)
        if found:
            code, message = found
            break
    details = None
    if isinstance(exc, exceptions.ValidationError):
        details = exc.detail
    elif (
        # Our own Vietnamese reasons (read-only token, malformed header) are worth showing.
        isinstance(exc, exceptions.PermissionDenied | exceptions.AuthenticationFailed)
        and isinstance(exc.detail, str)
        and exc.detail
        not in (
            exceptions.PermissionDenied.default_detail,
            exceptions.AuthenticationFailed.default_detail,
        )
    ):
        message = str(exc.detail)
    if isinstance(exc, exceptions.Throttled):
        headers["Retry-After"] = str(max(math.ceil(exc.wait or 1), 1))
        message = _("Quá nhiều yêu cầu với khoá API này; hãy thử lại sau %(s)s giây.") % {
            "s": headers["Retry-After"]
        }
        details = {"retry_after": int(headers["Retry-After"])}
    set_rollback()
    return Response(error_body(code, message, details), status=exc.status_code, headers=headers)


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any address under /api/v1/ that names no endpoint."""
    return JsonResponse(
        error_body("not_found", _("Không có địa chỉ API này.")),
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
