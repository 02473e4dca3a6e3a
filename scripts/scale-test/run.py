"""``make scale-test``: the scale-out deployment rehearsed on loopback.

nginx in front of two gunicorn app servers (different ports), one PostgreSQL database
(``dvcq_scale``, re-created), Redis for the cache, the sessions and the job queue (its own
``redis-server`` on a free port), a ``dvcq worker``, and one data folder shared by both
servers (standing in for network storage). It checks that

1. a session opened through server A is valid on server B;
2. a file uploaded through A is downloaded, identical, through B;
3. a job queued through Redis is run by the worker;
4. the soak test through nginx (``bench/soak.py --minutes 1``) has no 5xx and loses nothing.

Everything is stopped and removed at the end. Needs nginx (installed with apt-get when run
as root and missing), redis-server and PostgreSQL at ``PG_URL``.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from backups.tests.helpers import WebClient  # noqa: E402

# The benchmarks run production settings (DEBUG off), which refuse the public demo key.
BENCH_IDENTITY_KEY = "YmVuY2gtb25seS1pZGVudGl0eS1rZXktMDEyMzQ1Njc="

PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = "dvcq_scale"
PASSWORD = "demo-dvcq-2023"  # noqa: S105 -- the demo's published password


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, process: subprocess.Popen, what: str) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit(f"{what} stopped at start-up")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{what} did not start")


def nginx_binary() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found:
        return found
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "nginx"], check=True)  # noqa: S607
        return shutil.which("nginx") or "/usr/sbin/nginx"
    raise SystemExit("nginx is not installed: sudo apt-get install nginx")


def database_url() -> str:
    parts = urlsplit(PG_URL.replace("postgres://", "postgresql://", 1))
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    return urlunsplit(("postgres", parts.netloc, f"/{DB_NAME}", "", ""))


def drop_database() -> None:
    parts = urlsplit(PG_URL.replace("postgres://", "postgresql://", 1))
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "----dvcqscale" + os.urandom(8).hex()
    parts = []
    for name, value in fields.items():
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data, mime) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {mime}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload_evidence(client: WebClient, task_path: str, data: bytes) -> int:
    _status, html, _h = client.get(task_path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body, content_type = multipart(
        {"csrfmiddlewaretoken": token, "status": "in_progress", "progress": "40", "note": "scale"},
        {"evidence": ("bien-ban-scale.pdf", data, "application/pdf")},
    )
    request = urllib.request.Request(client.base + task_path, data=body)  # noqa: S310
    request.add_header("Content-Type", content_type)
    request.add_header("Referer", client.base + task_path)
    try:
        with client.opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def check(label: str, ok: bool, detail: str = "") -> bool:
    print(f"[{'ok' if ok else 'FAIL'}] {label}{': ' + detail if detail else ''}", flush=True)
    return ok


def main() -> int:
    nginx = nginx_binary()
    work = Path(tempfile.mkdtemp(prefix="dvcq-scale-"))
    work.chmod(0o755)
    processes: list[subprocess.Popen] = []
    try:
        redis_port, port_a, port_b, port = free_port(), free_port(), free_port(), free_port()
        processes.append(
            subprocess.Popen(  # noqa: S603
                [  # noqa: S607 -- the system's redis-server
                    "redis-server",
                    "--port",
                    str(redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
            )
        )
        wait_port(redis_port, processes[-1], "redis-server")
        shared = work / "shared"
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DATABASE_CONN_MAX_AGE": "60",
            "DVCQ_DATA_DIR": str(shared),
            "DVCQ_EVIDENCE_ROOT": str(shared / "evidence"),
            "DVCQ_QUEUE_URL": f"redis://127.0.0.1:{redis_port}/0",
            "DVCQ_CACHE_URL": f"redis://127.0.0.1:{redis_port}/1",
            "DEBUG": "false",
            "DVCQ_IDENTITY_KEY": BENCH_IDENTITY_KEY,
            "SECRET_KEY": "scale-test-" + "k" * 60,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
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
            subprocess.run(  # noqa: S603 -- our own manage.py
                [*manage, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
            )
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        for app_port in (port_a, port_b):
            processes.append(
                subprocess.Popen(  # noqa: S603
                    [
                        gunicorn,
                        "dvcq.wsgi",
                        f"--bind=127.0.0.1:{app_port}",
                        "--workers=2",
                        "--timeout=60",
                    ],
                    env=env,
                    cwd=ROOT,
                )
            )
            wait_port(app_port, processes[-1], f"gunicorn :{app_port}")
        processes.append(subprocess.Popen([*manage, "worker", "--sleep", "1"], env=env, cwd=ROOT))  # noqa: S603
        conf = work / "nginx.conf"
        conf.write_text(
            (HERE / "nginx.conf.template")
            .read_text()
            .format(
                user_line="user root;" if os.geteuid() == 0 else "",
                work=work,
                port=port,
                port_a=port_a,
                port_b=port_b,
            )
        )
        processes.append(subprocess.Popen([nginx, "-c", str(conf), "-p", str(work)]))  # noqa: S603
        wait_port(port, processes[-1], "nginx")

        results = []
        a = WebClient(f"http://127.0.0.1:{port_a}")
        a.login("vanphong", PASSWORD)
        b = WebClient(f"http://127.0.0.1:{port_b}")
        b.jar = a.jar
        b.opener = a.opener
        status, _html, _h = b.get("/")
        results.append(
            check("session opened on A is valid on B", status == 200, f"B answered {status}")
        )

        task = re.search(r'href="(/nhiem-vu/\d+/)"', a.get("/nhiem-vu/")[1]).group(1)
        data = b"%PDF-1.4\n" + os.urandom(50_000) + b"\n%%EOF\n"
        status = upload_evidence(a, task, data)
        results.append(check("evidence uploaded through A", status == 302, f"A answered {status}"))
        links = re.findall(r'href="(/minh-chung/\d+/)"', b.get(task)[1])
        downloaded = []
        for link in links:
            request = urllib.request.Request(b.base + link)  # noqa: S310 -- loopback
            with b.opener.open(request, timeout=30) as response:
                downloaded.append(response.read())
        results.append(
            check(
                "the file is downloaded identical through B",
                data in downloaded,
                f"{len(links)} link(s)",
            )
        )

        out = (
            subprocess.run(  # noqa: S603
                [
                    *manage,
                    "shell",
                    "-c",
                    "from jobs.queue import enqueue; print(enqueue('reminders.daily_pass', {}).pk)",
                ],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        done = False
        for _ in range(60):
            status_line = subprocess.run(  # noqa: S603
                [
                    *manage,
                    "shell",
                    "-c",
                    f"from jobs.models import Job; print(Job.objects.get(pk={out}).status)",
                ],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            if status_line.endswith("done"):
                done = True
                break
            time.sleep(1)
        results.append(check("a job queued through Redis is run by the worker", done, f"job {out}"))

        soak = subprocess.run(  # noqa: S603
            [
                sys.executable,
                str(ROOT / "bench" / "soak.py"),
                "--minutes",
                os.environ.get("SCALE_SOAK_MINUTES", "1"),
                "--url",
                f"http://127.0.0.1:{port}",
                "--database-url",
                env["DATABASE_URL"],
            ],
            env=env,
            cwd=ROOT,
            check=False,
        )
        results.append(check("soak through nginx", soak.returncode == 0))
        return 0 if all(results) else 1
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        drop_database()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
