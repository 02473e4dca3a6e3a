"""Clerks issuing at the same moment on PostgreSQL: every number once, none skipped.

Each thread has its own database connection and transaction, as two requests would. SQLite
cannot show this: it lets one writer at a time, and its in-memory test database is private
to one connection; ``make test`` runs these tests in its PostgreSQL half.
"""

import datetime
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from outgoing import services
from outgoing.models import IssuedDocument, Series

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason=(
            "concurrent issuing needs PostgreSQL (SQLite serialises writers and its test "
            "database is private to one connection); run with "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres"
        ),
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 8
PER_THREAD = 5
DAY = datetime.date(2024, 3, 1)


def run_together(work, count: int) -> list[BaseException]:
    """Start ``count`` threads at the same instant; return what they raised."""
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def body(index):
        try:
            start.wait()
            work(index)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=body, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a clerk is still waiting"
    return errors


def test_eight_clerks_issuing_five_documents_each_get_forty_numbers_once(commune, clerk):
    numbers: list[int] = []
    lock = threading.Lock()

    def work(index):
        for _ in range(PER_THREAD):
            document = services.issue_document(
                unit=commune, doc_type="Kế hoạch", day=DAY, summary=f"Kế hoạch {index}", actor=clerk
            )
            with lock:
                numbers.append(document.number)

    assert run_together(work, THREADS) == []
    total = THREADS * PER_THREAD
    assert sorted(numbers) == list(range(1, total + 1))
    assert Series.objects.get(unit=commune, year=2024).last_number == total
    symbols = list(IssuedDocument.objects.values_list("number_symbol", flat=True))
    assert len(symbols) == len(set(symbols)) == total


def test_next_number_alone_never_repeats_under_contention(commune):
    numbers: list[int] = []
    lock = threading.Lock()

    def work(_index):
        for _ in range(PER_THREAD):
            number = services.next_number(commune, "Báo cáo", DAY)
            with lock:
                numbers.append(number)

    assert run_together(work, THREADS) == []
    assert sorted(numbers) == list(range(1, THREADS * PER_THREAD + 1))


def test_two_clerks_issuing_the_same_program_at_once_number_it_once(seed_program, clerk, chair):
    actors = [clerk, chair]

    def work(index):
        services.issue_program(program=seed_program, actor=actors[index], day=DAY.replace(2023))

    errors = run_together(work, 2)
    assert len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert "không cấp số lại" in errors[0].messages[0]
    seed_program.refresh_from_db()
    assert seed_program.number_symbol == "01/CTr-BCĐ"
    assert IssuedDocument.objects.count() == 1
