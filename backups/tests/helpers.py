"""Real installations for the reliability tests: a ``dvcq`` subprocess with its own
database (a SQLite file, or a dedicated PostgreSQL database) and its own file folders."""

import hashlib
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[2]
DVCQ = [sys.executable, str(ROOT / "manage.py")]
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/postgres"


def pg_url(name: str) -> str:
    """The PostgreSQL server of the test run (``DATABASE_URL``), database ``name``."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        base = PG_DEFAULT
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


def recreate_pg_database(name: str, drop_only: bool = False, template: str = "") -> None:
    admin = pg_url("postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            copy = f' TEMPLATE "{template}"' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{copy}')


def run_database(name: str) -> str:
    """``name`` for this test run: prefixed with the run's own database when ``DATABASE_URL``
    is PostgreSQL (``dvcq_anna__dvcq_reliab_kill``), so that two runs on one server do not
    drop each other's database; ``name`` itself otherwise."""
    url = os.environ.get("DATABASE_URL", "")
    own = urlsplit(url).path.lstrip("/") if url.startswith(("postgres://", "postgresql://")) else ""
    return f"{own}__{name}"[:63] if own else name


_templates: dict[str, str] = {}


def _worker_suffix() -> str:
    """Each pytest-xdist worker keeps its own templates (``gw0``, ``gw1``)."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _migrated_sqlite_template() -> Path:
    if "sqlite" not in _templates:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix=f"dvcq-migrated-{_worker_suffix()}-"))
        Installation(folder, f"sqlite:///{folder / 'dvcq.sqlite3'}").run(
            "migrate", "--noinput", "-v", "0"
        )
        _templates["sqlite"] = str(folder / "dvcq.sqlite3")
    return Path(_templates["sqlite"])


def _migrated_pg_template() -> str:
    if "postgresql" not in _templates:
        name = run_database(f"dvcq_migrated_{_worker_suffix()}")
        recreate_pg_database(name)
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix=f"dvcq-migrated-{_worker_suffix()}-"))
        Installation(folder, pg_url(name)).run("migrate", "--noinput", "-v", "0")
        _templates["postgresql"] = name
    return _templates["postgresql"]


class Installation:
    """One DVCQ installation driven through its command line."""

    def __init__(self, folder: Path, database_url: str):
        self.folder = folder
        self.data_dir = folder / "data"
        self.evidence = folder / "evidence"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DVCQ_DATA_DIR": str(self.data_dir),
            "DVCQ_EVIDENCE_ROOT": str(self.evidence),
            "DEBUG": "true",
            "DVCQ_QUEUE_URL": "",
            "PYTHONUNBUFFERED": "1",
        }

    def run(self, *args: str, check: bool = True, timeout: float = 180):
        done = subprocess.run(
            [*DVCQ, *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"dvcq {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def migrate(self) -> None:
        """Bring the installation's empty database to the latest migration.

        Migrating costs several seconds of CPU, so each test process migrates one template
        (a SQLite file, or a PostgreSQL database) once and every installation starts as a
        copy of it. Tests of migrating itself call ``run("migrate")`` instead."""
        url = self.env["DATABASE_URL"]
        if url.startswith("sqlite:///"):
            target = Path(url.removeprefix("sqlite:///"))
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(_migrated_sqlite_template(), target)
        else:
            name = urlsplit(url).path.lstrip("/")
            recreate_pg_database(name, template=_migrated_pg_template())

    def popen(self, *args: str, **kwargs) -> subprocess.Popen:
        return subprocess.Popen([*DVCQ, *args], env=self.env, cwd=ROOT, **kwargs)

    def shell(self, code: str) -> str:
        return self.run("shell", "--no-imports", "-c", code).stdout

    def rows(self) -> str:
        return self.shell("from backups.tests.rowdump import main; main()")

    def files(self) -> dict[str, str]:
        """SHA-256 of every stored file, by its path under the data folders."""
        found = {}
        for root in (self.evidence, self.data_dir / "imports"):
            for path in sorted(root.rglob("*")) if root.is_dir() else []:
                if path.is_file():
                    key = f"{root.name}/{path.relative_to(root).as_posix()}"
                    found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(inst: Installation, port: int, workers: int = 1) -> subprocess.Popen:
    """Serve the installation on 127.0.0.1:``port``; returns once it answers."""
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "dvcq.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--timeout=60",
        ],
        env=inst.env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn stopped: {process.stderr.read().decode()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("gunicorn did not start in 60 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class WebClient:
    """A browser without JavaScript: cookies, CSRF tokens from forms, no redirects followed."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            req.add_header("Referer", self.base + path)
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace"), dict(exc.headers)

    def get(self, path: str):
        return self.request(path)

    def post_form(self, path: str, data: dict):
        """GET the form, then POST it with its CSRF token."""
        status, html, _headers = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token, f"no CSRF token on {path} ({status})"
        return self.request(path, {"csrfmiddlewaretoken": token.group(1), **data})

    def login(self, username: str, password: str) -> None:
        status, _html, _headers = self.post_form(
            "/tai-khoan/dang-nhap/", {"username": username, "password": password}
        )
        assert status == 302, f"login of {username} answered {status}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
