"""Database unreachable: answer 503 with a plain Vietnamese page instead of a server error.

Placed right after WhiteNoise (static files need no database), it opens the request's
database connection first (the request would open it anyway), so a server that is down or
unreachable gives 503 before any view, session or user lookup runs. A connection lost in the
middle of a view is caught by ``process_exception``, which answers 503 only for a real outage:
a connection-class error (psycopg's connection failures, SQLSTATE class 08, a server shutting
down; SQLite's "unable to open database file" or I/O error), or any other OperationalError or
InterfaceError when a fresh connection cannot run ``SELECT 1`` either. A query that failed on a
database that still answers (SQLite's "no such table", PostgreSQL's statement timeout, a lock
that was not granted, a bug) stays an ordinary logged 500. Nothing is cached: the next request
connects again, so the site recovers by itself when the database returns.

The page is a string rendered without the template engine's context processors, which could
touch the database. ``/healthz`` gets its JSON answer (503, ``"status": "error"``) here too,
before any middleware further down (sessions, second factor) could fail on the database.
"""

import contextlib
import logging
import sqlite3

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

# PostgreSQL SQLSTATEs of a server that cannot be used: class 08 (connection exception),
# admin or crash shutdown, "cannot connect now" (starting up, recovering), too many clients.
PG_DOWN_STATES = ("08", "57P01", "57P02", "57P03", "53300")
# SQLite primary result codes: SQLITE_IOERR, SQLITE_CANTOPEN.
SQLITE_DOWN_CODES = {10, 14}
# What the drivers say when the connection itself failed, for errors that carry no code
# (and for Django's own exceptions raised with a message only).
DOWN_MESSAGES = (
    "unable to open database file",
    "disk i/o error",
    "server closed",
    "terminating connection",
    "could not connect",
    "connection refused",
    "connection failed",
    "connection is closed",
    "connection already closed",
    "connection is lost",
    "consuming input failed",
    "sending query failed",
    "no connection to the server",
    "ssl syscall error",
    "the database system is",
)


def _chain(exception: BaseException):
    """The exception and the driver's exceptions it wraps (Django sets ``__cause__``)."""
    seen = set()
    while exception is not None and id(exception) not in seen and len(seen) < 8:
        seen.add(id(exception))
        yield exception
        exception = exception.__cause__


def is_connection_failure(exception: BaseException) -> bool:
    """Whether the error is about reaching the database rather than about one query."""
    for error in _chain(exception):
        if isinstance(error, psycopg.Error):
            state = error.sqlstate
            if state is None and isinstance(
                error, psycopg.OperationalError | psycopg.InterfaceError
            ):
                return True  # raised by the client: connection failed, lost or closed
            if state is not None and state.startswith(PG_DOWN_STATES):
                return True
            if state is not None:
                return False  # the server answered with an error about this statement
        if isinstance(error, sqlite3.Error):
            code = getattr(error, "sqlite_errorcode", None)
            if code is not None:
                return code & 0xFF in SQLITE_DOWN_CODES
        if any(text in str(error).lower() for text in DOWN_MESSAGES):
            return True
    return False


def database_answers(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether a new connection (not the request's, which may be mid-transaction) can run
    ``SELECT 1``."""
    probe = connections.create_connection(alias)
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    except Exception:
        log.exception("could not check whether the database answers")
        return True  # let the original error show as what it is
    finally:
        with contextlib.suppress(Exception):
            probe.close()
    return True


def database_down(exception: BaseException) -> bool:
    """Whether an OperationalError / InterfaceError means the database is unavailable."""
    return is_connection_failure(exception) or not database_answers()


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
        if isinstance(exception, UNAVAILABLE) and database_down(exception):
            log.warning("database lost during %s: %s", request.path, exception)
            return self._answer(request)
        return None  # anything else is a server error, logged as such
