"""The monthly petition tally: kept by the database's triggers through every kind of write
(the intake service, steps, a queryset ``update``, ``bulk_create``, deletes), on SQLite and
PostgreSQL; put back after a migration that lost its triggers."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from citizens import tally
from citizens.models import Petition, PetitionTally, Status, StepKind
from citizens.tests.conftest import receive, step

D = datetime.date
NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


def tallied(unit):
    return {
        (t.month, t.status): t.petitions
        for t in PetitionTally.objects.filter(unit=unit).exclude(petitions=0)
    }


@pytest.mark.django_db
def test_every_write_moves_the_tally_with_the_petitions(commune, other_commune, clerk):
    with time_machine.travel(NOW, tick=False):
        first = receive(commune, clerk, day=D(2026, 7, 1), content="Khiếu nại thứ nhất").petition
        second = receive(commune, clerk, day=D(2026, 7, 31), content="Khiếu nại thứ hai").petition
        receive(commune, clerk, day=D(2026, 8, 1), content="Khiếu nại thứ ba")
        july, august = D(2026, 7, 1), D(2026, 8, 1)
        assert tallied(commune) == {(july, "received"): 2, (august, "received"): 1}

        step(first, clerk, StepKind.ACCEPT, D(2026, 7, 3))
        assert tallied(commune) == {
            (july, "received"): 1,
            (july, "accepted"): 1,
            (august, "received"): 1,
        }
    # A queryset update sends no signal; the trigger still sees it.
    Petition.objects.filter(pk=second.pk).update(received_on=D(2026, 6, 30), unit=other_commune)
    assert tallied(commune) == {(july, "accepted"): 1, (august, "received"): 1}
    assert tallied(other_commune) == {(D(2026, 6, 1), "received"): 1}
    # Saving without a change of month, unit or status changes nothing.
    first.refresh_from_db()
    first.received_on = D(2026, 7, 2)
    first.save()
    assert tallied(commune) == {(july, "accepted"): 1, (august, "received"): 1}

    copy = Petition.objects.get(pk=first.pk)
    copy.pk, copy.receipt_code, copy.status = None, "copy-1", Status.CLOSED
    Petition.objects.bulk_create([copy])
    assert tallied(commune)[(july, "closed")] == 1

    Petition.objects.filter(pk=copy.pk).delete()
    assert (july, "closed") not in tallied(commune)
    assert tally.check() == []


@pytest.mark.django_db
def test_check_finds_a_tally_that_disagrees_and_rebuild_mends_it(commune, clerk):
    with time_machine.travel(NOW, tick=False):
        receive(commune, clerk, day=D(2026, 3, 9))
    PetitionTally.objects.filter(unit=commune).update(petitions=5)
    PetitionTally.objects.create(unit=commune, month=D(2020, 1, 1), status="closed", petitions=2)
    assert sorted(tally.check()) == sorted(
        [
            (commune.pk, tally_month(D(2026, 3, 1)), "received", 5, 1),
            (commune.pk, tally_month(D(2020, 1, 1)), "closed", 2, 0),
        ]
    )
    tally.rebuild()
    assert tally.check() == []
    assert tallied(commune) == {(D(2026, 3, 1), "received"): 1}


def tally_month(day):
    """How the database hands a month back through a raw cursor."""
    return day if connection.vendor == "postgresql" else day.isoformat()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_lost_triggers_are_put_back_and_the_tally_recounted(commune, clerk):
    tally.drop_triggers(connection)
    with time_machine.travel(NOW, tick=False):
        receive(commune, clerk, day=D(2026, 4, 2))
    assert tallied(commune) == {}
    assert tally.ensure() is True
    assert tallied(commune) == {(D(2026, 4, 1), "received"): 1}
    assert tally.ensure() is False  # nothing to do the second time
    with time_machine.travel(NOW, tick=False):
        receive(commune, clerk, day=D(2026, 4, 3))
    assert tallied(commune) == {(D(2026, 4, 1), "received"): 2}


@pytest.mark.django_db
def test_the_command_reports_a_mismatch_and_rebuilds(commune, clerk):
    with time_machine.travel(NOW, tick=False):
        receive(commune, clerk, day=D(2026, 5, 5))
    out = io.StringIO()
    call_command("petition_tally", stdout=out)
    assert "khớp" in out.getvalue()
    PetitionTally.objects.update(petitions=7)
    with pytest.raises(CommandError, match="1 dòng không khớp"):
        call_command("petition_tally", stdout=io.StringIO())
    call_command("petition_tally", "--rebuild", stdout=out)
    assert tallied(commune) == {(D(2026, 5, 1), "received"): 1}
