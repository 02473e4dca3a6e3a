"""Fixtures of the outgoing documents tests: the seed program imported as the clerk has it."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from programs.models import Program

SEED = Path(settings.BASE_DIR) / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"


@pytest.fixture
def seed_program(commune):
    call_command("import_program", str(SEED), unit=commune.code, stdout=StringIO())
    return Program.objects.get(unit=commune, year=2023)


@pytest.fixture
def issued_program(seed_program, clerk):
    from outgoing.services import issue_program

    issue_program(program=seed_program, actor=clerk, day=datetime.date(2023, 1, 5))
    seed_program.refresh_from_db()
    return seed_program
