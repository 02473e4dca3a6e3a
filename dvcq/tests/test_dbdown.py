"""With the database unreachable every page answers 503 with a plain Vietnamese page and
/healthz says so; when it comes back the same running server recovers, sessions intact."""

import json
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.db.utils import OperationalError, ProgrammingError

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

PG_DB = "dvcq_reliab_dbdown"


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


@pytest.mark.postgresql
def test_real_server_answers_503_while_the_database_is_away_and_recovers(tmp_path):
    recreate_pg_database(PG_DB)
    direct = Installation(tmp_path, pg_url(PG_DB))
    direct.run("migrate", "--noinput", "-v", "0")
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
