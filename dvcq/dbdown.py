"""Database unreachable: answer 503 with a plain Vietnamese page instead of a server error.

Placed right after WhiteNoise (static files need no database), it opens the request's
database connection first (the request would open it anyway), so a server that is down or
unreachable gives 503 before any view, session or user lookup runs. A connection lost in the
middle of a view is caught by ``process_exception``. Nothing is cached: the next request
connects again, so the site recovers by itself when the database returns.

The page is a string rendered without the template engine's context processors, which could
touch the database. ``/healthz`` gets its JSON answer (503, ``"status": "error"``) here too,
before any middleware further down (sessions, second factor) could fail on the database.
"""

import logging

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

PAGE = """<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;
line-height:1.5;color:#1f2933}}h1{{font-size:1.4rem;color:#9b1c1c}}</style></head>
<body><main><h1>{title}</h1><p>{body}</p><p>{advice}</p></main></body>
</html>
"""


def unavailable_response() -> HttpResponse:
    html = PAGE.format(
        title=escape(_("Hệ thống tạm thời gián đoạn")),
        body=escape(
            _(
                "Không kết nối được cơ sở dữ liệu. Dữ liệu đã lưu không bị mất; "
                "thao tác vừa rồi chưa được ghi."
            )
        ),
        advice=escape(
            _(
                "Vui lòng thử lại sau ít phút. Nếu tình trạng kéo dài, hãy báo cán bộ "
                "quản trị hệ thống."
            )
        ),
    )
    response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def health_response() -> JsonResponse:
    """What ``dvcq.views.healthz`` answers when the database does not."""
    return JsonResponse(
        {
            "status": "error",
            "database": "unreachable",
            "message": _("Không kết nối được cơ sở dữ liệu."),
        },
        status=503,
        headers={"Cache-Control": "no-store"},
    )


class DatabaseUnavailableMiddleware:
    health_path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def _answer(self, request) -> HttpResponse:
        return health_response() if request.path == self.health_path else unavailable_response()

    def __call__(self, request):
        try:
            connections["default"].ensure_connection()
        except UNAVAILABLE as exc:
            log.warning("database unreachable: %s", exc)
            return self._answer(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNAVAILABLE):
            log.warning("database lost during %s: %s", request.path, exception)
            return self._answer(request)
        return None
