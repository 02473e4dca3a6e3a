"""GET /healthz: 200 with a small JSON body when the database answers, 503 otherwise."""

from unittest import mock

from django.db.utils import OperationalError


def test_healthy_database_answers_200(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_unreachable_database_answers_503(client, db):
    with mock.patch("dvcq.views.connection") as connection:
        connection.cursor.side_effect = OperationalError("connection refused")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_only_get_is_allowed(client, db):
    assert client.post("/healthz").status_code == 405
