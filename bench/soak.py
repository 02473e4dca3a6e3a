"""Soak test: mixed reads and writes from concurrent clients, then every acknowledged write
looked up in the database.

By default it builds its own installation: PostgreSQL database ``dvcq_soak`` (dropped and
re-created), the demo data, ``collectstatic``, and gunicorn with production settings
(``DEBUG=false``) on loopback. With ``--url`` it drives a server that is already running
(``make scale-test`` points it at nginx) and checks the writes in ``--database-url``.

Each client logs in as the demo's office clerk and loops: 70 % reads (dashboard, task list,
a task page, a program page), 30 % writes (a progress update on a task through the web
form, with its CSRF token). A write is acknowledged when the form answers 302; its note is
unique, so afterwards each one must be found in ``programs_taskupdate``. Exit status 1 on
any 5xx answer, failed request or lost write.

    .venv/bin/python bench/soak.py --minutes 2
    .venv/bin/python bench/soak.py --minutes 1 --url http://127.0.0.1:8080 \\
        --database-url postgres://postgres@127.0.0.1:5432/dvcq_scale
"""

import argparse
import http.cookiejar
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

# The benchmarks run production settings (DEBUG off), which refuse the public demo key.
BENCH_IDENTITY_KEY = "YmVuY2gtb25seS1pZGVudGl0eS1rZXktMDEyMzQ1Njc="

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "demo-dvcq-2023"  # noqa: S105 -- the demo's published password
USER = "vanphong"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def call(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 -- loopback
        if body is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace")

    def login(self) -> None:
        _status, html = self.call("/tai-khoan/dang-nhap/")
        status, _html = self.call(
            "/tai-khoan/dang-nhap/",
            {"csrfmiddlewaretoken": csrf(html), "username": USER, "password": PASSWORD},
        )
        if status != 302:
            raise SystemExit(f"login as {USER} answered {status}")


def csrf(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not found:
        raise ValueError("no CSRF token in the page")
    return found.group(1)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: list[float] = []
        self.statuses: Counter = Counter()
        self.errors: Counter = Counter()
        self.acknowledged: list[str] = []
        self.writes_refused = 0

    def record(self, seconds: float, status: int) -> None:
        with self.lock:
            self.latency.append(seconds)
            self.statuses[status] += 1


def timed(stats: Stats, client: Client, path: str, data=None) -> tuple[int, str]:
    start = time.perf_counter()
    status, html = client.call(path, data)
    stats.record(time.perf_counter() - start, status)
    return status, html


def run_client(number: int, base: str, tasks: list[int], programs: list[int], deadline, stats):
    client = Client(base)
    client.login()
    rng = random.Random(number)  # noqa: S311 -- a load pattern, not a secret
    writes = 0
    while time.monotonic() < deadline:
        try:
            roll = rng.random()
            if roll < 0.3:
                task = rng.choice(tasks)
                status, html = timed(stats, client, f"/nhiem-vu/{task}/")
                if status != 200:
                    continue
                writes += 1
                note = f"soak-{number}-{writes}-{rng.randrange(10**9)}"
                status, _html = timed(
                    stats,
                    client,
                    f"/nhiem-vu/{task}/",
                    {
                        "csrfmiddlewaretoken": csrf(html),
                        "status": "in_progress",
                        "progress": str(rng.randint(1, 99)),
                        "note": note,
                    },
                )
                with stats.lock:
                    if status == 302:
                        stats.acknowledged.append(note)
                    else:
                        stats.writes_refused += 1
            elif roll < 0.5:
                timed(stats, client, "/")
            elif roll < 0.7:
                timed(stats, client, "/nhiem-vu/?trang_thai=in_progress")
            elif roll < 0.9:
                timed(stats, client, f"/nhiem-vu/{rng.choice(tasks)}/")
            else:
                timed(stats, client, f"/chuong-trinh/{rng.choice(programs)}/")
        except (OSError, ValueError) as exc:
            with stats.lock:
                stats.errors[type(exc).__name__] += 1


def discover(base: str) -> tuple[list[int], list[int]]:
    client = Client(base)
    client.login()
    _status, html = client.call("/nhiem-vu/")
    tasks = sorted({int(n) for n in re.findall(r'href="/nhiem-vu/(\d+)/"', html)})
    _status, html = client.call("/chuong-trinh/")
    programs = sorted({int(n) for n in re.findall(r'href="/chuong-trinh/(\d+)/"', html)})
    if not tasks or not programs:
        raise SystemExit("no tasks or programs visible to the demo clerk")
    return tasks, programs


def found_notes(database_url: str, notes: list[str]) -> set[str]:
    url = database_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT note FROM programs_taskupdate WHERE note = ANY(%s)", (notes,)
        ).fetchall()
    return {row[0] for row in rows}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_installation(
    database_url: str, folder: str, workers: int
) -> tuple[str, subprocess.Popen]:
    parts = urlsplit(database_url.replace("postgres://", "postgresql://", 1))
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
    name = parts.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "DVCQ_DATA_DIR": folder,
        "DVCQ_EVIDENCE_ROOT": f"{folder}/evidence",
        "DVCQ_QUEUE_URL": "",
        "DEBUG": "false",
        "DVCQ_IDENTITY_KEY": BENCH_IDENTITY_KEY,
        "SECRET_KEY": "soak-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Production settings, except what needs TLS or a second factor on loopback.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "DVCQ_REQUIRE_2FA": "false",
        "LOG_LEVEL": "WARNING",
        "DVCQ_SILENCED_CHECKS": "dvcq.E010",  # sends no mail: no SMTP needed
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for args in (
        ["migrate", "--noinput", "-v", "0"],
        ["load-demo"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603 -- our own gunicorn
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "dvcq.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--timeout=60",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return f"http://127.0.0.1:{port}", server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def soak(base: str, database_url: str, minutes: float, clients: int) -> bool:
    tasks, programs = discover(base)
    stats = Stats()
    deadline = time.monotonic() + minutes * 60
    started = time.monotonic()
    threads = [
        threading.Thread(target=run_client, args=(n, base, tasks, programs, deadline, stats))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    found = found_notes(database_url, stats.acknowledged)
    lost = len(stats.acknowledged) - len(found)
    server_errors = sum(n for code, n in stats.statuses.items() if code >= 500)
    requests = len(stats.latency)
    print(f"soak: {clients} clients, {elapsed / 60:.1f} min against {base}")
    print(
        f"requests: {requests} ({requests / elapsed:.1f}/s); "
        f"statuses: {dict(sorted(stats.statuses.items()))}"
    )
    print(
        f"latency ms: p50 {percentile(stats.latency, 0.50):.0f}, "
        f"p95 {percentile(stats.latency, 0.95):.0f}, p99 {percentile(stats.latency, 0.99):.0f}, "
        f"max {max(stats.latency) * 1000:.0f}"
    )
    print(
        f"writes acknowledged: {len(stats.acknowledged)}, found in the database: {len(found)}, "
        f"lost: {lost}; refused (4xx): {stats.writes_refused}"
    )
    print(f"5xx: {server_errors}; failed requests: {dict(stats.errors) or 0}")
    return server_errors == 0 and lost == 0 and not stats.errors and len(stats.acknowledged) > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (own server)")
    parser.add_argument("--url", help="a running server (its database: --database-url)")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/dvcq_soak")
    args = parser.parse_args()
    if args.url:
        ok = soak(args.url.rstrip("/"), args.database_url, args.minutes, args.clients)
    else:
        with tempfile.TemporaryDirectory(prefix="dvcq-soak-") as folder:
            base, server = build_installation(args.database_url, folder, args.workers)
            try:
                ok = soak(base, args.database_url, args.minutes, args.clients)
            finally:
                server.terminate()
                server.wait(timeout=30)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
