"""With the database unreachable every page answers 503 with a plain Vietnamese page and
/healthz says so; when it comes back the same running server recovers, sessions intact."""

import json
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.db import (
    ConnectionHandler,
    close_old_connections,
    connection,
    connections,
    transaction,
)
from django.db.utils import OperationalError, ProgrammingError
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from backups.tests.helpers import (
    Installation,
    WebClient,
    free_port,
    pg_url,
    recreate_pg_database,
    start_gunicorn,
    stop,
)
from dvcq.dbdown import DatabaseUnavailableMiddleware
from dvcq.tests.tcpproxy import TcpProxy
from dvcq.views import healthz

PG_DB = "dvcq_reliab_dbdown"


def raises_no_such_table(request):
    raise OperationalError("no such table: x")


def failing_query(request):
    """A query that fails with a real OperationalError while the database is fine."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with transaction.atomic():
                cursor.execute("SET LOCAL statement_timeout = '50ms'")
                cursor.execute("SELECT pg_sleep(5)")  # canceling statement due to timeout
        else:
            cursor.execute("SELECT * FROM no_such_table_x")
    return HttpResponse("unreachable")


def unopenable_sqlite(request):
    """SQLite's own "unable to open database file": the file's folder is gone."""
    handler = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "/nonexistent/dvcq.db"}}
    )
    handler["default"].ensure_connection()
    return HttpResponse("unreachable")


def connection_lost_mid_view(request):
    """The request's PostgreSQL connection is cut (the server terminates its backend) after
    the middleware opened it, and the view's next query fails."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("unreachable")


urlpatterns = [
    path("healthz", healthz),
    path("no-such-table/", raises_no_such_table),
    path("failing-query/", failing_query),
    path("unopenable-sqlite/", unopenable_sqlite),
    path("connection-lost/", connection_lost_mid_view),
]


def test_unreachable_database_gives_the_503_page(client, db):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/tai-khoan/dang-nhap/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Hệ thống tạm thời gián đoạn" in response.content.decode()


def test_connection_lost_inside_a_view_gives_the_503_page(rf):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    response = middleware.process_exception(rf.get("/"), OperationalError("server closed"))
    assert response.status_code == 503
    assert "Không kết nối được cơ sở dữ liệu" in response.content.decode()


def test_programming_errors_are_not_hidden_as_503(rf):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(rf.get("/"), ProgrammingError("bug")) is None


@pytest.mark.urls(__name__)
def test_an_operational_error_while_the_database_answers_is_a_logged_500(db, caplog):
    response = Client(raise_request_exception=False).get("/no-such-table/")
    assert response.status_code == 500
    assert "Hệ thống tạm thời gián đoạn" not in response.content.decode()
    logged = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert logged and isinstance(logged[0].exc_info[1], OperationalError)
    assert Client().get("/healthz").status_code == 200


@pytest.mark.urls(__name__)
def test_a_real_failed_query_is_not_taken_for_an_outage(client, db):
    """SQLite: "no such table"; PostgreSQL: "canceling statement due to statement timeout".
    Both are OperationalError; the test client re-raises it because no 503 replaced it."""
    with pytest.raises(OperationalError, match=r"no such table|statement timeout"):
        client.get("/failing-query/")
    assert client.get("/healthz").status_code == 200


@pytest.mark.urls(__name__)
def test_sqlite_unable_to_open_the_database_file_gives_the_503_page(client, db):
    response = client.get("/unopenable-sqlite/")
    assert response.status_code == 503
    assert "Hệ thống tạm thời gián đoạn" in response.content.decode()


@pytest.mark.postgresql
@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_connection_lost_inside_a_view_gives_503_then_recovers(client):
    if connection.vendor != "postgresql":
        pytest.skip("cuts a PostgreSQL server connection")
    response = client.get("/connection-lost/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    # What the WSGI handler does when a request finishes (the test client leaves it out):
    # the broken connection is closed, and the next request connects afresh.
    close_old_connections()
    assert client.get("/healthz").json()["status"] == "ok"


@pytest.mark.postgresql
def test_real_server_answers_503_while_the_database_is_away_and_recovers(tmp_path):
    recreate_pg_database(PG_DB)
    direct = Installation(tmp_path, pg_url(PG_DB))
    direct.migrate()
    direct.shell(
        "from units.models import Unit; from accounts.models import User; "
        "u = Unit.objects.create(code='xa-a', name='Xã A', kind='commune'); "
        "User.objects.create_user(username='vp', password='pw-for-tests-1', unit=u, role='office')"
    )
    real = urlsplit(pg_url(PG_DB))
    proxy = TcpProxy((real.hostname, real.port or 5432)).start()
    userinfo = real.netloc.rpartition("@")[0]
    via_proxy = Installation(
        tmp_path, f"{real.scheme}://{userinfo}@127.0.0.1:{proxy.port}{real.path}"
    )
    port = free_port()
    server = start_gunicorn(via_proxy, port)
    web = WebClient(f"http://127.0.0.1:{port}")
    try:
        web.login("vp", "pw-for-tests-1")
        assert web.get("/")[0] == 200
        assert web.get("/healthz")[0] == 200

        proxy.stop()
        status, html, headers = web.get("/")
        assert status == 503
        assert "Hệ thống tạm thời gián đoạn" in html and headers["Retry-After"] == "30"
        status, body, _headers = web.get("/healthz")
        assert status == 503 and json.loads(body)["status"] == "error"

        proxy.start()  # the same port: the database is back
        assert web.get("/healthz")[0] == 200
        status, html, _headers = web.get("/")
        assert status == 200, html[:500]  # the session survived; no restart
    finally:
        stop(server)
        proxy.stop()
        recreate_pg_database(PG_DB, drop_only=True)
