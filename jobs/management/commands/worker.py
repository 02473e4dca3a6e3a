"""``dvcq worker``: run queued and scheduled background jobs.

Without options it runs until stopped (SIGTERM, Ctrl+C), one round every ``--sleep``
seconds. ``--once`` runs one round (scheduled jobs, retries, every due job) and exits, for
cron or tests.
"""

import signal
import threading

from django.core.management.base import BaseCommand

from jobs.worker import Worker


class Command(BaseCommand):
    help = "Chạy các việc nền đang chờ và các việc theo lịch (nhắc việc hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Chạy một vòng các việc đang chờ rồi thoát."
        )
        parser.add_argument(
            "--sleep", type=float, default=10.0, help="Số giây nghỉ giữa hai vòng (mặc định 10)."
        )
        parser.add_argument("--worker-id", default=None, help="Tên tiến trình trong nhật ký.")

    def handle(self, *args, once=False, sleep=10.0, worker_id=None, **options):
        worker = Worker(worker_id=worker_id)
        if once:
            ran = worker.run_round()
            self.stdout.write(f"{ran} job(s) run")
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write(f"worker {worker.worker_id} started; queue {type(worker.queue).__name__}")
        worker.run_forever(sleep=sleep, stop=stop)
        self.stdout.write("worker stopped")
