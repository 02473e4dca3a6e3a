"""How fast the main pages answer at province scale.

For each backend (SQLite file, PostgreSQL) and each size (communes of ``dvcq seed-synthetic``,
5 years of data), the script seeds a database once (kept in ``--data-dir`` / as database
``dvcq_bench_<size>`` and reused on later runs), collects static files into a temporary
folder, serves the app with gunicorn under production settings (``DEBUG=0``, a secret key,
``ALLOWED_HOSTS=127.0.0.1``, whitenoise) on loopback, and measures for every main page:
p50/p95 latency of one client (``--requests`` requests after 3 warm-ups), requests/s with
``--clients`` concurrent clients (threads with ``http.client``) and the largest resident
memory (VmRSS) of a gunicorn worker. It prints a table and writes it into
``docs/benchmarks.md`` between the ``bench/pages.py`` markers (``--no-write`` to skip).

    .venv/bin/python bench/pages.py [--sizes 13,130] [--backends sqlite,postgresql] [--quick]

Users: a commune office clerk (``syn-0001-vanphong``) and the province viewer
(``syn-tinh-xem``), logged in by sessions created in the database beforehand.

The national case (3,321 communes in 34 provinces, ``dvcq seed-synthetic``'s default at that
size; the province dashboard is then the first province's, about 98 communes):

    .venv/bin/python bench/pages.py --sizes 3321 --backends postgresql --section national
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
DVCQ = ROOT / ".venv" / "bin" / "dvcq"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DOC = ROOT / "docs" / "benchmarks.md"
HEADINGS = {"": "Pages at province scale", "national": "Pages in the national case"}
TARGET_P95_MS, TARGET_RATIO, TARGET_RSS_MB = 150, 1.5, 200
# The benchmarks run production settings (DEBUG off), which refuse the public demo key.
BENCH_IDENTITY_KEY = "YmVuY2gtb25seS1pZGVudGl0eS1rZXktMDEyMzQ1Njc="
SECRET = "bench-pages-not-a-real-secret-key-0123456789-abcdefghijklmnop"  # noqa: S105

PREPARE = r"""
import json, django
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils.module_loading import import_string
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from accounts.models import User
from programs.models import Program, Task
office = User.objects.get(username="syn-0001-vanphong")
viewer = User.objects.get(username="syn-tinh-xem")
def session(user):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(import_string(path), "get_user")
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # A verified second factor, as after entering the TOTP code (petition handlers need it).
    device, _new = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    # The petition search as the posted search box leaves it (citizens.views._post_search).
    store["citizens_petition_search"] = "dat"
    store.set_expiry(86400)
    store.save()
    return store.session_key
program = Program.objects.filter(unit=office.unit).order_by("-year").first()
task = Task.objects.filter(program=program).order_by("position")[5]
print(json.dumps({
    "office": session(office), "viewer": session(viewer), "program": program.pk,
    "task": task.pk, "commune": office.unit.code, "cookie": settings.SESSION_COOKIE_NAME,
}))
"""


def pages(ids: dict) -> list[tuple[str, str, str]]:
    """(name, user, path) of the measured pages."""
    return [
        ("dashboard", "office", "/"),
        ("program page", "office", f"/chuong-trinh/{ids['program']}/"),
        ("task list, filtered", "office", "/nhiem-vu/?q=tuyen+truyen&quarter=2&status=done"),
        ("task page", "office", f"/nhiem-vu/{ids['task']}/"),
        ("petition board", "office", "/cong-dan/bang-theo-doi/"),
        ("petition list, search", "office", "/cong-dan/don/?tim=1"),
        ("province dashboard", "viewer", "/bao-cao/"),
        ("public page", None, f"/cong-dan/cong-khai/{ids['commune']}/"),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(backend: str, size: int, options) -> str:
    if backend == "sqlite":
        return f"sqlite:///{Path(options.data_dir).resolve()}/sqlite-{size}.sqlite3"
    return f"{options.pg_url.rstrip('/')}/dvcq_bench_{size}"


def ensure_postgres_database(options, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{options.pg_url.rstrip('/')}/postgres", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            conn.execute(f'CREATE DATABASE "{name}"')


def seeded(env: dict) -> bool:
    probe = "import django; django.setup(); from units.models import Unit; " + (
        "print(Unit.objects.filter(code='syn-tinh').exists())"
    )
    result = subprocess.run(  # noqa: S603 (our own commands)
        [str(PYTHON), "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip() == "True"


def seed(backend: str, size: int, options, env: dict) -> str:
    """Seed the database if it holds no synthetic province; the command line used."""
    url = env["DATABASE_URL"]
    if backend == "postgresql":
        ensure_postgres_database(options, url.rsplit("/", 1)[1])
    else:
        Path(options.data_dir).mkdir(parents=True, exist_ok=True)
    subprocess.run([str(DVCQ), "migrate", "-v0"], env=env, cwd=ROOT, check=True)  # noqa: S603 (our own commands)
    command = [str(DVCQ), "seed-synthetic", "--communes", str(size), "--years", "5"]
    shown = f"dvcq seed-synthetic --communes {size} --years 5 --database-url {url}"
    if seeded(env):
        print(f"  reusing the seeded database {url}")
        return shown
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True)  # noqa: S603 (our own command)
    print(f"  seeded {size} communes in {time.perf_counter() - started:.0f} s")
    return shown


def request(port: int, path: str, cookie: str | None) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    if cookie:
        headers["Cookie"] = cookie
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    return response.status, elapsed


def worker_rss_mb(master: int) -> float:
    """The largest VmRSS among the gunicorn master's children, in MB."""
    largest = 0.0
    children = Path(f"/proc/{master}/task/{master}/children")
    for pid in children.read_text().split() if children.exists() else []:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    largest = max(largest, int(line.split()[1]) / 1024)
        except FileNotFoundError:
            continue
    return largest


def measure_page(port, path, cookie, options) -> dict:
    for _ in range(3):
        status, _elapsed = request(port, path, cookie)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    latencies = [request(port, path, cookie)[1] * 1000 for _ in range(options.requests)]
    latencies.sort()
    per_client = options.concurrent_requests
    errors: list = []

    def client():
        for _ in range(per_client):
            status, _elapsed = request(port, path, cookie)
            if status != 200:
                errors.append(status)

    threads = [threading.Thread(target=client) for _ in range(options.clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "p50": statistics.median(latencies),
        "p95": latencies[max(0, round(0.95 * len(latencies)) - 1)],
        "rps": options.clients * per_client / wall,
        "errors": len(errors),
    }


def run_server(env: dict, options):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (our own commands)
        [
            str(GUNICORN),
            "dvcq.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(options.workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "/healthz", None)[0] in (200, 503):
                return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def bench_one(backend: str, size: int, options, static_dir: str) -> tuple[list, str]:
    env = {
        **os.environ,
        "DEBUG": "0",
        "DVCQ_IDENTITY_KEY": BENCH_IDENTITY_KEY,
        "SECRET_KEY": SECRET,
        "DVCQ_SILENCED_CHECKS": "dvcq.E010",  # sends no mail: no SMTP needed
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(backend, size, options),
        "DVCQ_DATA_DIR": static_dir,
        "DJANGO_SETTINGS_MODULE": "dvcq.settings",
        # As behind the TLS-terminating proxy of docs/operations.md.
        "SECURE_PROXY_SSL": "true",
    }
    print(f"{backend}, {size} communes:")
    command = seed(backend, size, options, env)
    prepared = subprocess.run(  # noqa: S603 (our own commands)
        [str(PYTHON), "-c", PREPARE], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if prepared.returncode:
        raise RuntimeError(prepared.stderr)
    ids = json.loads(prepared.stdout.strip().splitlines()[-1])
    cookies = {
        "office": f"{ids['cookie']}={ids['office']}",
        "viewer": f"{ids['cookie']}={ids['viewer']}",
        None: None,
    }
    process, port = run_server(env, options)
    rows = []
    try:
        for name, user, path in pages(ids):
            figures = measure_page(port, path, cookies[user], options)
            figures.update(page=name, backend=backend, size=size, rss=worker_rss_mb(process.pid))
            rows.append(figures)
            print(
                f"  {name:<24} p50 {figures['p50']:7.1f} ms  p95 {figures['p95']:7.1f} ms  "
                f"{figures['rps']:6.1f} req/s  worker {figures['rss']:5.0f} MB"
            )
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    return rows, command


def table(rows: list, sizes: list[int]) -> str:
    backends = sorted({r["backend"] for r in rows}, key=["sqlite", "postgresql"].index)
    large, small = max(sizes), min(sizes)
    lines = []
    for backend in backends:
        lines += [
            f"**{backend}**",
            "",
            "| page | "
            + " | ".join(f"p50 / p95 ms @{s}" for s in sizes)
            + " | "
            + " | ".join(f"req/s ×{ROWS_CLIENTS[0]} @{s}" for s in sizes)
            + (f" | p95 {large}/{small}" if len(sizes) > 1 else "")
            + " | worker RSS MB |",
            "|---|" + "---|" * (2 * len(sizes) + (len(sizes) > 1) + 1),
        ]
        by = {(r["page"], r["size"]): r for r in rows if r["backend"] == backend}
        for page in dict.fromkeys(r["page"] for r in rows if r["backend"] == backend):
            cells = []
            for s in sizes:
                r = by.get((page, s))
                cells.append(f"{r['p50']:.0f} / {r['p95']:.0f}" if r else "–")
            for s in sizes:
                r = by.get((page, s))
                cells.append(f"{r['rps']:.1f}" if r else "–")
            if len(sizes) > 1:
                a, b = by.get((page, large)), by.get((page, small))
                cells.append(f"{a['p95'] / b['p95']:.2f}×" if a and b else "–")
            rss = max(by[(page, s)]["rss"] for s in sizes if (page, s) in by)
            lines.append(f"| {page} | " + " | ".join(cells) + f" | {rss:.0f} |")
        lines.append("")
    return "\n".join(lines)


ROWS_CLIENTS = [8]


def verdicts(rows: list, sizes: list[int]) -> list[str]:
    out = []
    large, small = max(sizes), min(sizes)
    for r in rows:
        if r["size"] == large and r["p95"] > TARGET_P95_MS:
            out.append(f"{r['backend']} {r['page']}: p95 {r['p95']:.0f} ms > {TARGET_P95_MS}")
        if r["rss"] > TARGET_RSS_MB:
            out.append(f"{r['backend']} {r['page']}: worker {r['rss']:.0f} MB > {TARGET_RSS_MB}")
        if r["size"] == large and large != small:
            base = next(
                (
                    x
                    for x in rows
                    if x["backend"] == r["backend"]
                    and x["page"] == r["page"]
                    and x["size"] == small
                ),
                None,
            )
            if base and r["p95"] > TARGET_RATIO * max(base["p95"], 1):
                out.append(
                    f"{r['backend']} {r['page']}: p95 {r['p95'] / base['p95']:.2f}× the "
                    f"{small}-commune figure (> {TARGET_RATIO:g}×)"
                )
        if r["errors"]:
            out.append(f"{r['backend']} {r['page']}: {r['errors']} non-200 answers")
    return out


def write_doc(text: str, name: str = "") -> None:
    """Replace the text between the markers of section ``name`` (added at the end of the
    document, under its heading, the first time)."""
    start = f"<!-- bench/pages.py{' ' + name if name else ''}: start -->"
    end = f"<!-- bench/pages.py{' ' + name if name else ''}: end -->"
    doc = DOC.read_text("utf-8")
    section = f"{start}\n{text}\n{end}"
    if start in doc and end in doc:
        doc = doc[: doc.index(start)] + section + doc[doc.index(end) + len(end) :]
    else:
        doc = doc.rstrip("\n") + f"\n\n## {HEADINGS[name]}\n\n" + section + "\n"
    DOC.write_text(doc, "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="13,130")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--quick", action="store_true", help="20 requests, 5 per client")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--concurrent-requests", type=int, default=12, help="per client")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data-dir", default=str(Path(tempfile.gettempdir()) / "dvcq-bench"))
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--section",
        choices=sorted(HEADINGS),
        default="",
        help="the section of docs/benchmarks.md to write (national: --sizes 3321)",
    )
    options = parser.parse_args()
    if options.quick:
        options.requests, options.concurrent_requests = 20, 5
    ROWS_CLIENTS[0] = options.clients
    sizes = sorted(int(s) for s in options.sizes.split(","))
    backends = [b.strip() for b in options.backends.split(",")]
    static_dir = tempfile.mkdtemp(prefix="dvcq-bench-static-")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "DVCQ_IDENTITY_KEY": BENCH_IDENTITY_KEY,
        "DVCQ_DATA_DIR": static_dir,
        "DVCQ_SILENCED_CHECKS": "dvcq.E010",
    }
    subprocess.run([str(DVCQ), "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)  # noqa: S603 (our own commands)
    rows, commands = [], []
    try:
        for backend in backends:
            for size in sizes:
                found, command = bench_one(backend, size, options, static_dir)
                rows += found
                commands.append(command)
    finally:
        shutil.rmtree(static_dir, ignore_errors=True)
    text = table(rows, sizes)
    misses = verdicts(rows, sizes)
    cpu = os.cpu_count()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    invocation = "bench/pages.py " + " ".join(sys.argv[1:])
    report = "\n".join(
        [
            f"Measured {time.strftime('%Y-%m-%d')} on {cpu} CPU cores (load average at the end "
            f"{load}), gunicorn "
            f"{options.workers} sync workers, DEBUG=0; single client {options.requests} "
            f"requests per page (p50/p95), then {options.clients} concurrent clients × "
            f"{options.concurrent_requests} requests. Commands:",
            "",
            f"    .venv/bin/python {invocation}".rstrip(),
            *[f"    # seeded with: {c}" for c in commands],
            "",
            text,
            "Targets: p95 ≤ 150 ms at the largest size, within 1.5× of the smallest, "
            "worker ≤ 200 MB. " + ("All met." if not misses else "Missed:"),
            *[f"- {m}" for m in misses],
        ]
    )
    print()
    print(report)
    if not options.no_write:
        write_doc(report, options.section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
