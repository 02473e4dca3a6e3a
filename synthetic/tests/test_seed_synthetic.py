"""``dvcq seed-synthetic`` on a tiny province: the counts, the same data from the same seed,
sealed identities, and the main pages working for a synthetic user."""

import datetime
import hashlib
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from accounts.models import Role, User
from citizens import tally
from citizens.models import CaseType, HandlingStep, Petition, Petitioner, Visit
from committee.models import CommitteeMember
from programs.models import Evidence, Program, Task, TaskUpdate
from synthetic.generate import PROVINCE_CODE, PROVINCE_VIEWER, Generator, Options
from units.models import Hamlet, Unit

TODAY = datetime.date(2025, 11, 20)


def generate(seed=7, communes=2, years=1, petitions=20, provinces=1):
    return Generator(
        Options(
            communes=communes,
            provinces=provinces,
            years=years,
            seed=seed,
            petitions=petitions,
            today=TODAY,
            progress=False,
        )
    ).run()


def snapshot() -> dict:
    return {
        "units": sorted(Unit.objects.values_list("code", "name", "kind")),
        "hamlets": sorted(Hamlet.objects.values_list("unit__code", "name")),
        "users": sorted(User.objects.values_list("username", "last_name", "first_name", "role")),
        "tasks": sorted(
            Task.objects.values_list(
                "unit__code", "program__year", "position", "text", "status", "progress", "due_date"
            )
        ),
        "updates": TaskUpdate.objects.count(),
        "petitions": sorted(
            Petition.objects.values_list(
                "unit__code",
                "receipt_code",
                "received_on",
                "case_type",
                "status",
                "result",
                "content_fold",
                "names_fold",
                "closed_on",
            )
        ),
        "identities": sorted(
            (p.petition.receipt_code, p.position, tuple(sorted(p.identity.items())))
            for p in Petitioner.objects.select_related("petition")
        ),
        "steps": sorted(
            HandlingStep.objects.values_list("petition__receipt_code", "kind", "date", "result")
        ),
    }


@pytest.mark.django_db
def test_tiny_province_has_the_expected_counts():
    summary = generate()
    share = (TODAY - datetime.date(2025, 1, 1)).days / 365
    per_commune = round(20 * share)
    assert Unit.objects.get(code=PROVINCE_CODE).children.count() == 2
    assert User.objects.filter(username__startswith="syn-").count() == 2 * 6 + 1
    assert User.objects.filter(role=Role.OFFICE, unit__parent__code=PROVINCE_CODE).count() == 2
    assert CommitteeMember.objects.filter(unit__parent__code=PROVINCE_CODE).count() >= 2 * 9
    assert Program.objects.count() == 2
    assert Task.objects.count() == 2 * 29  # the seed program's 29 items
    assert TaskUpdate.objects.exists() and Evidence.objects.exists()
    assert Petition.objects.count() == 2 * per_commune == summary.counts["petitions"]
    assert Petitioner.objects.count() == summary.counts["petitioners"]
    assert Visit.objects.count() == summary.counts["reception visits"] > 0
    statuses = set(Task.objects.values_list("status", flat=True))
    assert {"done", "in_progress"} <= statuses
    # Every unit's path is its parent's path and its own id.
    for unit in Unit.objects.filter(parent__code=PROVINCE_CODE):
        assert unit.path == f"{unit.parent.path}{unit.pk}/"


@pytest.mark.django_db
def test_communes_are_spread_over_the_provinces_each_a_root_with_its_viewer():
    summary = generate(communes=7, provinces=3, petitions=2)
    provinces = list(Unit.objects.filter(parent=None).order_by("code"))
    assert [u.code for u in provinces] == [
        PROVINCE_CODE,
        f"{PROVINCE_CODE}-02",
        f"{PROVINCE_CODE}-03",
    ]
    assert len({u.name for u in provinces}) == 3
    assert [u.children.count() for u in provinces] == [3, 2, 2]
    assert summary.counts["units"] == 10
    for number, province in enumerate(provinces, start=1):
        viewer = User.objects.get(unit=province)
        assert viewer.username == (PROVINCE_VIEWER if number == 1 else f"{province.code}-xem")
        assert viewer.role == Role.VIEWER
        for commune in province.children.all():
            assert commune.path == f"{province.path}{commune.pk}/"


def test_the_national_case_means_34_provinces_unless_told():
    from synthetic.generate import default_provinces

    assert default_provinces(130) == 1
    assert default_provinces(3321) == 34


@pytest.mark.django_db
def test_command_refuses_more_provinces_than_communes():
    with pytest.raises(Exception, match="--provinces"):
        call_command("seed_synthetic", communes=2, provinces=3, years=1, no_progress=True)
    with pytest.raises(Exception, match="--provinces"):
        call_command("seed_synthetic", communes=2, provinces=0, years=1, no_progress=True)
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_identities_are_sealed_and_realistic():
    generate(petitions=40)
    petitioner = Petitioner.objects.first()
    name = petitioner.identity["name"]
    assert len(name.split(" ")) == 3
    assert name not in petitioner.sealed
    for petition in Petition.objects.filter(case_type=CaseType.DENUNCIATION):
        assert petition.names_fold == ""
        if hasattr(petition, "sealed_content"):
            assert petition.content == "" and petition.sealed_content


@pytest.mark.django_db
def test_same_seed_gives_the_same_province():
    with transaction.atomic():
        generate(seed=11)
        first = snapshot()
        transaction.set_rollback(True)
    with transaction.atomic():
        generate(seed=11)
        second = snapshot()
        transaction.set_rollback(True)
    generate(seed=12)
    other = snapshot()
    assert first == second
    assert first["petitions"] != other["petitions"]


@pytest.mark.django_db
def test_command_refuses_to_seed_twice():
    out = io.StringIO()
    call_command("seed_synthetic", communes=1, years=1, petitions=3, no_progress=True, stdout=out)
    assert "petitions" in out.getvalue()
    # What the bulk inserts wrote is searchable: the index was rebuilt after them.
    from citizens.models import Petition
    from search.models import SearchEntry

    assert SearchEntry.objects.filter(kind="petition").count() == Petition.objects.count() > 0
    with pytest.raises(Exception, match="tổng hợp"):
        call_command("seed_synthetic", communes=1, years=1, petitions=3, no_progress=True)


@pytest.mark.django_db
def test_main_pages_render_for_synthetic_users(client):
    generate()
    office = User.objects.get(username="syn-0001-vanphong")
    commune = office.unit
    program = Program.objects.get(unit=commune)
    task = Task.objects.filter(unit=commune).first()
    client.force_login(office)
    pages = [
        reverse("programs:dashboard"),
        reverse("programs:program", args=[program.pk]),
        reverse("programs:task_list") + "?quarter=4&status=overdue&q=dan",
        reverse("programs:task", args=[task.pk]),
        reverse("citizens:board"),
        reverse("citizens:list") + "?tim=1",  # the search posted just below
        reverse("citizens:public", args=[commune.code]),
    ]
    client.post(reverse("citizens:list"), {"q": "dat"})
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    assert commune.name in client.get(reverse("programs:dashboard")).content.decode()
    client.force_login(User.objects.get(username=PROVINCE_VIEWER))
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert commune.name in response.content.decode()


# The digest of ``fingerprint()`` for ``generate(seed=5)``, computed on SQLite: PostgreSQL
# (``COPY`` instead of ``executemany``) must write the same province. A deliberate change to
# the generator or its vocabulary changes it; update it from a SQLite run then.
FINGERPRINTED = (Unit, Hamlet, User, CommitteeMember, Program, Task, TaskUpdate, Evidence)
FINGERPRINTED += (Petition, Petitioner, HandlingStep, Visit)
FINGERPRINT = "386b6975c35c2259bdfb98ea0d2d0442df15f50d24c824b1fa7407fa6fb6b67a"


def fingerprint() -> tuple[dict, str]:
    """Counts per table and a digest of the rows by their natural keys (ids, sealed tokens
    and timestamps differ between runs and backends)."""
    counts = {model.__name__: model._base_manager.count() for model in FINGERPRINTED}
    data = snapshot()
    data["visits"] = sorted(
        (v.unit.code, v.date, v.number, v.content, tuple(sorted(v.identity.items())))
        for v in Visit.objects.select_related("unit")
    )
    return counts, hashlib.sha256(repr((counts, data)).encode()).hexdigest()


@pytest.mark.django_db
def test_every_database_writes_the_same_province():
    generate(seed=5)
    counts, digest = fingerprint()
    assert counts["Petition"] > 0 and counts["Petitioner"] > 0 and counts["Visit"] > 0
    assert digest == FINGERPRINT, (digest, counts)
    # The petitions went in by COPY / executemany: the triggers tallied every one.
    assert tally.check() == []


@pytest.mark.django_db
def test_an_interrupted_seed_leaves_nothing_behind(monkeypatch):
    calls = []

    def failing(self, unit, users, hamlets):
        calls.append(unit.code)
        if len(calls) == 2:
            raise RuntimeError("interrupted")
        original(self, unit, users, hamlets)

    original = Generator.petitions
    monkeypatch.setattr(Generator, "petitions", failing)
    with pytest.raises(RuntimeError, match="interrupted"):
        call_command("seed_synthetic", communes=2, years=1, petitions=3, no_progress=True)
    assert not Unit.objects.filter(code__startswith="syn-").exists()
    assert not Petition.objects.exists() and not User.objects.filter(username__startswith="syn-")
    assert tally.ensure() is False  # the rollback brought the tally's triggers back
    monkeypatch.undo()
    call_command(
        "seed_synthetic", communes=2, years=1, petitions=3, no_progress=True, stdout=io.StringIO()
    )
    assert Unit.objects.get(code=PROVINCE_CODE).children.count() == 2


@pytest.mark.django_db
def test_postgresql_planner_knows_the_seeded_rows_sqlite_is_left_without_statistics():
    """After the bulk load the tables are analysed on PostgreSQL (its planner otherwise
    plans for empty tables); SQLite gets no statistics (they made its planner slower)."""
    from django.db import connection

    out = io.StringIO()
    call_command("seed_synthetic", communes=1, years=1, petitions=5, no_progress=True, stdout=out)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'citizens_petition'")
            assert cursor.fetchone()[0] == Petition.objects.count() > 0
            assert "ANALYZE" in out.getvalue()
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            assert cursor.fetchone() is None
            assert "ANALYZE" not in out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_postgresql_pages_are_marked_all_visible_sqlite_left_alone():
    """Outside a transaction the seed ends with ``VACUUM (ANALYZE)`` on PostgreSQL: the
    visibility map is set, so the dashboard's figures come from its covering index alone.
    SQLite gets neither statistics nor a vacuum."""
    from django.db import connection

    out = io.StringIO()
    call_command("seed_synthetic", communes=1, years=1, petitions=5, no_progress=True, stdout=out)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            assert "VACUUM (ANALYZE)" in out.getvalue()
            cursor.execute(
                "SELECT relallvisible, reltuples FROM pg_class WHERE relname = 'citizens_petition'"
            )
            visible, tuples = cursor.fetchone()
            assert visible > 0 and tuples == Petition.objects.count() > 0
        else:
            assert "VACUUM" not in out.getvalue() and "ANALYZE" not in out.getvalue()
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            assert cursor.fetchone() is None
