"""Shared test fixtures: a small province with two communes and one persona per role.

``alice_*`` work in Hưng Chính; ``charlie`` is the office clerk of another commune and must
see nothing of Hưng Chính's (healthchecks' Alice/Bob/Charlie idea).
"""

import datetime
import os
import shutil

import pytest

from accounts.models import Role, User
from committee.models import CommitteeMember, CommitteeRole
from programs.models import Program, Task, TaskKind
from units.models import Hamlet, HamletKind, Unit, UnitKind


def pytest_collection_modifyitems(items):
    """Refuse a transactional test without ``serialized_rollback``.

    Its closing flush would run post_migrate and re-create content types, so the next
    serialized test fails to restore them (duplicate key), and the rows data migrations
    wrote would be gone for every later test.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = "transactional_db" in getattr(item, "fixturenames", ()) or (
            marker is not None and marker.kwargs.get("transaction")
        )
        if transactional and not (marker and marker.kwargs.get("serialized_rollback")):
            raise pytest.UsageError(
                f"{item.nodeid}: transactional tests need "
                "@pytest.mark.django_db(transaction=True, serialized_rollback=True)"
            )


def _restore_after_flush():
    """After a transactional test, put back what the migrations wrote, not only before the
    next transactional test.

    Django flushes every table when a transactional test ends and restores the migrations'
    rows (content types, legal time limits, checklist templates, …) only when the next
    transactional test starts. pytest-xdist's ``--dist loadscope`` runs a module's tests
    together, so a module with a transactional test can run before another module's ordinary
    tests on the same worker: those would find the tables empty. Restoring right after the
    flush keeps every test's starting point the migrated database, whatever the order.
    """
    from django.db import connections
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown

    def _fixture_teardown(self):
        flush(self)
        if not self.serialized_rollback:
            return
        for name in self._databases_names(include_mirrors=False):
            saved = getattr(connections[name], "_test_serialized_contents", None)
            if saved:
                connections[name].creation.deserialize_db_from_string(saved)

    TransactionTestCase._fixture_teardown = _fixture_teardown


_restore_after_flush()


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """Transactional tests flush and re-create content types under new ids; a cached old id
    would break the audit log's foreign key in the next test."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _evidence_in_tmp(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _second_factor_off(settings):
    """The TOTP gate (``dvcq.middleware.SecondFactorMiddleware``) would stop every test that
    signs in an administrator or a petition handler; its own tests turn it back on."""
    settings.DVCQ_REQUIRE_2FA = False


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page():
    """A page of real headless Chromium (Debian's ``chromium``, driven by Playwright), in
    Vietnamese. Skipped with a clear message where no chromium is installed, except in CI."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's chromium is required in CI (.ci/run installs it)")
        pytest.skip("SKIPPED: no Debian chromium on this machine; apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="vi-VN")
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


TEST_PASSWORD = "pw-for-tests-1"  # noqa: S105 (the fixtures' users)


def log_in(page, base_url: str, username: str, password: str = TEST_PASSWORD, path="/"):
    """Sign in through the login form (after dropping any earlier session) and land on
    ``path``."""
    page.context.clear_cookies()
    page.goto(base_url + path)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].primary")
    page.wait_for_load_state()


@pytest.fixture(scope="module")
def s3_endpoint():
    """The URL of moto's S3 server in a thread on a loopback port (for uploads kept in a
    bucket: ``dvcq/tests/test_s3_storage.py``, ``backups/tests/test_backup_s3.py``)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def province(db):
    return Unit.objects.create(code="tinh-a", name="Tỉnh A", kind=UnitKind.PROVINCE)


@pytest.fixture
def commune(province):
    return Unit.objects.create(
        code="xa-hung-chinh", name="Xã Hưng Chính", kind=UnitKind.COMMUNE, parent=province
    )


@pytest.fixture
def other_commune(province):
    return Unit.objects.create(
        code="xa-khac", name="Xã Khác", kind=UnitKind.COMMUNE, parent=province
    )


@pytest.fixture
def hamlets(commune):
    return [
        Hamlet.objects.create(unit=commune, name=f"Xóm {n}", kind=HamletKind.HAMLET, position=n)
        for n in (1, 2, 3)
    ]


def make_user(username, unit, role):
    return User.objects.create_user(username=username, password=TEST_PASSWORD, unit=unit, role=role)


@pytest.fixture
def clerk(commune):
    return make_user("clerk", commune, Role.OFFICE)


@pytest.fixture
def chair(commune):
    return make_user("chair", commune, Role.CHAIR)


@pytest.fixture
def member_user(commune):
    return make_user("member", commune, Role.MEMBER)


@pytest.fixture
def viewer(commune):
    return make_user("viewer", commune, Role.VIEWER)


@pytest.fixture
def province_viewer(province):
    return make_user("province", province, Role.VIEWER)


@pytest.fixture
def charlie(other_commune):
    return make_user("charlie", other_commune, Role.OFFICE)


@pytest.fixture
def seat(commune, member_user):
    return CommitteeMember.objects.create(
        unit=commune,
        full_name="Phạm Văn Nam",
        committee_role=CommitteeRole.MEMBER,
        office_title="Công chức Tư pháp - Hộ tịch",
        user=member_user,
        start_date=datetime.date(2023, 1, 1),
    )


@pytest.fixture
def other_seat(commune):
    return CommitteeMember.objects.create(
        unit=commune,
        full_name="Trần Văn Hùng",
        committee_role=CommitteeRole.DEPUTY,
        office_title="Phó Chủ tịch UBND xã",
        start_date=datetime.date(2023, 1, 1),
    )


def make_program(unit, year=2023, tasks=3):
    program = Program.objects.create(unit=unit, year=year, title=f"Công tác DVCQ năm {year}")
    quarters = [datetime.date(year, 3, 31), datetime.date(year, 6, 30), datetime.date(year, 9, 30)]
    for i in range(tasks):
        Task.objects.create(
            program=program,
            kind=TaskKind.SCHEDULED,
            position=i + 1,
            text=f"Nhiệm vụ số {i + 1} tuyên truyền",
            period=f"Q{i % 3 + 1}",
            due_date=quarters[i % 3],
        )
    return program


@pytest.fixture
def program(commune):
    return make_program(commune)


@pytest.fixture
def task(program, seat):
    task = program.tasks.get(position=1)
    task.responsible = seat
    task.save()
    return task


@pytest.fixture
def other_program(other_commune):
    return make_program(other_commune)
