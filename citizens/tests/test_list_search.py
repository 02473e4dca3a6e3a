"""The petition list's text search goes through the search index (folded words, a word's
start, the user's units only, a denunciation's summary but never its sealed content for
others), and the deadline board pages the open cases, the most urgent first."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from citizens import views
from citizens.models import CaseType, StepKind
from citizens.tests.conftest import list_page, receive, step

D = datetime.date
TODAY = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


def _codes(client, **params) -> str:
    return list_page(client, **params).content.decode()


@pytest.mark.django_db
def test_the_text_search_folds_matches_word_starts_and_combines_with_filters(
    client, commune, other_commune, clerk
):
    land = receive(commune, clerk, day=D(2026, 8, 3), content="Tranh chấp ranh giới đất ở").petition
    road = receive(commune, clerk, day=D(2026, 8, 4), content="Đường giao thông xuống cấp").petition
    step(land, clerk, StepKind.FILE, D(2026, 8, 5))  # closed
    elsewhere = receive(
        other_commune, clerk, day=D(2026, 8, 3), content="Tranh chấp đất rừng"
    ).petition
    client.force_login(clerk)
    page = _codes(client, q="TRANH CHAP")
    assert land.receipt_code in page and road.receipt_code not in page
    assert elsewhere.receipt_code not in page  # another commune's case
    page = _codes(client, q="giao thô")  # a word's start, without diacritics or with
    assert road.receipt_code in page and land.receipt_code not in page
    page = _codes(client, q="tranh", state="open")
    assert land.receipt_code not in page
    assert road.receipt_code in _codes(client, q="duong", start="2026-08-04")
    assert road.receipt_code not in _codes(client, q="duong", end="2026-08-03")


@pytest.mark.django_db
def test_a_query_of_punctuation_says_so_and_lists_nothing(client, commune, clerk):
    petition = receive(commune, clerk, day=D(2026, 8, 3)).petition
    client.force_login(clerk)
    page = _codes(client, q="?!")
    assert "chỉ có dấu câu" in page
    assert petition.receipt_code not in page


@pytest.mark.django_db
def test_a_closed_denunciation_is_found_by_its_summary_only(client, clerk, denunciation):
    step(denunciation, clerk, StepKind.FILE, D(2026, 8, 5))
    client.force_login(clerk)
    assert denunciation.receipt_code in _codes(client, q="địa chính")  # the summary
    assert denunciation.receipt_code not in _codes(client, q="nhận tiền")  # sealed content


@pytest.mark.django_db
def test_the_board_pages_the_open_cases_most_urgent_first_and_counts_them_all(
    client, commune, clerk, monkeypatch
):
    monkeypatch.setattr(views, "BOARD_PER_PAGE", 2)
    with time_machine.travel(TODAY, tick=False):
        fresh = receive(commune, clerk, day=D(2026, 11, 25)).petition
        overdue = receive(commune, clerk, day=D(2026, 11, 2)).petition
        soon = receive(commune, clerk, day=D(2026, 11, 16), case_type=CaseType.DENUNCIATION)
        closed = receive(commune, clerk, day=D(2026, 11, 3)).petition
        step(closed, clerk, StepKind.FILE, D(2026, 11, 4))
        client.force_login(clerk)
        first = client.get(reverse("citizens:board")).content.decode()
        second = client.get(reverse("citizens:board"), {"page": 2}).content.decode()
    assert f'data-code="{overdue.receipt_code}" data-state="overdue"' in first
    assert f'data-code="{soon.petition.receipt_code}" data-state="soon"' in first
    assert fresh.receipt_code not in first
    assert f'data-code="{fresh.receipt_code}" data-state="ok"' in second
    assert overdue.receipt_code not in second
    for page in (first, second):
        assert closed.receipt_code not in page
        assert 'data-count="overdue">1<' in page and 'data-count="soon">1<' in page
        assert 'data-count="ok">1<' in page
    assert "Trang 2/2" in second
