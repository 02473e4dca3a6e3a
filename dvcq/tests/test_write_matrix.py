"""Every URL that takes a POST × every role: a refused write changes nothing, an allowed one
changes something.

A 302 looks the same whether the write was done or refused, so the test counts the rows of
every table (the audit log among them) before and after each POST, in one query, and also
compares the row the URL names. The world is built once for the module; each attempt runs in
a savepoint that is rolled back, so every role meets the same world. Expectations are in
``write_matrix.py``.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.test import override_settings

from dvcq.tests import matrix_runner as runner
from dvcq.tests.access_matrix import MATRIX
from dvcq.tests.test_access_matrix import APP_ROUTES, ROUTES
from dvcq.tests.world import ROLES, build_world
from dvcq.tests.write_matrix import EXEMPT, NOBODY, WRITES, Write

# The module-scoped world needs the test database set up even before any test asks for it.
pytestmark = pytest.mark.django_db

# Signing each role in writes a session; every attempt at a limited action (a wrong PIN at
# the public lookup, a failed login) takes its number from the shared counters by design.
UNCOUNTED = {"django_session", "dvcq_counter"}


class _Rollback(Exception):
    pass


def _extra_objects(world, side):
    """What the writes need beyond the read matrix's world: a hamlet, a draft report, an
    issued one not yet sent, a petition that may be extended, a meeting to propose."""
    from citizens.models import Petition
    from meetings.proposals import HALF_YEAR_PERIOD
    from reports import services as report_services
    from reports.models import ReportKind
    from reports.periods import Period
    from units.models import Hamlet, HamletKind

    objects = world.objects[side]
    unit = objects["unit"]
    office = objects["draft"].uploaded_by
    # A complex case may be extended; a half-yearly task makes the meetings to propose.
    Petition.objects.filter(pk=objects["petition"].pk).update(complexity="complex")
    objects["program"].tasks.filter(position=3).update(period=HALF_YEAR_PERIOD)
    objects["hamlet"] = Hamlet.objects.create(
        unit=unit, name="Xóm Đông", kind=HamletKind.HAMLET, position=1
    )
    objects["draft_report"] = report_services.create_report(
        unit=unit, actor=office, kind=ReportKind.YEAR, period=Period.year(2022)
    )
    issued = report_services.create_report(
        unit=unit, actor=office, kind=ReportKind.YEAR, period=Period.year(2021)
    )
    objects["issued_report"] = report_services.issue_report(
        report=issued, actor=office, day=datetime.date(2022, 1, 5)
    )


@pytest.fixture(scope="module")
def evidence_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("write-matrix-evidence")


@pytest.fixture(autouse=True)
def _evidence_in_tmp(settings, evidence_dir):
    """Overrides the root conftest's: the module's world keeps its files in one folder."""
    settings.EVIDENCE_ROOT = evidence_dir


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, evidence_dir):
    from units.models import Unit, UnitKind

    with django_db_blocker.unblock(), override_settings(EVIDENCE_ROOT=evidence_dir):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            province = Unit.objects.create(code="tinh-w", name="Tỉnh W", kind=UnitKind.PROVINCE)
            own = Unit.objects.create(
                code="xa-w-a", name="Xã A", kind=UnitKind.COMMUNE, parent=province
            )
            other = Unit.objects.create(
                code="xa-w-b", name="Xã B", kind=UnitKind.COMMUNE, parent=province
            )
            built = build_world(province, own, other)
            _extra_objects(built, "own")
            _extra_objects(built, "other")
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _tables() -> list[str]:
    names = connection.introspection.django_table_names(only_existing=True)
    return sorted(set(names) - UNCOUNTED)


def _snapshot(tables, target) -> tuple:
    """Row counts of every table (one query) and the row the URL names."""
    quote = connection.ops.quote_name
    # Table names come from Django's own introspection and are quoted.
    sql = " UNION ALL ".join(
        f"SELECT '{t}', COUNT(*) FROM {quote(t)}"  # noqa: S608
        for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = dict(cursor.fetchall())
    row = None
    if target is not None:
        row = type(target).objects.filter(pk=target.pk).values().first()
    return counts, row


def _changes(before, after) -> list[str]:
    changed = [
        f"{t}: {before[0][t]} -> {after[0][t]}" for t in before[0] if before[0][t] != after[0][t]
    ]
    if before[1] != after[1]:
        changed.append("the object the URL names")
    return changed


def _attempt(client, world, tables, role, name, side, write):
    """POST as ``role`` in a savepoint rolled back afterwards; (status, what changed)."""
    route = ROUTES[name]
    values = runner.fill(route, write, world, side)
    assert values is not None, f"{name}: cannot fill {route.kwargs}"
    url = runner.url_for(route, values)
    target = world.objects[side][write.obj] if write.obj else None
    try:
        with transaction.atomic():
            client.logout()
            if role != "anonymous":
                client.force_login(world.users[role])
            before = _snapshot(tables, target)
            response = client.post(url, write.data(world))
            after = _snapshot(tables, target)
            raise _Rollback
    except _Rollback:
        pass
    return response.status_code, _changes(before, after)


def test_a_url_without_an_entry_writes_nothing(client, world):
    """A POST by the office to any other URL (pages, downloads, the API) changes nothing:
    a URL that writes must have its entry in ``WRITES``."""
    tables = _tables()
    problems = []
    for name in APP_ROUTES:
        if name in WRITES or name in EXEMPT:
            continue
        entry = MATRIX[name]
        probe = Write(NOBODY, obj=entry.obj, args=entry.args)
        status, changed = _attempt(client, world, tables, "office", name, "own", probe)
        if changed or status >= 500:
            problems.append(f"{name}: {status} {changed}")
    assert not problems, "URLs that write without an entry in write_matrix.py:\n" + "\n".join(
        problems
    )


def test_the_write_table_names_no_url_that_is_gone():
    gone = sorted((set(WRITES) | set(EXEMPT)) - set(ROUTES))
    assert not gone, f"entries for URL names that no longer exist: {gone}"


@pytest.mark.parametrize("name", sorted(WRITES))
def test_write(client, world, name):
    tables = _tables()
    write = WRITES[name]
    problems = []
    for role in ROLES:
        status, changed = _attempt(client, world, tables, role, name, "own", write)
        if status >= 500:
            problems.append(f"{role}: server error {status}")
        elif role in write.writers and not changed:
            problems.append(f"{role} may write but nothing changed (status {status})")
        elif role not in write.writers and changed:
            problems.append(f"{role} is refused but changed: {'; '.join(changed)}")
    if runner.has_object(ROUTES[name]):
        # The office of commune A writing to commune B's object.
        status, changed = _attempt(client, world, tables, "office", name, "other", write)
        if changed or status >= 500:
            problems.append(f"office on the other commune's object: {status} {changed}")
    assert not problems, f"{name}:\n" + "\n".join(problems)
