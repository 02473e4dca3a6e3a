"""Petition letters and the unit's other documents take their numbers through one path
(``outgoing.services.issue_document``): issued at the same moment from many requests on
PostgreSQL, they share the register's series with every number once and none skipped."""

import datetime
import threading

import pytest
import time_machine
from django.conf import settings

from citizens import services
from citizens.tests.conftest import StepKind, receive, step
from outgoing.models import IssuedDocument, Register
from outgoing.services import issue_document
from outgoing.tests.test_concurrency import run_together

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="concurrent issuing needs PostgreSQL (see outgoing/tests/test_concurrency.py)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

D = datetime.date
NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
TODAY = D(2026, 11, 25)
LETTERS = 6


def test_letters_and_plans_issued_at_once_share_one_series_without_gaps(commune, clerk):
    Register.objects.create(unit=commune)  # one shared series for every type
    with time_machine.travel(NOW, tick=False):
        steps = [
            step(
                receive(
                    commune, clerk, day=D(2026, 11, 16), people=[{"name": f"Người {n}"}]
                ).petition,
                clerk,
                StepKind.ACCEPT,
                D(2026, 11, 20),
            )
            for n in range(LETTERS)
        ]
        taken: list[str] = []
        lock = threading.Lock()

        def work(index):
            if index < LETTERS:
                symbol = services.issue_letter(step=steps[index], actor=clerk).document_number
            else:
                symbol = issue_document(
                    unit=commune, doc_type="Kế hoạch", day=TODAY, summary="Kế hoạch", actor=clerk
                ).number_symbol
            with lock:
                taken.append(symbol)

        assert run_together(work, LETTERS * 2) == []
    numbers = sorted(IssuedDocument.objects.filter(unit=commune).values_list("number", flat=True))
    assert numbers == list(range(1, LETTERS * 2 + 1))
    assert sum(s.endswith("/TB-UBND") for s in taken) == LETTERS
    assert sum(s.endswith("/KH-BCĐ") for s in taken) == LETTERS
