"""Every list and dashboard page runs the same, bounded number of SQL queries whatever the
amount of data: each page is fetched on a small and on a larger synthetic province."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from programs.models import Program, Task
from synthetic.generate import PROVINCE_VIEWER, Generator, Options

TODAY = datetime.date(2025, 11, 20)
BUDGET = 40
SMALL = {"communes": 2, "petitions": 30}
LARGE = {"communes": 6, "petitions": 90}


# The petition search is posted (no words in a URL); the list then opens with ``tim=1``.
SEARCHED_LIST = "/cong-dan/don/?tim=1"
SEARCH = {"q": "dat"}


def pages():
    office = User.objects.get(username="syn-0001-vanphong")
    program = Program.objects.filter(unit=office.unit).order_by("-year").first()
    task = Task.objects.filter(program=program).order_by("position")[3]
    code = office.unit.code
    return [
        ("dashboard", "office", reverse("programs:dashboard")),
        ("program", "office", reverse("programs:program", args=[program.pk])),
        ("program list", "office", reverse("programs:program_list")),
        ("task list", "office", reverse("programs:task_list") + "?q=dan&quarter=4&status=done"),
        ("task", "office", reverse("programs:task", args=[task.pk])),
        ("petition board", "office", reverse("citizens:board")),
        ("petition list", "office", SEARCHED_LIST),
        ("petition list, province", "viewer", SEARCHED_LIST),
        ("reception register", "office", reverse("citizens:register")),
        ("province dashboard", "viewer", reverse("reports:dashboard")),
        ("public page", None, reverse("citizens:public", args=[code])),
        ("committee", "office", reverse("committee:page")),
        ("activities", "office", reverse("activities:list")),
        ("activities, province", "viewer", reverse("activities:list")),
        ("meetings", "office", reverse("meetings:list")),
        ("inspections", "office", reverse("inspections:list")),
        ("bright spots", "office", reverse("brightspots:list")),
        ("reports", "office", reverse("reports:list")),
    ]


def count_queries(client, size: dict) -> dict:
    counts = {}
    with transaction.atomic():
        Generator(Options(years=1, seed=3, today=TODAY, progress=False, **size)).run()
        users = {
            "office": User.objects.get(username="syn-0001-vanphong"),
            "viewer": User.objects.get(username=PROVINCE_VIEWER),
        }
        for name, who, url in pages():
            client.logout()
            if who:
                client.force_login(users[who])
            if url == SEARCHED_LIST:
                client.post(reverse("citizens:list"), SEARCH)
            client.get(url)  # warm caches (content types, calendar) as a running server has
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (name, response.status_code)
            counts[name] = len(queries)
        transaction.set_rollback(True)
    return counts


@pytest.mark.django_db
def test_pages_run_the_same_bounded_number_of_queries(client):
    small = count_queries(client, SMALL)
    large = count_queries(client, LARGE)
    grew = {name: (small[name], large[name]) for name in small if large[name] != small[name]}
    assert not grew, f"queries grow with the data (small, large): {grew}"
    over = {name: n for name, n in large.items() if n > BUDGET}
    assert not over, f"pages over {BUDGET} queries: {over}"
