"""The petition list at province scale: it lists at most ``MAX_LISTED`` cases (the newest
received) and says so when more match, reads only the shown page's rows, runs the same
number of queries however many cases there are, and its text search gives the same answers
whichever way the search index is asked (every match listed, or one test per case)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citizens import views
from citizens.tests.conftest import list_page, receive
from search import services as search_services

D = datetime.date
CAPPED = "đơn phù hợp; chỉ hiện"


def _page(client, **params) -> str:
    response = list_page(client, **params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_list_shows_the_newest_cases_up_to_the_cap_and_says_when_more_match(
    client, commune, clerk, monkeypatch
):
    monkeypatch.setattr(views, "MAX_LISTED", 3)
    monkeypatch.setattr(views, "PETITIONS_PER_PAGE", 2)
    cases = [receive(commune, clerk, day=D(2026, 8, day)).petition for day in range(1, 6)]
    newest_first = [p.receipt_code for p in reversed(cases)]
    client.force_login(clerk)

    first = _page(client)
    assert newest_first[0] in first and newest_first[1] in first
    assert "Hơn 3 " + CAPPED in first
    assert "page=2" in first  # the pager leads to the second and last page
    second = _page(client, page=2)
    assert newest_first[2] in second
    assert not any(code in second for code in newest_first[3:])
    assert "page=3" not in second

    # A filter that leaves fewer cases than the cap lists them all, without the message.
    narrowed = _page(client, start="2026-08-03")
    assert CAPPED not in narrowed
    assert "page=2" in narrowed
    assert newest_first[0] in narrowed and newest_first[1] in narrowed


@pytest.mark.django_db
def test_the_list_runs_the_same_queries_for_few_and_many_cases_and_counts_no_table(
    client, commune, clerk, province_viewer
):
    def queries(user, **params):
        client.force_login(user)
        _page(client, **params)  # warm caches (content types, calendar)
        with CaptureQueriesContext(connection) as captured:
            _page(client, **params)
        return [q["sql"] for q in captured.captured_queries]

    receive(commune, clerk, day=D(2026, 8, 1))
    few = {
        (user.username, tuple(params.items())): len(queries(user, **params))
        for user in (clerk, province_viewer)
        for params in ({}, {"q": "dat"})
    }
    for day in range(2, 29):
        receive(commune, clerk, day=D(2026, 8, day))
    many = {
        (user.username, tuple(params.items())): queries(user, **params)
        for user in (clerk, province_viewer)
        for params in ({}, {"q": "dat"})
    }
    assert {key: len(sql) for key, sql in many.items()} == few
    for sql in many.values():
        counts = [q for q in sql if "COUNT(" in q.upper() and "citizens_petition" in q]
        assert not counts, counts  # no count of every matching case


@pytest.mark.django_db
@pytest.mark.parametrize("many_matches", [False, True])
def test_the_text_search_finds_the_same_cases_however_the_index_is_asked(
    client, commune, other_commune, clerk, province_viewer, monkeypatch, many_matches
):
    if many_matches:  # every search counts as one with many matches: one test per case
        monkeypatch.setattr(search_services, "MANY_MATCHES", 1)
    land = receive(commune, clerk, day=D(2026, 8, 3), content="Tranh chấp ranh giới đất ở").petition
    road = receive(commune, clerk, day=D(2026, 8, 4), content="Đường giao thông xuống cấp").petition
    elsewhere = receive(
        other_commune, clerk, day=D(2026, 8, 3), content="Tranh chấp đất rừng"
    ).petition
    client.force_login(clerk)
    page = _page(client, q="tranh chap")
    assert land.receipt_code in page
    assert road.receipt_code not in page and elsewhere.receipt_code not in page
    assert road.receipt_code in _page(client, q="giao thô")
    assert road.receipt_code not in _page(client, q="duong", end="2026-08-03")
    client.force_login(province_viewer)
    page = _page(client, q="tranh chap")
    assert land.receipt_code in page and elsewhere.receipt_code in page
    assert road.receipt_code not in page
