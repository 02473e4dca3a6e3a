"""The demo server: the web server and the background worker as one command that behaves
like production.

``dvcq serve-demo`` (what ``make run`` ends with) starts ``dvcq runserver`` and
``dvcq worker`` side by side with :func:`demo_environment`: the settings
``dvcq.settings_demo``, DEBUG off, so error pages are the site's Vietnamese ones and static
files are served by WhiteNoise, but with the developer defaults for the rest (no HTTPS-only
cookies or redirect, which a plain ``http://127.0.0.1`` address cannot meet).
:func:`run_together` forwards Ctrl-C (SIGINT) and SIGTERM to both processes, and stops the
other when one of them ends.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping

SETTINGS = "dvcq.settings_demo"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def demo_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (the process's environment) with the demo's settings module. ``DEBUG`` is
    dropped: ``dvcq.settings`` derives the developer defaults from it, and
    ``dvcq.settings_demo`` then turns DEBUG itself off."""
    env = dict(os.environ if base is None else base)
    env.pop("DEBUG", None)
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    return env


def dvcq_command(*args: str) -> list[str]:
    """``dvcq <args>`` with this Python (the project's virtual environment)."""
    return [sys.executable, "-m", "dvcq.cli", *args]


def demo_commands(address: str, worker_sleep: float) -> list[list[str]]:
    return [
        dvcq_command("runserver", address, "--noreload"),
        dvcq_command("worker", "--sleep", str(worker_sleep)),
    ]


def run_together(
    commands: list[list[str]],
    env: Mapping[str, str],
    *,
    started: Callable[[list[subprocess.Popen]], None] | None = None,
    grace: float = 10.0,
    poll: float = 0.2,
) -> int:
    """Run ``commands`` side by side until SIGINT or SIGTERM arrives or one of them ends;
    then send SIGINT to the others, SIGKILL those still running after ``grace`` seconds.

    Returns 0 when stopped by a signal, otherwise the exit code of the process that ended
    first (1 if that was 0: the other one did not mean to stop)."""
    stop = {"signal": None}

    def on_signal(signum, _frame):
        stop["signal"] = signum

    previous = {sig: signal.signal(sig, on_signal) for sig in STOP_SIGNALS}
    processes: list[subprocess.Popen] = []
    try:
        processes = [subprocess.Popen(command, env=dict(env)) for command in commands]  # noqa: S603
        if started is not None:
            started(processes)
        ended = None
        while stop["signal"] is None and ended is None:
            ended = next((p for p in processes if p.poll() is not None), None)
            time.sleep(poll)
    finally:
        _stop_all(processes, grace)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stop["signal"] is not None:
        return 0
    return ended.returncode or 1


def _stop_all(processes: list[subprocess.Popen], grace: float) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
