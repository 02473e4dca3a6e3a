"""A petitioner's name or a petition's words never travel in a URL: a URL ends up in browser
history, proxy and server logs and the Referer header. Written as the clerk searching by name
and as whoever reads the logs afterwards."""

import datetime
import logging

import pytest
from django.urls import reverse

from citizens.tests.conftest import list_page, receive

NAME = "Nguyễn Thị Hằng"
FOLDED = ("Hằng", "Hang", "hang", "H%E1%BA%B1ng", "H%C3%A1")


@pytest.fixture
def petitions(commune, clerk):
    hang = receive(
        commune, clerk, day=datetime.date(2026, 8, 3), people=[{"name": NAME}], content="Đất ở"
    ).petition
    other = receive(commune, clerk, day=datetime.date(2026, 8, 4), content="Đường xóm").petition
    return hang, other


def _no_name(url: str) -> bool:
    return not any(part in url for part in FOLDED)


def test_the_search_box_posts_and_no_url_carries_the_name(client, clerk, petitions, caplog):
    hang, other = petitions
    client.force_login(clerk)
    page = client.get(reverse("citizens:list")).content.decode()
    assert '<form method="post" class="inline">' in page
    with caplog.at_level(logging.DEBUG):
        response = client.post(reverse("citizens:list"), {"q": NAME, "state": "open"})
        assert response.status_code == 302 and _no_name(response["Location"])
        found = client.get(response["Location"])
    html = found.content.decode()
    assert hang.receipt_code in html and other.receipt_code not in html
    assert NAME in html  # the box still shows what was searched
    hrefs = [part.split('"', 1)[0] for part in html.split('href="')[1:]]
    assert all(_no_name(h) for h in hrefs)
    assert all(_no_name(r.getMessage()) for r in caplog.records)


def test_a_name_in_the_query_string_searches_nothing(client, clerk, petitions):
    hang, other = petitions
    client.force_login(clerk)
    html = client.get(reverse("citizens:list"), {"q": NAME, "tim": "1"}).content.decode()
    assert hang.receipt_code in html and other.receipt_code in html  # not filtered
    assert NAME not in html.split('id="id_q"', 1)[1].split(">", 1)[0]


def test_an_empty_search_clears_the_remembered_one(client, clerk, petitions):
    _hang, other = petitions
    client.force_login(clerk)
    assert other.receipt_code not in list_page(client, q=NAME).content.decode()
    assert other.receipt_code in list_page(client, q="").content.decode()


def test_the_public_lookup_posts_and_ignores_a_query_string(client, commune, petitions):
    page = client.get(reverse("citizens:public", args=[commune.code])).content.decode()
    assert f'<form method="post" action="{reverse("citizens:lookup")}">' in page
    hang, _ = petitions
    response = client.get(reverse("citizens:lookup"), {"code": hang.receipt_code, "pin": "1"})
    assert response.status_code == 200
    assert response.context["found"] is None and not response.context["form"].is_bound


def test_the_site_search_posts_too(client, clerk, petitions):
    """The search box on every page finds petitions by their words: same rule."""
    hang, _other = petitions
    client.force_login(clerk)
    page = client.get(reverse("programs:dashboard")).content.decode()
    assert f'<form method="post" action="{reverse("search:search")}"' in page
    response = client.post(reverse("search:search"), {"q": "Đất ở"})
    assert response.status_code == 302 and "q=" not in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert reverse("citizens:detail", args=[hang.pk]) in html
    ignored = client.get(reverse("search:search"), {"q": "Đất ở"}).content.decode()
    assert reverse("citizens:detail", args=[hang.pk]) not in ignored
