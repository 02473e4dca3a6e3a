"""The demo (``make run`` → ``dvcq serve-demo``): one command starts the web server and the
worker, Ctrl-C stops both, and the site answers as in production (DEBUG off)."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dvcq import demo

ROOT = Path(__file__).resolve().parents[2]

# A stand-in for a server: writes "<name>.started", then on SIGINT "<name>.stopped" and ends.
CHILD = """
import pathlib, signal, sys, time
folder, name = pathlib.Path(sys.argv[1]), sys.argv[2]
def stop(*_):
    (folder / f"{name}.stopped").touch()
    sys.exit(0)
signal.signal(signal.SIGINT, stop)
(folder / f"{name}.started").touch()
if name == "quitter":
    sys.exit(3)
while True:
    time.sleep(0.05)
"""

SUPERVISOR = """
import sys
from dvcq import demo
folder = sys.argv[1]
names = sys.argv[2:]
commands = [[sys.executable, "-c", {child!r}, folder, name] for name in names]
sys.exit(demo.run_together(commands, demo.demo_environment(), poll=0.05, grace=5))
"""


def wait_for(predicate, timeout=60.0, message="timed out"):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, message
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that ended but was not yet reaped by its parent is not running either.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


def supervise(tmp_path, *names):
    return subprocess.Popen(
        [sys.executable, "-c", SUPERVISOR.format(child=CHILD), str(tmp_path), *names],
        cwd=ROOT,
    )


def test_the_demo_settings_turn_debug_off_and_keep_plain_http_working():
    env = demo.demo_environment({"DEBUG": "true", "PATH": os.environ["PATH"]})
    assert env["DJANGO_SETTINGS_MODULE"] == "dvcq.settings_demo" and "DEBUG" not in env
    code = (
        "import json; from django.conf import settings as s; print(json.dumps([s.DEBUG, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, bool(s.SECRET_KEY)]))"
    )
    shown = subprocess.run(
        [sys.executable, "-m", "dvcq.cli", "shell", "-c", code],
        env={**env, "DATABASE_URL": "sqlite://:memory:"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip().splitlines()[-1] == "[false, false, false, true]"


def test_ctrl_c_stops_both_processes(tmp_path):
    supervisor = supervise(tmp_path, "web", "worker")
    wait_for(lambda: (tmp_path / "web.started").exists() and (tmp_path / "worker.started").exists())
    supervisor.send_signal(signal.SIGINT)
    assert supervisor.wait(timeout=30) == 0
    assert (tmp_path / "web.stopped").exists()
    assert (tmp_path / "worker.stopped").exists()


def test_when_one_process_ends_the_other_is_stopped_too(tmp_path):
    supervisor = supervise(tmp_path, "quitter", "worker")
    assert supervisor.wait(timeout=30) == 3
    assert (tmp_path / "worker.stopped").exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to see the processes end")
def test_serve_demo_serves_production_pages_and_ctrl_c_stops_web_server_and_worker(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DVCQ_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DEBUG": "true",  # what a developer's shell may say; the demo turns it off
    }
    log = tmp_path / "serve-demo.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "dvcq.cli", "serve-demo", f"127.0.0.1:{port}"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: "worker pid" in log.read_text() or server.poll() is not None)
        started = re.search(r"web server pid (\d+) .* worker pid (\d+)", log.read_text())
        assert started, log.read_text()[-3000:]
        web, worker = int(started[1]), int(started[2])
        base = f"http://127.0.0.1:{port}"

        def answers():
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            except OSError:
                return False
            return True

        wait_for(answers, message=log.read_text()[-3000:])
        status, _type, html = fetch(f"{base}/khong-co-trang-nay/")
        assert status == 404
        assert "Không tìm thấy trang" in html and "Page not found" not in html
        assert 'class="topbar"' in html
        assert 'href="/static/dvcq/dvcq.css"' in html
        status, content_type, css = fetch(f"{base}/static/dvcq/dvcq.css")
        assert status == 200 and content_type.startswith("text/css") and ".topbar" in css
        status, content_type, body = fetch(f"{base}/api/v1/")
        assert status == 200 and content_type == "application/json"
        assert f"{base}/api/v1/openapi.json" in body

        assert alive(web) and alive(worker)
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0, log.read_text()[-3000:]
        assert not alive(web) and not alive(worker)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
