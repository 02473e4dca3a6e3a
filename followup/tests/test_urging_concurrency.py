"""Urging letters issued at the same moment on PostgreSQL (the pattern of
``outgoing/tests/test_concurrency.py``): two letters get two consecutive numbers; one letter
issued twice at once is numbered once."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from followup import urging
from followup.urging_models import LetterStatus, UrgingLetter
from outgoing.models import IssuedDocument
from outgoing.tests.test_concurrency import run_together

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="concurrent issuing needs PostgreSQL (see outgoing/tests/test_concurrency.py)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OVERDUE_ON = datetime.date(2023, 10, 15)


def submitted(program, clerk, positions):
    letters = []
    for position in positions:
        letter = urging.draft_letter(
            unit=program.unit,
            program=program,
            task_ids=[program.tasks.get(position=position).pk],
            actor=clerk,
            day=OVERDUE_ON,
        )
        letters.append(urging.move_letter(letter=letter, actor=clerk, step="submit"))
    return letters


def test_two_letters_issued_at_once_get_consecutive_numbers(program, clerk, chair):
    letters = submitted(program, clerk, [1, 2])
    actors = [clerk, chair]

    def work(index):
        urging.issue_urging_letter(
            letter=letters[index], actor=actors[index], day=timezone.localdate()
        )

    assert run_together(work, 2) == []
    numbers = sorted(IssuedDocument.objects.values_list("number", flat=True))
    assert numbers == [1, 2]
    assert UrgingLetter.objects.filter(status=LetterStatus.ISSUED).count() == 2


def test_one_letter_issued_twice_at_once_is_numbered_once(program, clerk, chair):
    (letter,) = submitted(program, clerk, [1])
    actors = [clerk, chair]

    def work(index):
        urging.issue_urging_letter(letter=letter, actor=actors[index], day=timezone.localdate())

    errors = run_together(work, 2)
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "không cấp số lại" in errors[0].messages[0]
    letter.refresh_from_db()
    assert letter.number_symbol.startswith("01/")
    assert IssuedDocument.objects.count() == 1
