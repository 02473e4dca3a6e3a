"""Bad input anywhere gives one JSON error shape with a Vietnamese message; never a 500 page."""

import pytest
from django.test import Client

from api import views
from api.pagination import MAX_LIMIT
from api.tests.conftest import error_of
from conftest import make_program


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "-5"}, "limit"),
        ({"limit": str(MAX_LIMIT + 1)}, "limit"),
        ({"limit": "1" * 40}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "9" * 30}, "offset"),
        ({"offset": "1.5"}, "offset"),
    ],
)
def test_page_bounds_are_400_with_the_limits(api, clerk, program, params, field):
    response = api(clerk).get("/api/v1/tasks/", params)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid"
    assert field in error["details"]
    assert "phải là số nguyên" in error["details"][field][0]


def test_pages_walk_the_whole_list(api, clerk, commune):
    make_program(commune, year=2024, tasks=7)
    client = api(clerk)
    first = client.get("/api/v1/tasks/", {"limit": 3}).json()
    assert first["count"] == 7 and len(first["results"]) == 3
    assert "offset=3" in first["next"]
    last = client.get("/api/v1/tasks/", {"limit": 3, "offset": 6}).json()
    assert len(last["results"]) == 1 and last["next"] is None
    beyond = client.get("/api/v1/tasks/", {"limit": MAX_LIMIT, "offset": 1000}).json()
    assert beyond["results"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "xong"}, "status"),
        ({"year": "năm nay"}, "year"),
        ({"year": "99999"}, "year"),
        ({"unit": "-1"}, "unit"),
        ({"date_from": "31/12/2023"}, "date_from"),
        ({"program": "x" * 10_000}, "program"),
    ],
)
def test_bad_filters_are_400(api, clerk, program, params, field):
    response = api(clerk).get("/api/v1/tasks/", params)
    assert response.status_code == 400
    assert field in error_of(response)["details"]


def test_unknown_query_parameters_are_400(api, clerk, program):
    response = api(clerk).get("/api/v1/tasks/", {"stauts": "done"})
    assert response.status_code == 400
    assert error_of(response)["details"] == {"stauts": ["Tham số không được hỗ trợ."]}
    detail = api(clerk).get(f"/api/v1/programs/{program.pk}/", {"limit": "5"})
    assert detail.status_code == 400


def test_a_reversed_date_range_is_an_empty_list(api, clerk, program):
    response = api(clerk).get(
        "/api/v1/tasks/", {"date_from": "2023-12-31", "date_to": "2023-01-01"}
    )
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_unknown_addresses_and_methods(api, clerk, program):
    client = api(clerk)
    for path in ("/api/v1/khong-co/", "/api/v1/tasks/abc/", "/api/v1/tasks/999999999/"):
        response = client.get(path)
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
    deleted = client.delete(f"/api/v1/programs/{program.pk}/")
    assert deleted.status_code == 405
    assert error_of(deleted)["code"] == "method_not_allowed"
    html = client.get("/api/v1/tasks/", HTTP_ACCEPT="text/html")
    assert html.status_code in (200, 406)
    if html.status_code == 406:
        assert error_of(html)["code"] == "not_acceptable"


def test_messages_are_vietnamese(api, clerk, task):
    response = api(clerk, "read_write").patch(f"/api/v1/tasks/{task.pk}/", {"progress": 101})
    assert error_of(response)["message"] == "Dữ liệu gửi lên không hợp lệ."
    assert error_of(response)["details"]["progress"] == ["Tiến độ phải từ 0 đến 100%."]


def test_an_unexpected_failure_is_a_json_500_without_internals(api, clerk, program, monkeypatch):
    def broken(self):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(views.ProgramViewSet, "base_queryset", broken)
    response = api(clerk).get("/api/v1/programs/")
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "server_error"
    assert "secret internal detail" not in response.content.decode()


def test_errors_before_authentication_have_the_same_shape(db):
    response = Client().patch("/api/v1/tasks/1/", "{", content_type="application/json")
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthenticated"
