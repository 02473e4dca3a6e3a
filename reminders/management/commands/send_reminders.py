"""``dvcq send-reminders``: run one reminder pass now (what the worker does every morning).

``--today YYYY-MM-DD`` runs it as if it were that day (for testing). Running it again the
same day sends nothing twice.
"""

import datetime
import json
import os

from django.core.management.base import BaseCommand, CommandError

from reminders.dispatch import run_reminder_pass


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today expects YYYY-MM-DD, not {value!r}") from exc


class Command(BaseCommand):
    help = "Chạy ngay một lượt nhắc việc (thông báo và thư tổng hợp)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Chạy như thể hôm nay là ngày này (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        day = _day(today) if today else None
        result = run_reminder_pass(day, worker_id=f"send_reminders:{os.getpid()}")
        self.stdout.write(json.dumps(result, ensure_ascii=False, sort_keys=True))
