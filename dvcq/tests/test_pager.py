"""The shared pager (``_pager.html``): previous / page X of Y / next, with every query
parameter of the list but ``page`` kept on its links."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def _pager(path: str, **context) -> str:
    request = RequestFactory().get(path)
    return render_to_string("_pager.html", context, request=request)


def test_page_two_of_three_keeps_the_filters_on_both_links():
    page = Paginator(range(30), 10).get_page(2)
    html = _pager("/don-thu/?q=%C4%91%E1%BA%A5t+%C4%91ai&status=open&page=2", page=page)
    assert 'aria-label="Phân trang"' in html
    assert "Trang 2/3" in html
    assert 'href="?q=%C4%91%E1%BA%A5t+%C4%91ai&amp;status=open&amp;page=1"' in html
    assert 'href="?q=%C4%91%E1%BA%A5t+%C4%91ai&amp;status=open&amp;page=3"' in html
    assert html.count("page=") == 2  # the old page number is not carried along


def test_first_and_last_pages_link_only_one_way_and_one_page_shows_no_pager():
    first = _pager("/", page=Paginator(range(30), 10).get_page(1))
    assert "Trang trước" not in first and 'href="?page=2"' in first
    last = _pager("/?unit=3", page=Paginator(range(30), 10).get_page(3))
    assert 'href="?unit=3&amp;page=2"' in last and "Trang sau" not in last
    assert _pager("/", page=Paginator(range(5), 10).get_page(1)).strip() == ""


def test_numbers_without_a_django_page_and_a_named_navigation():
    html = _pager("/tim-kiem/?q=x", page_number=2, page_count=2, pager_label="Trang kết quả")
    assert 'aria-label="Trang kết quả"' in html
    assert 'href="?q=x&amp;page=1"' in html and "Trang sau" not in html
