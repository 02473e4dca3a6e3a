"""``dvcq serve-demo [ADDRESS]``: the demo site and its background worker in one command
(``dvcq.demo``); Ctrl-C stops both."""

from django.core.management.base import BaseCommand, CommandError

from dvcq import demo


class Command(BaseCommand):
    help = (
        "Chạy bản trình diễn: máy chủ web và tiến trình nền (dvcq worker) cùng lúc, "
        "DEBUG tắt như khi triển khai thật; Ctrl-C dừng cả hai."
    )

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--worker-sleep",
            type=float,
            default=5.0,
            help="Số giây nghỉ giữa hai vòng của tiến trình nền (mặc định 5).",
        )

    def handle(self, *args, address="127.0.0.1:8000", worker_sleep=5.0, **options):
        env = demo.demo_environment()

        def started(processes):
            web, worker = processes
            self.stdout.write(
                f"web server pid {web.pid} at http://{address}/; worker pid {worker.pid}; "
                "Ctrl-C stops both",
            )
            self.stdout.flush()

        code = demo.run_together(demo.demo_commands(address, worker_sleep), env, started=started)
        if code:
            raise CommandError(f"a demo process stopped (exit code {code}); the other was stopped")
